"""Sign-ins, failed sign-ins, sign-outs and refused requests go to the security log."""

import logging

import pytest
from django.urls import reverse

from styra.audit.models import SecurityEvent

from ..middleware import HEADER

LOGIN = "accounts:login"


def _events(kind):
    return list(SecurityEvent.objects.filter(kind=kind))


def test_it_logs_a_sign_in_and_a_sign_out(client, editor_a, caplog):
    from styra.conftest import PASSWORD

    with caplog.at_level(logging.INFO, logger="styra.security"):
        response = client.post(reverse(LOGIN), {"username": "editor_a", "password": PASSWORD})
        assert response.status_code == 302
        client.post(reverse("accounts:logout"))
    [login] = _events("login")
    assert (login.actor_id, login.actor, login.ip) == (editor_a.pk, "editor_a", "127.0.0.1")
    assert login.request_id and login.path == reverse(LOGIN)
    [logout] = _events("logout")
    assert logout.actor == "editor_a"
    assert any(r.message.startswith("login user=editor_a") for r in caplog.records)


def test_it_logs_a_failed_sign_in_without_the_password(client, editor_a, caplog):
    with caplog.at_level(logging.INFO, logger="styra.security"):
        client.post(reverse(LOGIN), {"username": "editor_a", "password": "hemligt-fel"})
    [failed] = _events("login_failed")
    assert failed.actor == "editor_a" and failed.actor_id is None
    assert "hemligt-fel" not in str(SecurityEvent.objects.values())
    assert "hemligt-fel" not in caplog.text
    assert any(r.levelno == logging.WARNING for r in caplog.records)


def test_it_logs_a_403(client, reader, org):
    client.force_login(reader)
    response = client.get(reverse("followup:upload"))
    assert response.status_code == 403
    [refused] = _events("refused")
    assert (refused.status, refused.actor, refused.method) == (403, "reader", "GET")
    assert refused.path == reverse("followup:upload")
    assert refused.request_id == response[HEADER]


def test_it_logs_a_404_the_access_policy_raised(client, editor_b, plan_a):
    client.force_login(editor_b)
    url = reverse("plans:detail", args=[plan_a.pk])
    assert client.get(url).status_code == 404
    [refused] = _events("refused")
    assert (refused.status, refused.actor, refused.path) == (404, "editor_b", url)


@pytest.mark.django_db
def test_a_page_that_does_not_exist_is_not_a_refusal(client, editor_a):
    client.force_login(editor_a)
    assert client.get(reverse("plans:detail", args=[999999])).status_code == 404
    assert client.get("/finns-inte/").status_code == 404
    assert not _events("refused")


@pytest.mark.django_db
def test_every_response_carries_a_request_id(client):
    first = client.get(reverse(LOGIN))[HEADER]
    second = client.get(reverse(LOGIN))[HEADER]
    assert len(first) == 32 and first != second


@pytest.mark.django_db
def test_a_client_cannot_choose_its_request_id(client):
    assert client.get(reverse(LOGIN), HTTP_X_REQUEST_ID="forged")[HEADER] != "forged"


def test_reading_pages_writes_nothing(client, editor_a, plan_a):
    client.force_login(editor_a)
    count = SecurityEvent.objects.count()
    assert client.get(reverse("plans:detail", args=[plan_a.pk])).status_code == 200
    assert SecurityEvent.objects.count() == count
