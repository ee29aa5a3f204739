"""A committee's internal control plan with one process, for the room's tests."""

from datetime import date

import pytest

from styra.followup.models import ReportingPeriod

from ..services import control_plan_create, process_create


@pytest.fixture
def control_plan(org, chain):
    """Norra nämnden's internal control plan for 2026, with one process and no risks."""
    plan = control_plan_create(org_unit=org.north, year=chain.year)
    process_create(plan=plan, title="Inköp och upphandling")
    return plan


@pytest.fixture
def process(control_plan):
    return control_plan.processes.get()


@pytest.fixture
def periods(chain):
    """The year's T1, T2 and VB (the `chain` fixture's year has no periods of its own)."""
    return {
        part: ReportingPeriod.objects.create(
            year=chain.year,
            code=f"2026{part}",
            cutoff=date(2026, month, 28),
            deadline=date(2026, month, 28),
        )
        for part, month in (("T1", 4), ("T2", 8), ("VB", 12))
    }


@pytest.fixture
def guarantee(org, chain, plan_a):
    """Unit A's quality guarantee of 2026, part of its draft plan."""
    from ..guarantee_services import guarantee_create

    return guarantee_create(
        unit=org.unit_a,
        year=chain.year,
        promise="Du får ett första samtal",
        term="inom 7 dagar från ansökan",
        target_percent=90,
        remedy="Vi ringer upp dig samma dag som vi upptäcker felet.",
    )
