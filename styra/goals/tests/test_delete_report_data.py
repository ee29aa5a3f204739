"""The goal chain's deletes keep decided report data and ask before taking draft data."""

from decimal import Decimal

import pytest
from django.urls import reverse

from styra.conftest import add_unit_goal
from styra.decisions.services import report_approve, report_submit
from styra.followup.models import Fulfilment, Report
from styra.followup.services import assessment_set, outcome_record, periods_ensure, report_open
from styra.goals.models import Goal, Level
from styra.goals.services import goal_create
from styra.indicators.models import Indicator, Outcome
from styra.indicators.services import indicator_create, target_set

HTMX = {"HX-Request": "true"}


@pytest.fixture
def kf_indicator(org, chain, plan_a, plan_b):
    """KF's indicator with Enhet A's and Enhet B's T1 outcomes, both reports drafts."""
    indicator = indicator_create(
        goal=chain.area, owner=org.city, name="KF-indikatorn", periodicity="tertial"
    )
    t1 = periods_ensure(year=chain.year)[0]
    for unit in (org.unit_a, org.unit_b):
        target_set(indicator=indicator, org_unit=unit, text="80")
        report_open(org_unit=unit, period=t1)
        outcome_record(indicator=indicator, org_unit=unit, period="2026T1", value=Decimal(70))
    return indicator


@pytest.mark.django_db
def test_it_asks_before_deleting_draft_outcomes_of_every_unit(client, city_admin, kf_indicator):
    client.force_login(city_admin)
    delete = reverse("goals:indicator_delete", args=[kf_indicator.pk])
    response = client.post(delete, headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert response["HX-Retarget"] == f"#slot-goal-{kf_indicator.goal_id}"
    assert "1 utfall i utkastet till Tertialrapport 1 2026 – Enhet A" in html
    assert "1 utfall i utkastet till Tertialrapport 1 2026 – Enhet B" in html
    assert '<input type="hidden" name="confirm" value="1">' in html
    assert Outcome.objects.count() == 2

    client.post(delete, {"confirm": "1"}, headers=HTMX)
    assert not Indicator.objects.filter(pk=kf_indicator.pk).exists()
    assert Outcome.objects.count() == 0


@pytest.mark.django_db
def test_it_refuses_when_one_units_report_is_approved(client, city_admin, org, chain, kf_indicator):
    report = Report.objects.get(org_unit=org.unit_a)
    goal = add_unit_goal(chain, org.unit_a, "Mål")
    assessment_set(report=report, goal=goal, value=Fulfilment.FULFILLED, proposed="")
    report_submit(report=report, by=None)
    report_approve(report=report, by=None)
    client.force_login(city_admin)
    response = client.post(
        reverse("goals:indicator_delete", args=[kf_indicator.pk]), {"confirm": "1"}, headers=HTMX
    )
    assert (
        "Indikatorn har utfall i Tertialrapport 1 2026 – Enhet A (godkänd), som är inlämnad "
        "eller godkänd." in response.content.decode()
    )
    assert Outcome.objects.count() == 2
    assert Indicator.objects.filter(pk=kf_indicator.pk).exists()


@pytest.mark.django_db
def test_a_board_goal_delete_asks_without_htmx_too(client, committee_editor, org, chain):
    goal = goal_create(
        year=chain.year,
        level=Level.BOARD,
        owner=org.north,
        parent=chain.area,
        title="Nytt nämndmål",
    )
    t1 = periods_ensure(year=chain.year)[0]
    assessment_set(
        report=report_open(org_unit=org.north, period=t1),
        goal=goal,
        value=Fulfilment.PARTLY,
        proposed="",
    )
    client.force_login(committee_editor)
    delete = reverse("goals:goal_delete", args=[goal.pk])
    html = client.post(delete).content.decode()
    assert "Målet har 1 bedömning i utkastet till Tertialrapport 1 2026." in html
    assert f'action="{delete}"' in html
    assert Goal.objects.filter(pk=goal.pk).exists()
    client.post(delete, {"confirm": "1"})
    assert not Goal.objects.filter(pk=goal.pk).exists()
