"""Login throttling: five wrong passwords lock a username and address, twenty lock the address."""

from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY, authenticate
from django.urls import reverse
from django.utils import timezone

from styra.conftest import PASSWORD

URL = reverse("accounts:login")


def _login(client, username: str, password: str, ip: str = "10.0.0.1"):
    return client.post(URL, {"username": username, "password": password}, REMOTE_ADDR=ip)


def _lock_out(client, ip: str = "10.0.0.1") -> None:
    """Five wrong passwords for editor_a from `ip`: the fifth locks the pair."""
    for _ in range(5):
        _login(client, "editor_a", "fel", ip=ip)


@pytest.mark.django_db
def test_it_counts_wrong_passwords_and_locks_on_the_fifth(client, editor_a):
    for attempt in range(1, 5):
        response = _login(client, "editor_a", "fel")
        assert response.status_code == 200
        assert "Fel användarnamn eller lösenord" in response.content.decode()
        assert AccessAttempt.objects.get(username="editor_a").failures_since_start == attempt

    response = _login(client, "editor_a", "fel")

    assert response.status_code == 429
    html = response.content.decode()
    assert "För många misslyckade inloggningsförsök" in html and "15 minuter" in html
    assert 'lang="sv"' in html


@pytest.mark.django_db
def test_a_locked_pair_is_refused_even_with_the_right_password(client, editor_a):
    _lock_out(client)
    response = _login(client, "editor_a", PASSWORD)
    assert response.status_code == 429
    assert SESSION_KEY not in client.session


@pytest.mark.django_db
def test_the_lock_is_per_username_and_address(client, editor_a, editor_b):
    _lock_out(client, ip="10.0.0.1")
    assert _login(client, "editor_b", PASSWORD, ip="10.0.0.1").status_code == 302
    client.post(reverse("accounts:logout"))
    assert _login(client, "editor_a", PASSWORD, ip="10.0.0.2").status_code == 302


@pytest.mark.django_db
def test_the_lock_lifts_after_fifteen_minutes(client, editor_a):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        _lock_out(client)
        traveller.shift(timedelta(minutes=14))
        assert _login(client, "editor_a", PASSWORD).status_code == 429
        traveller.shift(timedelta(minutes=16))
        response = _login(client, "editor_a", PASSWORD)
    assert response.status_code == 302 and SESSION_KEY in client.session


@pytest.mark.django_db
def test_a_successful_sign_in_clears_the_count(client, editor_a):
    for _ in range(4):
        _login(client, "editor_a", "fel")
    assert _login(client, "editor_a", PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))
    for _ in range(4):
        assert _login(client, "editor_a", "fel").status_code == 200


@pytest.mark.django_db
def test_authenticate_without_a_request_checks_the_password_only(editor_a):
    """A command or a test has no address to count by; it gets the plain password check."""
    assert authenticate(username="editor_a", password=PASSWORD) == editor_a
    assert authenticate(username="editor_a", password="fel") is None
    assert not AccessAttempt.objects.exists()


@pytest.mark.django_db
def test_attempts_during_a_lock_out_do_not_extend_it(client, editor_a):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        _lock_out(client)
        for _ in range(7):  # someone keeps trying, every other minute
            traveller.shift(timedelta(minutes=2))
            assert _login(client, "editor_a", "fel").status_code == 429
        traveller.shift(timedelta(minutes=1, seconds=1))  # 15 minutes after the fifth failure
        response = _login(client, "editor_a", PASSWORD)
    assert response.status_code == 302 and SESSION_KEY in client.session
    assert not AccessAttempt.objects.exists()


@pytest.mark.django_db
def test_one_address_trying_many_usernames_is_locked(client, editor_a):
    for number in range(19):
        assert _login(client, f"person{number}", "fel").status_code == 200
    assert _login(client, "person19", "fel").status_code == 429  # the twentieth username
    # The address is locked for everyone, even with a right password...
    assert _login(client, "editor_a", PASSWORD).status_code == 429
    assert SESSION_KEY not in client.session
    # ...and only that address.
    assert _login(client, "editor_a", PASSWORD, ip="10.0.0.2").status_code == 302


@pytest.mark.django_db
def test_the_address_lock_lifts_after_fifteen_minutes(client, editor_a):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for number in range(20):
            _login(client, f"person{number}", "fel")
        traveller.shift(timedelta(minutes=10))
        assert _login(client, "someone", "fel").status_code == 429
        traveller.shift(timedelta(minutes=5, seconds=1))
        assert _login(client, "editor_a", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_a_few_failures_from_a_shared_address_lock_nobody_else(client, editor_a, settings):
    """A town hall behind one NAT address: a handful of typos does not lock everyone out."""
    for number in range(settings.STYRA_LOGIN_ADDRESS_FAILURE_LIMIT - 1):
        _login(client, f"person{number}", "fel")
    assert _login(client, "editor_a", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_a_sign_in_of_ones_own_does_not_clear_the_address_count(client, editor_a):
    for number in range(19):
        _login(client, f"person{number}", "fel")
    assert _login(client, "editor_a", PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))
    assert AccessAttempt.objects.filter(ip_address="10.0.0.1").count() == 19
    assert _login(client, "person99", "fel").status_code == 429  # the twentieth failure
    assert _login(client, "editor_a", PASSWORD).status_code == 429


@pytest.mark.django_db
def test_the_lock_out_page_tells_what_is_left_of_the_lock(client, editor_a):
    """Attempts no longer extend the lock, so "15 minuter" on every try was wrong."""
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        _lock_out(client)
        traveller.shift(timedelta(minutes=10))
        html = _login(client, "editor_a", PASSWORD).content.decode()
        assert "spärrad i 5 minuter" in html
        traveller.shift(timedelta(minutes=4, seconds=30))
        assert "spärrad i 1 minut." in _login(client, "editor_a", "fel").content.decode()


@pytest.mark.django_db
def test_the_lock_out_page_reads_the_same_for_a_username_that_does_not_exist(client, editor_a):
    messages = []
    for username in ("editor_a", "finns-inte"):
        for _ in range(5):
            response = _login(client, username, "fel")
        assert response.status_code == 429
        messages.append(response.context["locked_message"])
    assert messages[0] == messages[1]
