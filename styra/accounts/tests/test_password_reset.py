"""A new password by e-mail: no hint of which addresses exist, throttled, one use, logged."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from styra.audit.models import SecurityEvent, SecurityKind

ASK = reverse("accounts:password_reset")
DONE = reverse("accounts:password_reset_done")


@pytest.fixture
def anna(editor_a):
    editor_a.email = "anna@kommun.test"
    editor_a.save()
    return editor_a


def _link(message) -> str:
    found = re.search(r"http://testserver(/konto/nytt-losenord/\S+/)", message.body)
    assert found is not None
    return found.group(1)


def test_the_login_page_links_to_it(client, db):
    html = client.get(reverse("accounts:login")).content.decode()
    assert f'<a href="{ASK}">Glömt lösenordet?</a>' in html


def test_it_answers_alike_for_a_known_and_an_unknown_address(client, anna):
    known = client.post(ASK, {"email": "ANNA@kommun.test"})
    unknown = client.post(ASK, {"email": "ingen@kommun.test"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == DONE
    (message,) = mail.outbox
    assert message.to == ["anna@kommun.test"]
    assert message.subject == "Styra: välj ett nytt lösenord"
    assert "för ditt konto editor_a i Styra" in message.body
    assert message.alternatives[0][1] == "text/html"
    page = client.get(DONE).content.decode()
    assert "Om adressen hör till ett konto i Styra har vi skickat en länk dit." in page


def test_no_mail_for_a_closed_account_or_one_without_a_password(client, anna):
    anna.is_active = False
    anna.save()
    client.post(ASK, {"email": "anna@kommun.test"})
    anna.is_active = True
    anna.set_unusable_password()  # signs in through the identity provider only
    anna.save()
    client.post(ASK, {"email": "anna@kommun.test"})
    assert mail.outbox == []


def test_the_link_sets_a_password_once_and_ends_every_other_session(client, anna):
    elsewhere = Client()
    elsewhere.force_login(anna)
    client.post(ASK, {"email": "anna@kommun.test"})
    link = _link(mail.outbox[0])
    form = client.get(link)
    assert form.status_code == 302  # to the same page without the token (no Referer leak)
    page = client.get(form["Location"]).content.decode()
    assert "<h1>Välj lösenord</h1>" in page
    assert "Skriv lösenordet igen" in page
    response = client.post(
        form["Location"], {"new_password1": "nytt-lösen-2027", "new_password2": "nytt-lösen-2027"}
    )
    assert response["Location"] == reverse("accounts:password_reset_complete")
    anna.refresh_from_db()
    assert anna.check_password("nytt-lösen-2027")
    assert Session.objects.filter(expire_date__gt=timezone.now()).count() <= 1
    assert elsewhere.get(reverse("start:home")).status_code == 302
    event = SecurityEvent.objects.get(kind=SecurityKind.PASSWORD_SET)
    assert event.actor == "editor_a" and event.detail.startswith("for=editor_a sessions=1")
    again = client.get(link).content.decode()
    assert "Länken fungerar inte" in again


def test_a_weak_password_is_refused_with_the_reason(client, anna):
    client.post(ASK, {"email": "anna@kommun.test"})
    form = client.get(_link(mail.outbox[0]))
    response = client.post(form["Location"], {"new_password1": "abc", "new_password2": "abc"})
    assert response.status_code == 200
    assert "Rätta följande" in response.content.decode()
    anna.refresh_from_db()
    assert not anna.check_password("abc")


def test_a_closed_accounts_link_is_dead(client, anna):
    client.post(ASK, {"email": "anna@kommun.test"})
    link = _link(mail.outbox[0])
    anna.is_active = False
    anna.save()
    assert "Länken fungerar inte" in client.get(link).content.decode()


def test_it_is_throttled_per_address_whether_it_exists_or_not(client, anna, settings):
    settings.STYRA_PASSWORD_RESET_EMAIL_LIMIT = 3
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for email in ("anna@kommun.test", "ingen@kommun.test"):
            for _ in range(3):
                assert client.post(ASK, {"email": email}).status_code == 302
            refused = client.post(ASK, {"email": email.upper()})
            assert refused.status_code == 429
            assert "för många gånger" in refused.content.decode()
        assert len(mail.outbox) == 3
        traveller.shift(timedelta(minutes=61))
        assert client.post(ASK, {"email": "anna@kommun.test"}).status_code == 302
        assert len(mail.outbox) == 4
    throttled = SecurityEvent.objects.filter(detail__startswith="throttled")
    assert throttled.count() == 2


def test_it_is_throttled_per_client_whatever_the_addresses(client, db, settings):
    settings.STYRA_PASSWORD_RESET_ADDRESS_LIMIT = 5
    for n in range(5):
        assert client.post(ASK, {"email": f"p{n}@kommun.test"}).status_code == 302
    assert client.post(ASK, {"email": "p9@kommun.test"}).status_code == 429
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert other.post(ASK, {"email": "p9@kommun.test"}).status_code == 302
