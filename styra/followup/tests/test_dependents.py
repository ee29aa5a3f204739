"""Deleting plan objects never takes a submitted or approved report's data with it.

Reproduction (issue 9): deleting a goal in a draft plan cascaded into approved T1/T2 and a
submitted VB (6 outcomes, 3 assessments, 3 activity follow-ups gone).
"""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError

from styra.budget.services import budget_row_create, budget_row_delete
from styra.conftest import add_unit_goal
from styra.decisions.services import report_approve, report_reopen, report_submit
from styra.followup.dependents import report_data_for
from styra.followup.models import (
    ActivityFollowUp,
    ActivityStatus,
    BudgetFollowUp,
    Fulfilment,
    GoalAssessment,
)
from styra.followup.services import (
    activity_status_set,
    assessment_set,
    budget_follow_up_set,
    outcome_record,
    periods_ensure,
    report_open,
)
from styra.goals.models import Activity, Goal
from styra.goals.services import activity_create, activity_delete, goal_delete
from styra.indicators.models import Indicator, Outcome
from styra.indicators.services import indicator_create, indicator_delete
from styra.lib.dependents import ConfirmationNeeded


def counts() -> tuple[int, int, int, int]:
    return (
        Outcome.objects.count(),
        GoalAssessment.objects.count(),
        ActivityFollowUp.objects.count(),
        BudgetFollowUp.objects.count(),
    )


def unit_goal(org, chain, title="Svar i tid"):
    goal = add_unit_goal(chain, org.unit_a, title)
    indicators = [
        indicator_create(goal=goal, owner=org.unit_a, name=name, measure="%", periodicity="tertial")
        for name in ("Andel svar inom en vecka", "Andel nöjda")
    ]
    activity = activity_create(goal=goal, owner=org.unit_a, name="Ny rutin för ärenden")
    return goal, indicators, activity


def report_on(org, period, goal, indicators, activity, row=None, *, status="draft"):
    """Enhet A's report for `period` with an outcome per indicator, the goal assessed,
    the activity followed up (and the budget row), left in `status`."""
    report = report_open(org_unit=org.unit_a, period=period)
    for indicator in indicators:
        outcome_record(
            indicator=indicator, org_unit=org.unit_a, period=period.code, value=Decimal(80)
        )
    assessment_set(report=report, goal=goal, value=Fulfilment.FULFILLED, proposed="")
    activity_status_set(report=report, activity=activity, status=ActivityStatus.STARTED)
    if row is not None:
        budget_follow_up_set(
            row=row, period=period.code, outcome=Decimal(300), forecast=Decimal(900)
        )
    if status != "draft":
        report_submit(report=report, by=None)
    if status == "approved":
        report_approve(report=report, by=None)
    return report


@pytest.fixture
def decided(org, chain, plan_a):
    """The reproduction: approved T1 and T2, a submitted VB, the plan itself a draft."""
    goal, indicators, activity = unit_goal(org, chain)
    row = budget_row_create(plan=plan_a, name="Verksamheten", net=Decimal(1000))
    t1, t2, vb = periods_ensure(year=chain.year)
    for period, status in ((t1, "approved"), (t2, "approved"), (vb, "submitted")):
        report_on(org, period, goal, indicators, activity, row, status=status)
    return type("Decided", (), dict(goal=goal, indicators=indicators, activity=activity, row=row))


@pytest.mark.django_db
@pytest.mark.parametrize("confirmed", [False, True])
def test_it_refuses_to_delete_a_goal_with_decided_report_data(decided, confirmed):
    assert counts() == (6, 3, 3, 3)
    with pytest.raises(ValidationError) as refused:
        goal_delete(goal=decided.goal, confirmed=confirmed)
    message = " ".join(refused.value.messages)
    assert message == (
        "Målet har uppföljning i Tertialrapport 1 2026 (godkänd), Tertialrapport 2 2026 "
        "(godkänd), Verksamhetsberättelse 2026 (inlämnad), som är inlämnade eller godkända. "
        "Målet kan inte tas bort förrän rapporterna har öppnats igen."
    )
    assert not isinstance(refused.value, ConfirmationNeeded)
    assert counts() == (6, 3, 3, 3)
    assert Goal.objects.filter(pk=decided.goal.pk).exists()
    assert Indicator.objects.filter(goal=decided.goal).count() == 2
    assert Activity.objects.filter(goal=decided.goal).count() == 1


@pytest.mark.django_db
def test_it_refuses_to_delete_an_indicator_activity_or_budget_row_with_decided_data(decided):
    with pytest.raises(ValidationError, match="Indikatorn har utfall i Tertialrapport 1 2026"):
        indicator_delete(indicator=decided.indicators[0], confirmed=True)
    with pytest.raises(ValidationError, match="Aktiviteten är uppföljd i Tertialrapport 1"):
        activity_delete(activity=decided.activity, confirmed=True)
    with pytest.raises(ValidationError, match="Budgetraden är uppföljd i Tertialrapport 1"):
        budget_row_delete(row=decided.row, confirmed=True)
    assert counts() == (6, 3, 3, 3)
    assert Indicator.objects.filter(pk=decided.indicators[0].pk).exists()


