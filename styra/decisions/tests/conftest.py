"""A plan with one of everything, and a report ready to approve, for the publication tests."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from styra.budget.services import budget_row_create
from styra.conftest import add_indicator, add_unit_goal
from styra.decisions.services import plan_submit, report_submit
from styra.followup.models import Fulfilment
from styra.followup.services import assessment_set
from styra.followup.tests.test_context import build_report
from styra.goals.services import activity_create
from styra.plans.services import section_create

from ..services import plan_adopt


@pytest.fixture
def content(org, chain, plan_a):
    """Unit A's plan: a section, a unit goal with narrative, an indicator, an activity, budget."""
    section = section_create(plan=plan_a, heading="Inledning", text="Enheten ger stöd i tid.")
    goal = add_unit_goal(
        chain, org.unit_a, "Alla besök bokas inom tre dagar", description="Vi ringer upp samma dag."
    )
    indicator = add_indicator(
        goal, org.unit_a, "Andel besök inom tre dagar", target="90 %", periodicity="tertial"
    )
    activity = activity_create(goal=goal, owner=org.unit_a, name="Ny bokningsrutin")
    row = budget_row_create(plan=plan_a, name="Personalkostnader", costs=Decimal("1000"))
    return SimpleNamespace(
        plan=plan_a, section=section, goal=goal, indicator=indicator, activity=activity, row=row
    )


@pytest.fixture
def adopted(content, approver):
    """Unit A's plan adopted once by the approver: version 1."""
    plan_submit(plan=content.plan, by=None)
    snapshot = plan_adopt(plan=content.plan, by=approver)
    content.snapshot = snapshot
    return content


@pytest.fixture
def submitted_report(org, chain, plan_a, editor_a):
    """Unit A's T1 report with every goal assessed, submitted by its editor."""
    setup = build_report(org, chain, plan_a)
    for goal in (setup.goal, setup.bare_goal):
        assessment_set(report=setup.report, goal=goal, value=Fulfilment.FULFILLED, proposed="")
    report_submit(report=setup.report, by=editor_a)
    return setup.report


def adopt_as_older_styra(plan) -> None:
    """The plan adopted the way Styra did before every adoption took a snapshot: only the
    row says so. No service can do this any more; old databases hold such plans."""
    from django.utils import timezone

    from styra.plans.models import Plan, PlanStatus

    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.ADOPTED, adopted_at=timezone.now())
    plan.refresh_from_db()
