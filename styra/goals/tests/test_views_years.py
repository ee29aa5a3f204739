import pytest
from django.urls import reverse

from styra.goals.models import PlanningYear, UnitGoalLabel

from .refusals import KF_REFUSED  # planning years are KF's to change

HTMX = {"HX-Request": "true"}
URL = reverse("goals:year_create")


def test_it_proposes_the_next_year(client, city_admin, chain):
    client.force_login(city_admin)
    html = client.get(URL).content.decode()
    assert "<h1>Nytt planeringsår</h1>" in html
    assert 'value="2027"' in html


def test_it_creates_a_planning_year(client, city_admin, chain):
    client.force_login(city_admin)
    response = client.post(URL, {"year": "2027", "unit_goal_label": UnitGoalLabel.ATAGANDE})
    year = PlanningYear.objects.get(year=2027)
    assert year.unit_goal_label == UnitGoalLabel.ATAGANDE
    # With its periods (goals.services.year_create asks followup for them).
    assert [(p.code, p.cutoff.isoformat()) for p in year.periods.order_by("code")] == [
        ("2027T1", "2027-04-30"),
        ("2027T2", "2027-08-31"),
        ("2027VB", "2027-12-31"),
    ]
    assert response["Location"] == reverse("goals:chain_year", args=[2027])
    page = client.get(response["Location"]).content.decode()
    assert "Planeringsåret 2027 är skapat." in page
    assert "Det finns inga mål för 2027 ännu." in page


def test_it_creates_the_first_year_from_the_empty_page(client, city_admin, org):
    client.force_login(city_admin)
    client.post(URL, {"year": "2026", "unit_goal_label": UnitGoalLabel.ENHETSMAL})
    assert "<h1>Målkedjan 2026</h1>" in client.get(reverse("goals:chain")).content.decode()


def test_it_redirects_htmx_to_the_new_year(client, city_admin, chain):
    client.force_login(city_admin)
    response = client.post(URL, {"year": "2027", "unit_goal_label": "enhetsmal"}, headers=HTMX)
    assert response["HX-Redirect"] == reverse("goals:chain_year", args=[2027])


@pytest.mark.parametrize(
    "year,message",
    [
        ("2026", "Planeringsåret 2026 finns redan."),
        ("1850", "Ange ett år mellan 1990 och 2100."),
        ("tjugo", "Ange året med fyra siffror, till exempel 2027."),
        ("", "Ange vilket år planeringen gäller."),
    ],
)
def test_it_explains_a_bad_year_in_swedish(client, city_admin, chain, year, message):
    client.force_login(city_admin)
    response = client.post(URL, {"year": year, "unit_goal_label": "enhetsmal"})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert PlanningYear.objects.count() == 1


def test_it_puts_a_refused_htmx_year_form_back_in_its_slot(client, city_admin, chain):
    client.force_login(city_admin)
    response = client.post(URL, {"year": "2026", "unit_goal_label": "enhetsmal"}, headers=HTMX)
    assert response["HX-Retarget"] == "#slot-chain"
    assert "Planeringsåret 2026 finns redan." in response.content.decode()


@pytest.mark.parametrize("persona,status", KF_REFUSED)
def test_it_refuses_new_years_to_others(client, request, chain, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == status
    assert client.post(URL, {"year": "2027", "unit_goal_label": "enhetsmal"}).status_code == status
    assert not PlanningYear.objects.filter(year=2027).exists()


def test_it_sends_anonymous_to_login(client, chain):
    assert client.post(URL, {"year": "2027"}).status_code == 302
    assert not PlanningYear.objects.filter(year=2027).exists()


def test_it_sets_the_unit_goal_label(client, city_admin, chain):
    client.force_login(city_admin)
    url = reverse("goals:year_label", args=[2026])
    html = client.get(url).content.decode()
    assert ">Benämning på enheternas mål</label>" in html
    response = client.post(url, {"unit_goal_label": UnitGoalLabel.ATAGANDE}, headers=HTMX)
    chain.year.refresh_from_db()
    assert chain.year.unit_goal_label == UnitGoalLabel.ATAGANDE
    html = response.content.decode()
    assert html.lstrip().startswith(
        '<div id="chain" data-announce="Enheternas mål heter nu Åtagande."'
    )
    assert "Enheternas mål kallas Åtagande det här året." in html


def test_it_sets_the_label_without_htmx(client, city_admin, chain):
    client.force_login(city_admin)
    response = client.post(reverse("goals:year_label", args=[2026]), {"unit_goal_label": "x"})
    assert response.status_code == 400
    assert "Välj ett giltigt alternativ" in response.content.decode()
    response = client.post(
        reverse("goals:year_label", args=[2026]), {"unit_goal_label": "atagande"}
    )
    assert response.status_code == 302


@pytest.mark.parametrize("persona,status", KF_REFUSED)
def test_it_refuses_the_label_to_others(client, request, chain, persona, status):
    client.force_login(request.getfixturevalue(persona))
    url = reverse("goals:year_label", args=[2026])
    assert client.post(url, {"unit_goal_label": "atagande"}).status_code == status
    chain.year.refresh_from_db()
    assert chain.year.unit_goal_label == UnitGoalLabel.ENHETSMAL
