"""followup 0007, run for real: every planning year gets the T1, T2 and VB periods it lacks.

Years created by an import's --create-chain (or the chain page) before every new year got its
periods had none, so `export-report` for them failed.
"""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from styra.goals.models import PlanningYear

from ..models import ReportingPeriod


def _migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True)
def test_migrating_forwards_gives_every_year_its_missing_periods():
    _migrate([("followup", "0006_freeze_decided_reports")])
    bare = PlanningYear.objects.create(year=2031)
    started = PlanningYear.objects.create(year=2032)
    ReportingPeriod.objects.create(
        year=started, code="2032T1", cutoff=date(2032, 4, 30), deadline=date(2032, 5, 20)
    )

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    periods = {
        p.code: (p.year_id, p.cutoff, p.deadline) for p in ReportingPeriod.objects.order_by("code")
    }
    assert periods == {
        "2031T1": (bare.pk, date(2031, 4, 30), date(2031, 5, 14)),
        "2031T2": (bare.pk, date(2031, 8, 31), date(2031, 9, 14)),
        "2031VB": (bare.pk, date(2031, 12, 31), date(2032, 1, 14)),
        # The period the year had keeps its dates.
        "2032T1": (started.pk, date(2032, 4, 30), date(2032, 5, 20)),
        "2032T2": (started.pk, date(2032, 8, 31), date(2032, 9, 14)),
        "2032VB": (started.pk, date(2032, 12, 31), date(2033, 1, 14)),
    }
