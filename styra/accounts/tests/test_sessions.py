"""Sessions: a new key at sign-in, idle and absolute time-outs, logout and deactivation."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from styra.accounts.services import user_deactivate
from styra.accounts.sessions import SEEN_AT, SIGNED_IN_AT
from styra.conftest import PASSWORD

HOME = reverse("start:home")
LOGIN = reverse("accounts:login")


def _signed_out(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(LOGIN)


@pytest.mark.django_db
def test_sign_in_gives_a_new_session_key_and_drops_the_old_row(client, editor_a):
    session = client.session
    session["before"] = "anonymous"
    session.save()
    old_key = session.session_key
    assert Session.objects.filter(session_key=old_key).exists()

    response = client.post(LOGIN, {"username": "editor_a", "password": PASSWORD})

    assert response.status_code == 302
    assert client.session.session_key != old_key
    assert not Session.objects.filter(session_key=old_key).exists()
    assert client.session[SESSION_KEY] == str(editor_a.pk)


@pytest.mark.django_db
def test_sign_in_stamps_the_session(client, editor_a):
    with time_machine.travel(timezone.now(), tick=False):
        client.force_login(editor_a)
        assert client.session[SIGNED_IN_AT] == client.session[SEEN_AT]


@pytest.mark.django_db
def test_an_idle_session_ends_after_thirty_minutes(client, editor_a):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client.force_login(editor_a)
        key = client.session.session_key
        traveller.shift(timedelta(minutes=29))
        assert client.get(HOME).status_code == 200
        traveller.shift(timedelta(minutes=29))
        assert client.get(HOME).status_code == 200  # use keeps it alive
        traveller.shift(timedelta(minutes=31))
        response = client.get("/organisation/")
    assert _signed_out(response) and "next=%2Forganisation%2F" in response["Location"]
    assert not Session.objects.filter(session_key=key).exists()
    page = client.get(response["Location"]).content.decode()
    assert "inte har varit aktiv på 30 minuter" in page


@pytest.mark.django_db
def test_the_idle_limit_follows_the_setting(client, settings, editor_a):
    settings.STYRA_SESSION_IDLE_MINUTES = 5
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client.force_login(editor_a)
        traveller.shift(timedelta(minutes=6))
        assert _signed_out(client.get(HOME))


@pytest.mark.django_db
def test_a_session_ends_ten_hours_after_sign_in_however_busy(client, editor_a):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client.force_login(editor_a)
        for _ in range(29):  # 9 h 40 min of steady work
            traveller.shift(timedelta(minutes=20))
            assert client.get(HOME).status_code == 200
        traveller.shift(timedelta(minutes=21))
        response = client.get(HOME)
    assert _signed_out(response)
    assert "högst 10 timmar" in client.get(response["Location"]).content.decode()


@pytest.mark.django_db
def test_htmx_requests_of_an_ended_session_reload_the_whole_page(client, editor_a):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client.force_login(editor_a)
        traveller.shift(timedelta(hours=1))
        response = client.get(HOME, headers={"HX-Request": "true"})
    assert response.status_code == 204 and response["HX-Redirect"].startswith(LOGIN)


@pytest.mark.django_db
def test_a_signed_in_session_without_stamps_is_ended(client, editor_a):
    client.force_login(editor_a)
    session = client.session
    del session[SIGNED_IN_AT]
    session.save()
    assert _signed_out(client.get(HOME))
    assert SESSION_KEY not in client.session


@pytest.mark.django_db
def test_ordinary_requests_do_not_save_the_session(client, editor_a):
    client.force_login(editor_a)
    client.get(HOME)
    row = Session.objects.get(session_key=client.session.session_key)
    client.get(HOME)
    assert Session.objects.get(session_key=row.session_key).expire_date == row.expire_date


@pytest.mark.django_db
def test_logout_is_post_only_and_deletes_the_session_row(client, editor_a):
    client.force_login(editor_a)
    key = client.session.session_key
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert Session.objects.filter(session_key=key).exists()

    response = client.post(reverse("accounts:logout"))

    assert response.status_code == 302 and response["Location"] == LOGIN
    assert not Session.objects.filter(session_key=key).exists()
    assert _signed_out(client.get(HOME))


@pytest.mark.django_db
def test_a_deactivated_user_loses_every_session_at_once(editor_a, editor_b):
    laptop, phone, colleague = Client(), Client(), Client()
    laptop.force_login(editor_a)
    phone.force_login(editor_a)
    colleague.force_login(editor_b)
    keys = [laptop.session.session_key, phone.session.session_key]

    user_deactivate(user=editor_a)

    editor_a.refresh_from_db()
    assert not editor_a.is_active
    assert not Session.objects.filter(session_key__in=keys).exists()
    assert _signed_out(laptop.get(HOME)) and _signed_out(phone.get(HOME))
    assert colleague.get(HOME).status_code == 200


@pytest.mark.django_db
def test_django_refuses_an_inactive_user_on_the_next_request(client, editor_a):
    """Even without user_deactivate: ModelBackend.get_user() returns nobody for is_active=False."""
    client.force_login(editor_a)
    assert client.get(HOME).status_code == 200
    get_user_model().objects.filter(pk=editor_a.pk).update(is_active=False)
    assert _signed_out(client.get(HOME))
    assert client.post(LOGIN, {"username": "editor_a", "password": PASSWORD}).status_code == 200
