import datetime

import pytest
from django.urls import reverse

from styra.goals.models import Activity
from styra.goals.services import activity_create

from .refusals import BOARD_REFUSED, KF_REFUSED, assert_refused, login_as, row_writes

HTMX = {"HX-Request": "true"}
VALID = {"name": "Se över e-tjänsterna", "start": "2026-02-01", "end": "2026-11-30"}


@pytest.fixture
def kf_activity(org, chain):
    return activity_create(goal=chain.area, owner=org.city, name="KF-aktiviteten")


@pytest.fixture
def board_activity(org, chain):
    return activity_create(goal=chain.board, owner=org.north, name="Nämndaktiviteten")


def test_it_creates_a_kf_activity(client, city_admin, org, chain):
    client.force_login(city_admin)
    url = reverse("goals:activity_create", args=[chain.area.pk])
    form = client.get(url).content.decode()
    assert 'type="date"' in form and ">Startdatum (frivilligt)</label>" in form
    response = client.post(url, VALID)
    activity = Activity.objects.get()
    assert (activity.goal, activity.owner) == (chain.area, org.city)
    assert (activity.start, activity.end) == (
        datetime.date(2026, 2, 1),
        datetime.date(2026, 11, 30),
    )
    assert response.status_code == 302


def test_it_creates_a_committee_activity_with_htmx(client, committee_editor, org, chain):
    client.force_login(committee_editor)
    url = reverse("goals:activity_create", args=[chain.board.pk])
    response = client.post(url, {"name": "Kartläggning"}, headers=HTMX)
    assert Activity.objects.get().owner == org.north
    html = response.content.decode()
    assert html.lstrip().startswith(f'<li id="goal-{chain.board.pk}"')
    assert "Kartläggning" in html and 'data-announce="Aktiviteten är tillagd."' in html


def test_it_explains_date_errors_in_swedish(client, city_admin, chain):
    client.force_login(city_admin)
    url = reverse("goals:activity_create", args=[chain.area.pk])
    html = client.post(
        url, {"name": "", "start": "2026-05-01", "end": "2026-04-01"}
    ).content.decode()
    assert "Skriv aktivitetens namn." in html
    assert "Slutdatum kan inte ligga före startdatum." in html
    html = client.post(url, {"name": "X", "start": "1/2/2026"}).content.decode()
    assert "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-03-31." in html
    assert not Activity.objects.exists()


def test_it_explains_errors_in_the_htmx_panel(client, city_admin, chain):
    client.force_login(city_admin)
    url = reverse("goals:activity_create", args=[chain.area.pk])
    response = client.post(url, {"name": ""}, headers=HTMX)
    assert response["HX-Retarget"] == f"#slot-goal-{chain.area.pk}"
    html = response.content.decode()
    assert 'class="error-summary"' in html and "data-focus" in html
    assert "<h4 tabindex" not in html  # the error summary takes the focus, not the heading


def test_it_edits_an_activity(client, city_admin, kf_activity):
    client.force_login(city_admin)
    url = reverse("goals:activity_edit", args=[kf_activity.pk])
    assert "KF-aktiviteten</textarea>" in client.get(url).content.decode()
    client.post(url, {"name": "Omdöpt", "start": "", "end": "2026-12-31"})
    kf_activity.refresh_from_db()
    assert (kf_activity.name, kf_activity.start, kf_activity.end) == (
        "Omdöpt",
        None,
        datetime.date(2026, 12, 31),
    )


def test_it_deletes_and_moves_activities(client, committee_editor, org, chain, board_activity):
    second = activity_create(goal=chain.board, owner=org.north, name="Andra")
    client.force_login(committee_editor)
    client.post(reverse("goals:activity_move", args=[second.pk, "upp"]))
    assert list(Activity.objects.order_by("position")) == [second, board_activity]
    delete = reverse("goals:activity_delete", args=[second.pk])
    asked = client.post(delete, headers=HTMX).content.decode()
    # One question, in Styra's form (the button has no browser dialog any more).
    assert "Aktiviteten ”Andra” tas bort." in asked and 'name="confirm" value="1"' in asked
    assert Activity.objects.filter(pk=second.pk).exists()
    response = client.post(delete, {"confirm": "1"}, headers=HTMX)
    assert list(Activity.objects.all()) == [board_activity]
    assert 'data-announce="Aktiviteten är borttagen."' in response.content.decode()


@pytest.mark.parametrize("persona,status", KF_REFUSED)
def test_it_refuses_kf_activities_to_others(client, request, chain, kf_activity, persona, status):
    login_as(client, request, persona)
    assert_refused(client, status, row_writes("activity", chain.area, kf_activity, VALID))
    assert list(Activity.objects.values_list("name", flat=True)) == ["KF-aktiviteten"]


@pytest.mark.parametrize("persona,status", BOARD_REFUSED)
def test_it_refuses_committee_activities_to_others(
    client, request, chain, board_activity, persona, status
):
    login_as(client, request, persona)
    assert_refused(client, status, row_writes("activity", chain.board, board_activity, VALID))
    assert list(Activity.objects.values_list("name", flat=True)) == ["Nämndaktiviteten"]


def test_it_sends_anonymous_to_login(client, kf_activity):
    response = client.post(reverse("goals:activity_delete", args=[kf_activity.pk]))
    assert response.status_code == 302
    assert Activity.objects.exists()
