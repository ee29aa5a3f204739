"""The year-open page and "Öppna året för enheterna": the city administrator's only."""

import pytest
from django.urls import reverse

from styra.goals.models import Goal, PlanningYear, YearState
from styra.goals.tests.refusals import KF_REFUSED

URL = reverse("cycle:year_open")


def test_it_proposes_next_year_from_the_latest(client, city_admin, full_year):
    client.force_login(city_admin)
    html = client.get(URL).content.decode()
    assert "<h1>Nytt år från föregående års målkedja</h1>" in html
    assert 'name="year" value="2027"' in html
    assert '<option value="2026" selected>2026</option>' in html
    assert "<legend>Nämnder vars mål kopieras</legend>" in html
    assert "Norra nämnden" in html and "Södra nämnden" in html


def test_it_opens_the_year_as_a_draft_and_shows_its_chain(client, city_admin, org, full_year):
    client.force_login(city_admin)
    response = client.post(URL, {"year": 2027, "from_year": 2026, "committees": [org.north.pk]})
    assert response.status_code == 302
    assert response["Location"] == reverse("goals:chain_year", args=[2027])
    year = PlanningYear.objects.get(year=2027)
    assert year.state == YearState.DRAFT
    assert Goal.objects.filter(year=year, owner=org.north).count() == 1
    assert not Goal.objects.filter(year=year, owner=org.south).exists()
    html = client.get(response["Location"]).content.decode()
    assert "2027 är skapat som utkast från 2026: 3 mål" in html
    assert "Öppna året för enheterna" in html


def test_the_chain_page_links_to_it_for_the_city_administrator(client, city_admin, reader, chain):
    client.force_login(city_admin)
    assert URL in client.get(reverse("goals:chain")).content.decode()
    client.force_login(reader)
    assert URL not in client.get(reverse("goals:chain")).content.decode()


@pytest.mark.parametrize(
    "data,message",
    [
        ({"year": 2026, "from_year": 2026}, "Planeringsåret 2026 finns redan."),
        ({"year": 2025, "from_year": 2026}, "Det nya året måste komma efter 2026."),
        ({"year": 2027, "from_year": 2024}, "Välj ett av planeringsåren som finns."),
        ({"year": "tjugo", "from_year": 2026}, "Ange året med fyra siffror, till exempel 2027."),
        ({"year": 2027, "from_year": 2026, "committees": [999]}, "Välj bland nämnderna i listan."),
    ],
)
def test_it_explains_bad_input_in_swedish_and_changes_nothing(
    client, city_admin, full_year, data, message
):
    client.force_login(city_admin)
    before = (PlanningYear.objects.count(), Goal.objects.count())
    response = client.post(URL, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert (PlanningYear.objects.count(), Goal.objects.count()) == before


@pytest.mark.parametrize("persona,status", [*KF_REFUSED, ("committee_admin", 403)])
def test_it_refuses_everyone_else(client, request, full_year, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == status
    assert client.post(URL, {"year": 2027, "from_year": 2026}).status_code == status
    assert not PlanningYear.objects.filter(year=2027).exists()


def test_it_sends_anonymous_to_login(client, full_year):
    assert client.post(URL, {"year": 2027, "from_year": 2026}).status_code == 302
    assert not PlanningYear.objects.filter(year=2027).exists()


def test_it_opens_the_draft_for_the_units(client, city_admin, editor_a, full_year):
    client.force_login(city_admin)
    client.post(URL, {"year": 2027, "from_year": 2026})
    release = reverse("cycle:year_release", args=[2027])
    client.force_login(editor_a)
    assert client.post(release).status_code == 403
    assert PlanningYear.objects.get(year=2027).is_draft
    client.force_login(city_admin)
    response = client.post(release, follow=True)
    assert "2027 är öppnat för enheterna" in response.content.decode()
    assert PlanningYear.objects.get(year=2027).state == YearState.OPEN
    again = client.post(release, follow=True).content.decode()
    assert "Planeringsåret 2027 är redan öppet för enheterna." in again
    assert client.get(release).status_code == 405


def test_the_page_runs_a_bounded_number_of_queries(
    client, city_admin, full_year, django_assert_max_num_queries
):
    client.force_login(city_admin)
    with django_assert_max_num_queries(12):
        assert client.get(URL).status_code == 200
