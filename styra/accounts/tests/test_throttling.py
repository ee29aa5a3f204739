"""Login throttling: five wrong passwords for one username from one address lock that pair."""

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
    for _ in range(5):
        _login(client, "editor_a", "fel")
    response = _login(client, "editor_a", PASSWORD)
    assert response.status_code == 429
    assert SESSION_KEY not in client.session


@pytest.mark.django_db
def test_the_lock_is_per_username_and_address(client, editor_a, editor_b):
    for _ in range(5):
        _login(client, "editor_a", "fel", ip="10.0.0.1")
    assert _login(client, "editor_b", PASSWORD, ip="10.0.0.1").status_code == 302
    client.post(reverse("accounts:logout"))
    assert _login(client, "editor_a", PASSWORD, ip="10.0.0.2").status_code == 302


@pytest.mark.django_db
def test_the_lock_lifts_after_fifteen_minutes(client, editor_a):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for _ in range(5):
            _login(client, "editor_a", "fel")
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
