"""The plan page's deletes and the importer's replace keep decided report data.

Deleting with data in a decided report is refused with the reports named; with data only
in a draft report the page asks first (a real form), and deletes only once confirmed.
"""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from styra.budget.models import BudgetRow
from styra.followup.models import ActivityFollowUp, BudgetFollowUp, GoalAssessment
from styra.followup.services import budget_follow_up_set, periods_ensure
from styra.followup.tests import test_dependents
from styra.followup.tests.test_dependents import counts, report_on, unit_goal
from styra.goals.models import Goal, Level
from styra.importer.services import plan_import
from styra.indicators.models import Indicator, Outcome
from styra.plans.interchange import plan_to_dict

decided = test_dependents.decided
HTMX = {"HTTP_HX_REQUEST": "true"}


def url(name, *args):
    return reverse(f"plans:{name}", args=args)


@pytest.fixture
def drafted(org, chain, plan_a):
    """A goal whose indicators and activity are followed up in T2's draft."""
    goal, indicators, activity = unit_goal(org, chain)
    _t1, t2, _vb = periods_ensure(year=chain.year)
    report_on(org, t2, goal, indicators, activity)
    return type("Drafted", (), dict(goal=goal, indicators=indicators, activity=activity))


@pytest.mark.django_db
@pytest.mark.parametrize("headers", [{}, HTMX])
def test_the_page_refuses_a_delete_into_decided_reports(client, editor_a, plan_a, decided, headers):
    client.force_login(editor_a)
    response = client.post(url("goal_delete", plan_a.pk, decided.goal.pk), follow=True, **headers)
    assert "Målet har uppföljning i Tertialrapport 1 2026 (godkänd)" in response.content.decode()
    for name, pk in (
        ("indicator_delete", decided.indicators[0].pk),
        ("activity_delete", decided.activity.pk),
        ("budget_row_delete", decided.row.pk),
    ):
        response = client.post(url(name, plan_a.pk, pk), {"confirm": "1"}, follow=True, **headers)
        assert "inlämnade eller godkända" in response.content.decode()
    assert counts() == (6, 3, 3, 3)
    assert Goal.objects.filter(pk=decided.goal.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("headers", [{}, HTMX])
def test_the_page_asks_before_deleting_draft_data(client, editor_a, plan_a, drafted, headers):
    client.force_login(editor_a)
    delete = url("goal_delete", plan_a.pk, drafted.goal.pk)
    response = client.post(delete, **headers)
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "Målet har 2 utfall, 1 bedömning och 1 uppföljning av aktivitet i utkastet till "
        "Tertialrapport 2 2026. De tas bort med målet."
    ) in html
    # A real form back to the same address, keyboard reachable: no script dialog.
    assert f'action="{delete}"' in html
    assert '<input type="hidden" name="confirm" value="1">' in html
    assert '<button type="submit" class="button button--primary">Ta bort</button>' in html
    if headers:
        assert response["HX-Retarget"] == "#slot-chain"
    assert counts() == (2, 1, 1, 0)
    assert Goal.objects.filter(pk=drafted.goal.pk).exists()

    response = client.post(delete, {"confirm": "1"}, **headers)
    assert response.status_code in (200, 302)
    assert counts() == (0, 0, 0, 0)
    assert not Goal.objects.filter(pk=drafted.goal.pk).exists()


@pytest.mark.django_db
def test_the_page_asks_before_deleting_a_budget_row_with_draft_follow_ups(
    client, editor_a, org, chain, plan_a
):
    from styra.budget.services import budget_row_create

    row = budget_row_create(plan=plan_a, name="Verksamheten", net=Decimal(1000))
    budget_follow_up_set(row=row, period="2026M03", outcome=Decimal(1), forecast=Decimal(900))
    client.force_login(editor_a)
    delete = url("budget_row_delete", plan_a.pk, row.pk)
    response = client.post(delete, **HTMX)
    assert "Budgetraden har 1 uppföljning av budget som inte hör till någon rapport." in (
        response.content.decode()
    )
    assert BudgetRow.objects.filter(pk=row.pk).exists()
    client.post(delete, {"confirm": "1"}, **HTMX)
    assert not BudgetRow.objects.filter(pk=row.pk).exists()
    assert not BudgetFollowUp.objects.exists()


# ---------------------------------------------------------------- the importer's replace


@pytest.mark.django_db
def test_replace_refuses_when_decided_reports_hold_the_plans_data(org, plan_a, decided):
    data = plan_to_dict(plan_a)
    before = (counts(), Goal.objects.count(), Indicator.objects.count())
    with pytest.raises(ValidationError) as refused:
        plan_import(data=data, unit=org.unit_a, replace=True)
    assert refused.value.messages[0].startswith(
        "Planens mål, indikatorer, aktiviteter eller budget är uppföljda i Tertialrapport 1 "
        "2026 (godkänd), Tertialrapport 2 2026 (godkänd), Verksamhetsberättelse 2026 "
        "(inlämnad)"
    )
    assert (counts(), Goal.objects.count(), Indicator.objects.count()) == before
    assert Goal.objects.filter(pk=decided.goal.pk).exists()
    assert BudgetRow.objects.filter(pk=decided.row.pk).exists()


@pytest.mark.django_db
def test_replace_says_what_draft_data_went_with_the_old_plan(org, chain, plan_a, drafted):
    data = plan_to_dict(plan_a)
    report = plan_import(data=data, unit=org.unit_a, replace=True)
    assert (
        "Den tidigare planen hade 2 utfall, 1 bedömning och 1 uppföljning av aktivitet i "
        "utkastet till Tertialrapport 2 2026. De togs bort med den."
    ) in report.warnings
    assert not Goal.objects.filter(pk=drafted.goal.pk).exists()
    assert Goal.objects.filter(owner=org.unit_a, level=Level.UNIT).count() == 1
    assert not (
        Outcome.objects.exists()
        or GoalAssessment.objects.exists()
        or ActivityFollowUp.objects.exists()
    )
