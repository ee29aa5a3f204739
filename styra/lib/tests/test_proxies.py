"""One client address for login throttling, the audit trail and the security log.

STYRA_TRUSTED_PROXY_COUNT=0 (the default) trusts REMOTE_ADDR only; n>0 takes the n-th entry
from the right of X-Forwarded-For, which the trusted proxies wrote.
"""

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory
from django.urls import reverse

from styra.audit.models import AuditEntry, SecurityEvent
from styra.conftest import PASSWORD
from styra.lib.proxies import client_ip, throttle_address
from styra.plans.services import section_create

LOGIN = reverse("accounts:login")
PROXY = "10.0.0.254"


def _request(xff: str | None = None, remote: str = PROXY):
    extra = {"REMOTE_ADDR": remote}
    if xff is not None:
        extra["HTTP_X_FORWARDED_FOR"] = xff
    return RequestFactory().get("/", **extra)


@pytest.fixture
def one_proxy(settings):
    settings.STYRA_TRUSTED_PROXY_COUNT = 1


def test_it_ignores_x_forwarded_for_by_default(settings):
    assert settings.STYRA_TRUSTED_PROXY_COUNT == 0
    assert client_ip(_request("203.0.113.9", remote="192.0.2.1")) == "192.0.2.1"
    assert client_ip(_request(remote="192.0.2.1")) == "192.0.2.1"
    assert client_ip(None) is None


@pytest.mark.parametrize(
    ("count", "xff", "expected"),
    [
        (1, "192.0.2.1", "192.0.2.1"),
        (1, "203.0.113.9, 192.0.2.1", "192.0.2.1"),  # the left entry is the client's own claim
        (2, "203.0.113.9, 192.0.2.1, 10.0.0.1", "192.0.2.1"),
        (2, "192.0.2.1", "192.0.2.1"),  # through fewer proxies: still a proxy's entry
        (1, "", PROXY),  # no header: straight to Styra
        (1, "unknown", PROXY),
        (1, "2001:DB8::0001", "2001:db8::1"),
    ],
)
def test_it_takes_the_nth_entry_from_the_right_behind_proxies(settings, count, xff, expected):
    settings.STYRA_TRUSTED_PROXY_COUNT = count
    assert client_ip(_request(xff)) == expected


def _login(client, password: str, xff: str):
    data = {"username": "editor_a", "password": password}
    return client.post(LOGIN, data, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=xff)


@pytest.mark.django_db
def test_behind_a_proxy_the_lock_is_per_real_client(client, editor_a, one_proxy):
    for _ in range(5):
        _login(client, "fel", xff="192.0.2.1")
    assert _login(client, PASSWORD, xff="192.0.2.1").status_code == 429
    assert AccessAttempt.objects.get().ip_address == "192.0.2.1"
    # Another person behind the same proxy is not locked out, whatever the first one claims.
    assert _login(client, PASSWORD, xff="192.0.2.1, 192.0.2.2").status_code == 302


@pytest.mark.django_db
def test_without_proxies_a_forged_header_neither_escapes_nor_spreads_a_lock(client, editor_a):
    for attempt in range(5):
        _login(client, "fel", xff=f"198.51.100.{attempt}")
    assert _login(client, PASSWORD, xff="198.51.100.77").status_code == 429
    assert AccessAttempt.objects.get().ip_address == PROXY


@pytest.mark.django_db
def test_the_security_log_records_the_same_address(client, editor_a, settings):
    _login(client, "fel", xff="203.0.113.9")
    settings.STYRA_TRUSTED_PROXY_COUNT = 1
    _login(client, "fel", xff="203.0.113.9, 192.0.2.1")
    ips = list(SecurityEvent.objects.filter(kind="login_failed").order_by("pk").values_list("ip"))
    assert ips == [(PROXY,), ("192.0.2.1",)]


def test_the_audit_trail_records_the_same_address(
    client, editor_a, plan_a, one_proxy, django_capture_on_commit_callbacks
):
    section = section_create(plan=plan_a, heading="Bakgrund")
    client.force_login(editor_a)
    url = reverse("plans:section_edit", args=[plan_a.pk, section.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url,
            {"heading": "Syfte", "text": ""},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR="203.0.113.9, 192.0.2.1",
        )
    [entry] = AuditEntry.objects.all()
    assert entry.ip == "192.0.2.1"


@pytest.mark.parametrize(
    ("remote", "expected"),
    [
        ("192.0.2.1", "192.0.2.1"),
        ("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::"),
        ("2001:db8:1:2::1", "2001:db8:1:2::"),
        ("::ffff:192.0.2.1", "192.0.2.1"),  # an IPv4 client on a dual-stack socket
    ],
)
def test_sign_in_failures_count_an_ipv6_client_by_its_64(remote, expected):
    assert throttle_address(_request(remote=remote)) == expected


@pytest.mark.django_db
def test_a_sprayer_cannot_escape_the_address_limit_by_walking_its_ipv6_64(client, editor_a):
    """Every IPv6 client has 2**64 addresses; a new one per try never reached the limit."""
    for number in range(20):
        data = {"username": f"person{number}", "password": "fel"}
        client.post(LOGIN, data, REMOTE_ADDR=f"2001:db8:1:2::{number + 1:x}")
    data = {"username": "editor_a", "password": PASSWORD}
    assert client.post(LOGIN, data, REMOTE_ADDR="2001:db8:1:2::ffff").status_code == 429
    assert client.post(LOGIN, data, REMOTE_ADDR="2001:db8:1:3::1").status_code == 302
    # The security log still names each address.
    assert SecurityEvent.objects.filter(ip="2001:db8:1:2::14").exists()


@pytest.mark.django_db
def test_behind_a_proxy_the_address_limit_counts_the_real_client(client, editor_a, one_proxy):
    """A sprayer behind the proxy cannot escape by forging entries to the left."""
    for number in range(20):
        data = {"username": f"person{number}", "password": "fel"}
        forged = f"198.51.100.{number}, 192.0.2.1"
        client.post(LOGIN, data, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forged)
    assert _login(client, PASSWORD, xff="203.0.113.50, 192.0.2.1").status_code == 429
    assert _login(client, PASSWORD, xff="192.0.2.2").status_code == 302  # someone else
