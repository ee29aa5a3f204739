"""A draft year is the city's and the committees' administrators' to prepare: to everyone else
it does not exist, and nobody plans or reports in it until it is opened for the units."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from styra.cycle.services import year_open, year_release
from styra.followup.models import ReportingPeriod
from styra.followup.services import report_open
from styra.goals.models import Goal, Level
from styra.importer.services import plan_import
from styra.indicators.models import Indicator
from styra.plans.models import Plan
from styra.plans.services import plan_copy_to_year, plan_create
from styra.plans.tests.test_interchange import small_plan

DRAFT_MESSAGE = "Planeringsåret 2027 är ett utkast som staden förbereder."


@pytest.fixture
def draft(org, full_year, city_admin):
    return year_open(year=2027, from_year=2026, committees=[org.north], by=city_admin).year


@pytest.mark.parametrize("persona", ["city_admin", "committee_admin"])
def test_the_administrators_see_the_draft_on_the_chain_page(client, request, draft, persona):
    client.force_login(request.getfixturevalue(persona))
    html = client.get(reverse("goals:chain_year", args=[2027])).content.decode()
    assert "2027 är ett utkast." in html
    assert "Ingen ska vänta längre än nödvändigt" in html
    # The chain page still opens on the open year; the draft is in the year selector.
    home = client.get(reverse("goals:chain")).content.decode()
    assert "<h1>Målkedjan 2026</h1>" in home and "2027 (utkast)" in home
    release = reverse("cycle:year_release", args=[2027])
    assert (release in html) == (persona == "city_admin")


@pytest.mark.parametrize(
    "persona", ["committee_editor", "editor_a", "reader", "approver", "controller", "outsider"]
)
def test_nobody_else_sees_the_draft(client, request, draft, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("goals:chain_year", args=[2027])).status_code == 404
    assert "2027" not in client.get(reverse("goals:chain")).content.decode()
    board = Goal.objects.get(year=draft, level=Level.BOARD)
    assert client.get(reverse("goals:goal_block", args=[board.pk])).status_code == 404
    indicator = Indicator.objects.filter(goal__year=draft).first()
    assert client.get(reverse("indicators:detail", args=[indicator.pk])).status_code == 404


def test_once_opened_everyone_sees_it(client, reader, draft, city_admin):
    year_release(year=draft, by=city_admin)
    client.force_login(reader)
    assert client.get(reverse("goals:chain_year", args=[2027])).status_code == 200
    assert "<h1>Målkedjan 2027</h1>" in client.get(reverse("goals:chain")).content.decode()


def test_nobody_plans_in_a_draft_year(org, draft, plan_a, city_admin):
    with pytest.raises(ValidationError, match=DRAFT_MESSAGE):
        plan_create(unit=org.unit_b, year=draft)
    with pytest.raises(ValidationError, match=DRAFT_MESSAGE):
        plan_copy_to_year(plan=plan_a, year=2027)
    with pytest.raises(ValidationError, match=DRAFT_MESSAGE):
        plan_import(data=small_plan(unit="Enhet B", year=2027), user=city_admin, unit=org.unit_b)
    with pytest.raises(ValidationError, match="2027 är ett utkast"):
        report_open(org_unit=org.unit_a, period=ReportingPeriod.objects.get(code="2027T1"))
    assert not Plan.objects.filter(year=draft).exists()


def test_the_copy_page_offers_only_open_years(client, editor_a, draft, plan_a, city_admin):
    client.force_login(editor_a)
    url = reverse("plans:copy", args=[plan_a.pk])
    assert 'value="2027"' not in client.get(url).content.decode()
    assert client.post(url, {"year": 2027}).status_code == 400
    year_release(year=draft, by=city_admin)
    assert '<option value="2027" selected>2027</option>' in client.get(url).content.decode()


def test_the_unit_page_refuses_a_plan_in_a_draft_year(client, editor_a, org, draft):
    client.force_login(editor_a)
    response = client.post(reverse("plans:unit", args=[org.unit_a.pk]), {"year": 2027})
    assert response.status_code == 200
    assert DRAFT_MESSAGE in response.content.decode()
    assert not Plan.objects.filter(year=draft).exists()


def test_the_followup_pages_leave_a_draft_years_periods_out(client, editor_a, org, draft):
    client.force_login(editor_a)
    html = client.get(reverse("followup:home") + "?ar=2027").content.decode()
    assert "Tertialrapport 1 2027" not in html
    period = ReportingPeriod.objects.get(code="2027T1")
    response = client.post(
        reverse("followup:report_open"), {"unit": org.unit_a.pk, "period": period.pk}
    )
    assert response.status_code == 404
    assert client.get(reverse("followup:rollup_city", args=["2027T1"])).status_code == 404
    committee = reverse("documents:committee_report", args=[org.north.pk, "2027T1", "json"])
    assert client.get(committee).status_code == 404


def test_the_interchange_json_is_unchanged_by_the_draft(client, reader, draft, plan_a):
    """A draft year changes nothing in the open year's documents."""
    client.force_login(reader)
    data = json.loads(client.get(reverse("documents:plan", args=[plan_a.pk, "json"])).content)
    assert data["year"] == 2026
