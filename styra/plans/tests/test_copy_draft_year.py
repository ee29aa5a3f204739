"""Next year's plan waits for the city: while next year is a draft it prepares, the copy page
says so and offers no button, and the copy refuses (a forged request changes nothing)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from styra.conftest import add_unit_goal
from styra.cycle.services import year_open, year_release
from styra.goals.models import Goal, PlanningYear, YearState
from styra.indicators.models import Target
from styra.plans.models import Plan, Section
from styra.plans.services import plan_copy_to_year, section_create

PREPARING = (
    "Planeringen för %s förbereds av staden och är ännu inte öppen för enheterna. "
    "Nästa års plan kan skapas när staden har öppnat året."
)


@pytest.fixture
def draft(org, chain, plan_a, city_admin):
    add_unit_goal(chain, org.unit_a, "Alla besök bokas inom tre dagar")
    section_create(plan=plan_a, heading="Inledning", text="Året 2026.")
    return year_open(year=2027, from_year=2026, committees=[org.north], by=city_admin).year


def _counts():
    return (
        Plan.objects.count(),
        Goal.objects.count(),
        Section.objects.count(),
        Target.objects.count(),
    )


def test_the_service_refuses_a_year_the_city_prepares(plan_a, draft):
    before = _counts()
    with pytest.raises(ValidationError, match="Planeringsåret 2027 är ett utkast som staden"):
        plan_copy_to_year(plan=plan_a, year=2027)
    assert _counts() == before
    assert not Plan.objects.filter(year=draft).exists()


def test_the_page_says_the_city_prepares_next_year_and_offers_no_button(
    client, editor_a, plan_a, draft
):
    client.force_login(editor_a)
    response = client.get(reverse("plans:copy", args=[plan_a.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert PREPARING % 2027 in html
    assert "Det finns inget senare planeringsår" not in html
    assert 'name="year"' not in html and "Skapa planen" not in html


def test_a_forged_copy_into_the_draft_changes_nothing(client, editor_a, plan_a, draft):
    client.force_login(editor_a)
    before = _counts()
    response = client.post(reverse("plans:copy", args=[plan_a.pk]), {"year": 2027})
    assert response.status_code == 400
    assert PREPARING % 2027 in response.content.decode()
    assert _counts() == before


def test_once_opened_the_page_offers_it(client, editor_a, plan_a, draft, city_admin):
    year_release(year=draft, by=city_admin)
    client.force_login(editor_a)
    html = client.get(reverse("plans:copy", args=[plan_a.pk])).content.decode()
    assert PREPARING % 2027 not in html
    assert '<option value="2027" selected>2027</option>' in html and "Skapa planen" in html


def test_a_later_draft_beside_an_open_year_is_refused_by_name(
    client, editor_a, plan_a, draft, city_admin
):
    """2027 is open, 2028 still the city's: the page offers 2027, and a request for 2028 is
    told that 2028 is being prepared, not to choose among the years offered."""
    year_release(year=draft, by=city_admin)
    PlanningYear.objects.create(year=2028, state=YearState.DRAFT)
    client.force_login(editor_a)
    url = reverse("plans:copy", args=[plan_a.pk])
    html = client.get(url).content.decode()
    assert 'value="2028"' not in html and "Skapa planen" in html
    before = _counts()
    response = client.post(url, {"year": 2028})
    assert response.status_code == 400
    assert PREPARING % 2028 in response.content.decode()
    response = client.post(url, {"year": 2077})
    assert response.status_code == 400
    assert "Välj ett av de planeringsår som finns efter planens år." in response.content.decode()
    assert _counts() == before


@pytest.mark.parametrize(
    "persona,status", [("reader", 403), ("approver", 403), ("editor_b", 404), ("outsider", 404)]
)
def test_only_the_units_editors_are_told_of_the_draft(
    client, request, persona, status, plan_a, draft
):
    """The draft is hidden from everyone but the administrators (goals.access); the page that
    names it is the unit's editors' alone, as the copy is."""
    client.force_login(request.getfixturevalue(persona))
    url = reverse("plans:copy", args=[plan_a.pk])
    before = _counts()
    for response in (client.get(url), client.post(url, {"year": 2027})):
        assert response.status_code == status
        assert "2027" not in response.content.decode()
    assert _counts() == before
