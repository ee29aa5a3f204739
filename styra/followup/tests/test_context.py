"""What a unit report shows: due indicators with status, proposals, budget lines."""

from decimal import Decimal as D
from types import SimpleNamespace

import pytest

from styra.budget.services import budget_row_create
from styra.conftest import add_indicator, add_unit_goal
from styra.goals.services import activity_create
from styra.indicators.services import indicator_create, target_set

from ..context import load_report
from ..models import ActivityStatus, Fulfilment
from ..services import (
    activity_status_set,
    budget_follow_up_set,
    outcome_record,
    periods_ensure,
    report_open,
)


def build_report(org, chain, plan, part: str = "T1") -> SimpleNamespace:
    """Enhet A's plan with two goals, indicators of every kind, an activity and a budget."""
    goal = add_unit_goal(chain, org.unit_a, "Alla besök bokas inom tre dagar")
    bare_goal = add_unit_goal(chain, org.unit_a, "Personalen trivs")
    visits = add_indicator(
        goal,
        org.unit_a,
        "Andel besök inom tre dagar",
        target="90 %",
        measure="%",
        periodicity="tertial",
    )
    complaints = add_indicator(
        goal,
        org.unit_a,
        "Antal klagomål",
        target="5 st",
        measure="st",
        direction="lower",
        periodicity="year",
    )
    kf = indicator_create(
        goal=chain.area, owner=org.city, name="Andel nöjda invånare", periodicity="tertial"
    )
    target_set(indicator=kf, org_unit=org.unit_a, text="öka")
    activity = activity_create(goal=goal, owner=org.unit_a, name="Ny bokningsrutin")
    staff = budget_row_create(plan=plan, name="Personalkostnader", costs=D("1000"))
    fees = budget_row_create(plan=plan, name="Avgifter", revenues=D("200"))
    periods = {p.code[-2:]: p for p in periods_ensure(year=chain.year)}
    report = report_open(org_unit=org.unit_a, period=periods[part])
    return SimpleNamespace(
        goal=goal,
        bare_goal=bare_goal,
        visits=visits,
        complaints=complaints,
        kf=kf,
        activity=activity,
        staff=staff,
        fees=fees,
        periods=periods,
        report=report,
    )


@pytest.fixture
def setup(org, chain, plan_a):
    return build_report(org, chain, plan_a)


def test_it_lists_only_the_indicators_due_in_the_period(setup, org, chain, plan_a):
    names = [line.indicator.name for line in load_report(setup.report).indicators]
    assert names == ["Andel nöjda invånare", "Andel besök inom tre dagar"]
    annual = report_open(org_unit=org.unit_a, period=setup.periods["VB"])
    names = {line.indicator.name for line in load_report(annual).indicators}
    assert "Antal klagomål" in names


def test_it_derives_each_status_from_outcome_and_the_units_target(setup, org):
    outcome_record(indicator=setup.visits, org_unit=org.unit_a, period="2026T1", value="82 %")
    outcome_record(indicator=setup.kf, org_unit=org.unit_a, period="2026T1", value="70")
    lines = {line.indicator.pk: line for line in load_report(setup.report).indicators}
    assert lines[setup.visits.pk].status.label == "Delvis uppnått"
    assert lines[setup.kf.pk].status.label == "Kan inte bedömas"  # target "öka"


def test_it_proposes_from_indicators_and_activities_and_lists_missing_assessments(setup, org):
    outcome_record(indicator=setup.visits, org_unit=org.unit_a, period="2026T1", value="95")
    activity_status_set(report=setup.report, activity=setup.activity, status=ActivityStatus.STARTED)
    ctx = load_report(setup.report)
    goals = {line.goal.pk: line for line in ctx.goals}
    assert list(goals) == [setup.goal.pk, setup.bare_goal.pk]  # only the unit's own goals
    # Reached indicator (1) and, in a forecast, a started activity on track (1).
    assert goals[setup.goal.pk].proposed == Fulfilment.FULFILLED
    assert goals[setup.bare_goal.pk].proposed == ""
    assert [line.goal.pk for line in ctx.missing_assessments] == [setup.goal.pk, setup.bare_goal.pk]


def test_it_computes_budget_deviations_with_revenues_the_other_way(setup):
    budget_follow_up_set(
        row=setup.staff, period="2026T1", outcome=D("400"), forecast=D("1100"), comment="Vikarier."
    )
    budget_follow_up_set(row=setup.fees, period="2026T1", outcome=D("90"), forecast=D("250"))
    lines = {line.row.pk: line for line in load_report(setup.report).budget}
    assert lines[setup.staff.pk].deviation == D("-100") and lines[setup.staff.pk].deficit
    assert lines[setup.fees.pk].deviation == D("50") and not lines[setup.fees.pk].deficit


def test_it_shows_a_report_without_a_plan(org, chain):
    period = periods_ensure(year=chain.year)[0]
    ctx = load_report(report_open(org_unit=org.unit_b, period=period))
    assert ctx.plan is None and ctx.goals == [] and ctx.budget == []
    assert [s.heading for s in ctx.sections] == ["Viktiga händelser", "Analys", "Framtid"]


def test_it_asks_a_committee_to_assess_its_own_board_goals(org, chain):
    from styra.plans.services import plan_create

    plan = plan_create(unit=org.north, year=chain.year)
    plan.chain_goals.add(chain.board)
    period = periods_ensure(year=chain.year)[2]
    ctx = load_report(report_open(org_unit=org.north, period=period))
    assert [line.goal.pk for line in ctx.goals] == [chain.board.pk]


def test_it_gives_a_committee_report_its_board_goals_with_a_proposal_from_the_units(
    org, chain, plan_a, editor_a
):
    from styra.followup.context import load_report
    from styra.followup.models import Fulfilment
    from styra.followup.services import assessment_set, periods_ensure, report_open

    t1 = periods_ensure(year=chain.year)[0]
    unit_goal = add_unit_goal(chain, org.unit_a, "Eget mål")
    unit_report = report_open(org_unit=org.unit_a, period=t1)
    assessment_set(report=unit_report, goal=unit_goal, value=Fulfilment.FULFILLED, proposed="")
    indicator = add_indicator(
        chain.board, org.north, "Nämndens indikator", target="10 st", periodicity="tertial"
    )

    ctx = load_report(report_open(org_unit=org.north, period=t1))

    assert [line.goal for line in ctx.goals] == [chain.board]
    assert ctx.goals[0].proposed == Fulfilment.FULFILLED
    assert [line.indicator for line in ctx.goals[0].indicators] == [indicator]
    assert ctx.goals[0].indicators[0].target == "10 st"
    assert [line.goal for line in ctx.missing_assessments] == [chain.board]
