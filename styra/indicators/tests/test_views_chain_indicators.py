from decimal import Decimal

import pytest
from django.urls import reverse

from styra.conftest import add_indicator, add_unit_goal
from styra.goals.models import Activity, Level, PlanningYear, YearState
from styra.goals.services import goal_create
from styra.goals.tests.refusals import (
    BOARD_REFUSED,
    KF_REFUSED,
    assert_refused,
    login_as,
    row_writes,
)
from styra.indicators.models import Indicator, Target
from styra.indicators.services import indicator_create

HTMX = {"HX-Request": "true"}
VALID = {
    "name": "Andel brukare som är nöjda",
    "measure": "%",
    "direction": "higher",
    "periodicity": "year",
    "decimals": "1",
    "target": "90 %",
}


@pytest.fixture
def kf_indicator(org, chain):
    indicator = add_indicator(chain.area, org.city, "KF-indikatorn", target="öka")
    return indicator


@pytest.fixture
def board_indicator(org, chain):
    indicator = add_indicator(chain.board, org.north, "Nämndindikatorn", target="5 st")
    return indicator


def test_it_shows_the_form_with_kfs_target_label(client, city_admin, chain):
    client.force_login(city_admin)
    html = client.get(reverse("goals:indicator_create", args=[chain.area.pk])).content.decode()
    assert "<h1>Ny indikator</h1>" in html
    for label in (
        "Indikator",
        "Mått",
        "Riktning",
        "Periodicitet",
        "Antal decimaler",
        "KF:s årsmål",
    ):
        assert f">{label}</label>" in html


def test_it_creates_a_kf_indicator_with_kfs_target(client, city_admin, org, chain):
    client.force_login(city_admin)
    response = client.post(reverse("goals:indicator_create", args=[chain.area.pk]), VALID)
    indicator = Indicator.objects.get()
    assert (indicator.goal, indicator.owner, indicator.measure) == (chain.area, org.city, "%")
    assert (indicator.direction, indicator.periodicity, indicator.decimals) == ("higher", "year", 1)
    target = Target.objects.get(indicator=indicator)
    assert (target.org_unit, target.text, target.value) == (org.city, "90 %", Decimal(90))
    assert response["Location"].endswith(f"#goal-{chain.area.pk}")
    page = client.get(response["Location"]).content.decode()
    assert "Andel brukare som är nöjda" in page and "90 %" in page


def test_it_creates_a_committee_indicator_with_the_committees_target(
    client, committee_editor, org, chain
):
    client.force_login(committee_editor)
    url = reverse("goals:indicator_create", args=[chain.board.pk])
    assert "Nämndens årsmål</label>" in client.get(url).content.decode()
    response = client.post(url, {**VALID, "target": "högst 3"}, headers=HTMX)
    indicator = Indicator.objects.get()
    assert indicator.owner == org.north
    assert Target.objects.get(indicator=indicator).org_unit == org.north
    html = response.content.decode()
    assert html.lstrip().startswith(f'<li id="goal-{chain.board.pk}"')
    assert 'data-announce="Indikatorn är tillagd."' in html
    assert "<td>högst 3</td>" in html


def test_it_creates_no_target_row_for_an_empty_target(client, city_admin, chain):
    client.force_login(city_admin)
    client.post(reverse("goals:indicator_create", args=[chain.area.pk]), {**VALID, "target": ""})
    assert Indicator.objects.count() == 1
    assert not Target.objects.exists()


def test_it_explains_errors_in_swedish(client, city_admin, chain):
    client.force_login(city_admin)
    url = reverse("goals:indicator_create", args=[chain.area.pk])
    response = client.post(url, {**VALID, "name": "", "decimals": "9", "target": "x" * 201})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Skriv indikatorns namn." in html
    assert "Ange antal decimaler, 0–4." in html
    assert "Årsmålet får vara högst 200 tecken." in html
    assert f'href="#new-indicator-{chain.area.pk}-name"' in html
    assert not Indicator.objects.exists()


