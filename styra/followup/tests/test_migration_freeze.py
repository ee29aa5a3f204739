"""The migrations that add the frozen fields (followup 0004) and freeze the reports already
handed in (followup 0006), run for real: every app they read is taken back to the state 0004
starts from and then forwards to today, over a database holding an approved report, on
whichever database the tests use (SQLite, and PostgreSQL in CI).

The freezing reads today's models, so a later migration that adds or renames a column of
what it reads makes it fail on an existing database with decided reports; this test then
fails too (move the freezing after that migration: a new migration, as 0006 took it from
0004, since one already applied never runs again). A later migration that changes no
column (an on_delete) leaves it working."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

from styra.decisions.services import report_approve, report_submit
from styra.followup.interchange import unit_report_data

from ..models import Report, ReportStatus
from ..services import assessment_set
from .test_context import build_report

FREEZE = ("followup", "0004_report_frozen_content")


def _migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def _columns(table: str) -> list[str]:
    with connection.cursor() as cursor:
        return [c.name for c in connection.introspection.get_table_description(cursor, table)]


@pytest.mark.django_db(transaction=True)
def test_migrating_forwards_freezes_the_handed_in_reports(org, chain, plan_a, approver):
    s = build_report(org, chain, plan_a)
    for goal in (s.goal, s.bare_goal):
        assessment_set(report=s.report, goal=goal, value="fulfilled", proposed="")
    report_submit(report=s.report, by=None)
    report_approve(report=s.report, by=approver)
    expected = Report.objects.get(pk=s.report.pk)
    before = unit_report_data(Report.objects.with_header().get(pk=s.report.pk))
    graph = MigrationLoader(connection).graph
    start = [dep for dep in graph.nodes[FREEZE].dependencies if dep[0] != "followup"]

    _migrate([("followup", "0003_protect_report_data"), *start])
    assert "frozen_content" not in _columns(Report._meta.db_table)
    _migrate(graph.leaf_nodes())

    report = Report.objects.get(pk=s.report.pk)
    assert report.status == ReportStatus.APPROVED
    assert report.frozen_content and report.frozen_figures == expected.frozen_figures
    # What the export says is what it said before (the status is the report's own, as read).
    assert unit_report_data(Report.objects.with_header().get(pk=s.report.pk)) == before