@pytest.mark.django_db
def test_it_names_only_the_decided_reports_and_waits_for_them_to_be_reopened(org, decided):
    """One approved report reopened is a draft again: the refusal names the two others."""
    from styra.followup.models import Report

    t1 = Report.objects.get(org_unit=org.unit_a, period__code="2026T1")
    report_reopen(report=t1, by=None, reason="Fel siffror")
    with pytest.raises(ValidationError) as refused:
        activity_delete(activity=decided.activity)
    message = refused.value.messages[0]
    assert "Tertialrapport 2 2026 (godkänd)" in message
    assert "Verksamhetsberättelse 2026 (inlämnad)" in message
    assert "Tertialrapport 1" not in message


@pytest.mark.django_db
def test_the_database_refuses_a_cascade_from_a_parent_goal(org, chain, decided):
    """Goal.parent and Activity.goal cascade; the report rows under them are PROTECT."""
    with pytest.raises(ProtectedError):
        chain.board.delete()
    with pytest.raises(ProtectedError):
        decided.goal.delete()
    with pytest.raises(ProtectedError):
        Activity.objects.filter(pk=decided.activity.pk).delete()
    assert counts() == (6, 3, 3, 3)


@pytest.mark.django_db
def test_a_parent_goal_counts_what_its_children_reported(org, chain, decided):
    dependents = report_data_for(goals=[chain.area])
    assert decided.goal.pk in dependents.goal_ids
    assert [(d.outcomes, d.assessments, d.activity_follow_ups) for d in dependents.decided] == [
        (2, 1, 1)
    ] * 3
    with pytest.raises(ValidationError, match="mål under sig"):
        goal_delete(goal=chain.area, confirmed=True)
    assert counts() == (6, 3, 3, 3)


@pytest.mark.django_db
def test_draft_data_goes_only_after_confirmation(org, chain, plan_a):
    goal, indicators, activity = unit_goal(org, chain)
    _t1, t2, _vb = periods_ensure(year=chain.year)
    report_on(org, t2, goal, indicators, activity)
    with pytest.raises(ConfirmationNeeded) as asked:
        goal_delete(goal=goal)
    assert asked.value.summary == (
        "Målet har 2 utfall, 1 bedömning och 1 uppföljning av aktivitet i utkastet till "
        "Tertialrapport 2 2026. De tas bort med målet."
    )
    assert asked.value.lines == [
        "2 utfall, 1 bedömning och 1 uppföljning av aktivitet i utkastet till Tertialrapport 2 2026"
    ]
    assert counts() == (2, 1, 1, 0)
    assert Goal.objects.filter(pk=goal.pk).exists()

    goal_delete(goal=goal, confirmed=True)
    assert counts() == (0, 0, 0, 0)
    assert not Goal.objects.filter(pk=goal.pk).exists()
    assert not Indicator.objects.filter(pk__in=[i.pk for i in indicators]).exists()


@pytest.mark.django_db
def test_outcomes_in_no_report_also_need_confirmation(org, chain, plan_a):
    goal, indicators, _activity = unit_goal(org, chain)
    outcome_record(
        indicator=indicators[0], org_unit=org.unit_a, period="2026M03", value=Decimal(70)
    )
    with pytest.raises(ConfirmationNeeded) as asked:
        indicator_delete(indicator=indicators[0])
    assert asked.value.summary == (
        "Indikatorn har 1 utfall som inte hör till någon rapport. De tas bort med indikatorn."
    )
    indicator_delete(indicator=indicators[0], confirmed=True)
    assert not Outcome.objects.exists()


@pytest.mark.django_db
def test_nothing_to_confirm_deletes_at_once(org, chain, plan_a):
    goal, _indicators, _activity = unit_goal(org, chain)
    goal_delete(goal=goal)
    assert not Goal.objects.filter(pk=goal.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "reason"),
    [
        (
            "submitted",
            "Rapporten för Tertialrapport 1 2026 är inlämnad; utfallet kan inte ändras förrän "
            "den har öppnats igen.",
        ),
        ("approved", "Rapporten för Tertialrapport 1 2026 är godkänd; utfallet kan inte ändras."),
    ],
)
def test_the_outcome_service_refuses_a_decided_report(org, chain, plan_a, status, reason):
    goal, indicators, activity = unit_goal(org, chain)
    t1 = periods_ensure(year=chain.year)[0]
    report_on(org, t1, goal, indicators, activity, status=status)
    before = list(Outcome.objects.values_list("pk", "value", "comment"))
    with pytest.raises(ValidationError) as refused:
        outcome_record(
            indicator=indicators[0],
            org_unit=org.unit_a,
            period="2026T1",
            value="12",
            comment="Ändrat",
        )
    assert refused.value.messages == [reason]
    assert list(Outcome.objects.values_list("pk", "value", "comment")) == before


@pytest.mark.django_db
def test_the_budget_follow_up_service_refuses_a_submitted_report(org, chain, plan_a):
    goal, indicators, activity = unit_goal(org, chain)
    row = budget_row_create(plan=plan_a, name="Verksamheten", net=Decimal(1000))
    t1 = periods_ensure(year=chain.year)[0]
    report_on(org, t1, goal, indicators, activity, row, status="submitted")
    with pytest.raises(ValidationError, match="inlämnad; budgeten kan inte ändras"):
        budget_follow_up_set(row=row, period="2026T1", outcome=Decimal(1), forecast=Decimal(2))
    assert BudgetFollowUp.objects.get().outcome == Decimal(300)