def test_it_edits_an_indicator_and_its_target(client, city_admin, org, kf_indicator):
    client.force_login(city_admin)
    url = reverse("goals:indicator_edit", args=[kf_indicator.pk])
    form = client.get(url).content.decode()
    assert 'value="öka"' in form
    client.post(url, {**VALID, "name": "Nytt namn", "target": "95 %"})
    kf_indicator.refresh_from_db()
    assert kf_indicator.name == "Nytt namn"
    assert Target.objects.get(indicator=kf_indicator, org_unit=org.city).text == "95 %"


def test_it_clears_a_target(client, city_admin, org, kf_indicator):
    client.force_login(city_admin)
    client.post(reverse("goals:indicator_edit", args=[kf_indicator.pk]), {**VALID, "target": ""})
    assert Target.objects.get(indicator=kf_indicator, org_unit=org.city).text == ""


def test_it_edits_a_committee_indicator_with_htmx(client, committee_editor, org, board_indicator):
    client.force_login(committee_editor)
    url = reverse("goals:indicator_edit", args=[board_indicator.pk])
    response = client.post(url, {**VALID, "target": "6 st"}, headers=HTMX)
    assert 'data-announce="Indikatorn är sparad."' in response.content.decode()
    assert Target.objects.get(indicator=board_indicator, org_unit=org.north).text == "6 st"


def test_it_deletes_an_indicator(client, city_admin, kf_indicator):
    client.force_login(city_admin)
    delete = reverse("goals:indicator_delete", args=[kf_indicator.pk])
    asked = client.post(delete, headers=HTMX).content.decode()
    assert f"Indikatorn ”{kf_indicator.name}” tas bort med sina årsmål." in asked
    assert Indicator.objects.exists()
    response = client.post(delete, {"confirm": "1"}, headers=HTMX)
    assert not Indicator.objects.exists()
    assert 'data-announce="Indikatorn är borttagen."' in response.content.decode()


def test_it_moves_an_indicator(client, city_admin, org, chain, kf_indicator):
    second = indicator_create(goal=chain.area, owner=org.city, name="Andra")
    client.force_login(city_admin)
    response = client.post(reverse("goals:indicator_move", args=[second.pk, "upp"]))
    assert response.status_code == 302
    assert list(Indicator.objects.order_by("position")) == [second, kf_indicator]


def test_it_moves_with_htmx_and_keeps_focus_on_the_row(
    client, city_admin, org, chain, kf_indicator
):
    second = indicator_create(goal=chain.area, owner=org.city, name="Andra")
    indicator_create(goal=chain.area, owner=org.city, name="Tredje")
    client.force_login(city_admin)
    url = reverse("goals:indicator_move", args=[kf_indicator.pk, "ned"])
    html = client.post(url, headers=HTMX).content.decode()
    row = html.index(f'<tr id="indicator-{kf_indicator.pk}"')
    assert html.index(f'<tr id="indicator-{second.pk}"') < row
    assert html.index("data-focus>Flytta ned", row) < html.index("</tr>", row)


def test_the_focus_goes_to_the_moved_indicator_not_an_activity_with_its_id(
    client, city_admin, org, chain
):
    """The chain finds the moved row by its object, and an activity is not an indicator."""
    first = indicator_create(goal=chain.area, owner=org.city, name="Första")
    indicator_create(goal=chain.area, owner=org.city, name="Andra")
    indicator_create(goal=chain.area, owner=org.city, name="Tredje")
    namesake = Activity.objects.create(pk=first.pk, goal=chain.area, owner=org.city, name="A")
    client.force_login(city_admin)
    url = reverse("goals:indicator_move", args=[first.pk, "ned"])
    html = client.post(url, headers=HTMX).content.decode()
    assert html.count("data-focus") == 1
    row = html.index(f'<tr id="indicator-{first.pk}"')
    assert html.index("data-focus>Flytta ned", row) < html.index("</tr>", row)
    activity_row = html.index(f'<tr id="activity-{namesake.pk}"')
    assert "data-focus" not in html[activity_row : html.index("</tr>", activity_row)]


