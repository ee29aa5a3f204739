"""The migration that freezes reports already handed in (followup 0004), run for real:
backwards to before it and forwards again over a database holding a submitted and an
approved report, on whichever database the tests use (SQLite, and PostgreSQL in CI).

Its freezing reads today's models, so it must stay after every migration of the apps it
reads: the second test fails when a later migration is added without moving it."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

from styra.documents.report_layout import unit_report_data
from styra.publication.services import report_approve_with_snapshot

from ..models import Report, ReportStatus
from ..services import assessment_set, report_submit
from .test_context import build_report

FREEZE = ("followup", "0004_report_frozen_content")


def _migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True)
def test_migrating_forwards_freezes_the_handed_in_reports(org, chain, plan_a, approver):
    s = build_report(org, chain, plan_a)
    for goal in (s.goal, s.bare_goal):
        assessment_set(report=s.report, goal=goal, value="fulfilled", proposed="")
    report_submit(report=s.report, by=None)
    report_approve_with_snapshot(report=s.report, by=approver)
    expected = Report.objects.get(pk=s.report.pk)
    before = unit_report_data(Report.objects.with_header().get(pk=s.report.pk))
    leaves = MigrationLoader(connection).graph.leaf_nodes()

    _migrate([("followup", "0003_protect_report_data")])
    with connection.cursor() as cursor:
        columns = [
            c.name
            for c in connection.introspection.get_table_description(cursor, Report._meta.db_table)
        ]
    assert "frozen_content" not in columns
    _migrate(leaves)

    report = Report.objects.get(pk=s.report.pk)
    assert report.status == ReportStatus.APPROVED
    assert report.frozen_content and report.frozen_figures == expected.frozen_figures
    # What the export says is what it said before (the status is the report's own, as read).
    assert unit_report_data(Report.objects.with_header().get(pk=s.report.pk)) == before
    assert report.frozen_figures == expected.frozen_figures


def test_the_freezing_migration_runs_after_every_migration_it_reads():
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    leaves = dict(graph.leaf_nodes())
    node = graph.nodes[FREEZE]
    read = {app: name for app, name in node.dependencies if app != "followup"}
    assert leaves["followup"] == FREEZE[1], "freeze_decided_reports must be followup's last"
    assert read == {app: leaves[app] for app in read}