@pytest.mark.parametrize("persona,status", KF_REFUSED)
def test_it_refuses_kf_indicators_to_others(client, request, chain, kf_indicator, persona, status):
    login_as(client, request, persona)
    assert_refused(client, status, row_writes("indicator", chain.area, kf_indicator, VALID))
    assert list(Indicator.objects.values_list("name", flat=True)) == ["KF-indikatorn"]


@pytest.mark.parametrize("persona,status", BOARD_REFUSED)
def test_it_refuses_committee_indicators_to_others(
    client, request, chain, board_indicator, persona, status
):
    login_as(client, request, persona)
    assert_refused(client, status, row_writes("indicator", chain.board, board_indicator, VALID))
    assert list(Indicator.objects.values_list("name", flat=True)) == ["Nämndindikatorn"]


def test_it_refuses_the_committee_editor_kfs_indicators(client, committee_editor, kf_indicator):
    client.force_login(committee_editor)
    url = reverse("goals:indicator_edit", args=[kf_indicator.pk])
    assert client.post(url, VALID).status_code == 403


def test_it_sends_anonymous_to_login(client, chain, kf_indicator):
    response = client.post(reverse("goals:indicator_delete", args=[kf_indicator.pk]))
    assert response.status_code == 302
    assert Indicator.objects.exists()


@pytest.mark.parametrize(
    "persona",
    [
        "committee_editor",
        "editor_a",
        "editor_b",
        "reader",
        "approver",
        "controller",
        "outsider",
        "city_admin",
    ],
)
def test_its_urls_answer_404_to_whom_no_page_shows_the_indicator(
    client, request, org, chain, persona, kf_indicator, board_indicator
):
    """An edit URL reveals no indicator: it is 404 to whom neither the chain page lists it
    nor its own page opens, and 403 (or the form) only to whom one of them shows it: KF's
    part of the chain to everyone, a committee's to those below it (docs/access-policy.md).
    """
    south_goal = goal_create(
        year=chain.year, level=Level.BOARD, owner=org.south, parent=chain.area, title="Söder"
    )
    south = add_indicator(south_goal, org.south, "Södra indikatorn", target="öka")
    unit_goal = add_unit_goal(chain, org.unit_a, "Enhetens mål")
    own = add_indicator(unit_goal, org.unit_a, "Enhetens indikator", target="3 st")
    login_as(client, request, persona)
    page = client.get(reverse("goals:chain_year", args=[chain.year.year])).content.decode()
    for indicator in (kf_indicator, board_indicator, south, own):
        shown = f'<tr id="indicator-{indicator.pk}">' in page or (
            client.get(reverse("indicators:detail", args=[indicator.pk])).status_code == 200
        )
        for url in (
            reverse("goals:indicator_edit", args=[indicator.pk]),
            reverse("goals:indicator_delete", args=[indicator.pk]),
            reverse("goals:indicator_move", args=[indicator.pk, "ned"]),
        ):
            answer = client.post(url).status_code
            assert (answer != 404) == shown, (indicator.name, url, answer)
            assert answer in (200, 302, 400, 403, 404), (indicator.name, url, answer)
    assert Indicator.objects.count() == 4 or persona == "city_admin"


def test_a_draft_years_indicator_is_404_to_whom_the_year_is_hidden(
    client, org, chain, editor_a, committee_editor, kf_indicator
):
    PlanningYear.objects.filter(pk=chain.year.pk).update(state=YearState.DRAFT)
    for person in (editor_a, committee_editor):
        client.force_login(person)
        url = reverse("goals:indicator_edit", args=[kf_indicator.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, VALID).status_code == 404
    assert Indicator.objects.get().name == "KF-indikatorn"
