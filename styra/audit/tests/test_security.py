"""Sign-ins, failed sign-ins, sign-outs and refused requests go to the security log."""

import io
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


def _totp(device) -> str:
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return str(totp.token()).zfill(device.digits)


def test_it_logs_a_wrong_totp_code(client, city_admin, settings):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    settings.STYRA_REQUIRE_ADMIN_OTP = True
    device = TOTPDevice.objects.create(user=city_admin, name="Styra", confirmed=True)
    client.force_login(city_admin)
    wrong = "000000" if _totp(device) != "000000" else "111111"
    response = client.post(reverse("accounts:otp"), {"token": wrong}, REMOTE_ADDR="192.0.2.5")
    [failed] = _events("otp_failed")
    assert (failed.actor, failed.ip, failed.request_id) == (
        "city_admin",
        "192.0.2.5",
        response[HEADER],
    )
    assert wrong not in failed.detail


def test_it_logs_the_removal_of_a_device_in_the_admin(client, city_admin):
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice

    root = get_user_model().objects.create_superuser("root", "root@kommun.test", "x" * 20)
    device = TOTPDevice.objects.create(user=city_admin, name="Styra", confirmed=True)
    client.force_login(root)
    url = reverse("admin:otp_totp_totpdevice_delete", args=[device.pk])
    response = client.post(url, {"post": "yes"}, REMOTE_ADDR="192.0.2.9")
    assert response.status_code == 302 and not TOTPDevice.objects.exists()
    [removed] = _events("otp_removed")
    assert (removed.actor, removed.ip) == ("root", "192.0.2.9")
    assert "user=city_admin" in removed.detail and "confirmed=True" in removed.detail


def test_it_logs_lifting_a_lock_out_in_the_admin_and_by_command(client, editor_a):
    from axes.models import AccessAttempt
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    for _ in range(5):
        client.post(reverse(LOGIN), {"username": "editor_a", "password": "fel"})
    attempt = AccessAttempt.objects.get()
    root = get_user_model().objects.create_superuser("root", "root@kommun.test", "x" * 20)
    client.force_login(root)
    url = reverse("admin:axes_accessattempt_delete", args=[attempt.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    [by_admin] = _events("lockout_reset")
    assert by_admin.actor == "root" and "username=editor_a" in by_admin.detail
    assert "via=admin" in by_admin.detail

    client.post(reverse("accounts:logout"))
    for _ in range(5):
        client.post(reverse(LOGIN), {"username": "editor_a", "password": "fel"})
    call_command("axes_reset_username", "editor_a", stdout=io.StringIO())
    by_command = SecurityEvent.objects.filter(kind="lockout_reset").order_by("pk").last()
    assert by_command.actor.startswith("system") and "via=command" in by_command.detail
    assert "records=1" in by_command.detail and not AccessAttempt.objects.exists()


@pytest.mark.django_db
def test_a_trusted_proxy_may_name_the_request(client, settings):
    settings.STYRA_TRUSTED_PROXY_COUNT = 1
    settings.STYRA_TRUST_REQUEST_ID = True
    given = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
    assert client.get(reverse(LOGIN), HTTP_X_REQUEST_ID=given)[HEADER] == given.replace("-", "")
    assert client.get(reverse(LOGIN), HTTP_X_REQUEST_ID="nginx-req-00000042")[HEADER] == (
        "nginx-req-00000042"
    )
    # Something that cannot be an id (too long, or log-line injection) gets a new one.
    for bad in ("x" * 33, "abc def\nlogin user=root", "short"):
        answer = client.get(reverse(LOGIN), HTTP_X_REQUEST_ID=bad)[HEADER]
        assert answer != bad and len(answer) == 32


@pytest.mark.django_db
def test_without_trusted_proxies_the_request_id_header_is_ignored(client, settings):
    settings.STYRA_TRUST_REQUEST_ID = True  # refused at start; ignored if set anyway
    settings.STYRA_TRUSTED_PROXY_COUNT = 0
    assert client.get(reverse(LOGIN), HTTP_X_REQUEST_ID="nginx-req-00000042")[HEADER] != (
        "nginx-req-00000042"
    )


def test_it_logs_a_device_an_administrator_adds_or_confirms_in_the_admin(client, city_admin):
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice

    root = get_user_model().objects.create_superuser("root", "root@kommun.test", "x" * 20)
    client.force_login(root)
    device = TOTPDevice.objects.create(user=city_admin, name="Styra", confirmed=False)
    assert not _events("otp_enrolled")
    device.name = "Telefon"
    device.save()
    assert not _events("otp_enrolled")
    device.confirmed = True
    device.save()
    device.save()  # saving a confirmed device again (django-otp does on every code)
    TOTPDevice.objects.create(user=root, name="Styra", confirmed=True)
    events = _events("otp_enrolled")
    assert [e.detail for e in reversed(events)] == [
        f"user=city_admin device={device.pk}",
        f"user=root device={device.pk + 1}",
    ]


@pytest.mark.django_db
def test_a_name_typed_at_sign_in_cannot_write_a_line_of_its_own(client, caplog):
    """The username (and later the lock-out reset naming it) is the client's text."""
    from styra.accounts.throttling import lockout_reset_record

    forged = "x\nlogin user=root status=- POST /konto/logga-in/ ip=10.0.0.9\r\u2028"
    with caplog.at_level(logging.INFO, logger="styra.security"):
        client.post(reverse("accounts:login"), {"username": forged, "password": "fel"})
        lockout_reset_record(username=forged, ip_address="127.0.0.1", count=1, via="admin")
    lines = [record.getMessage() for record in caplog.records if record.name == "styra.security"]
    assert len(lines) == 2
    for line in lines:
        assert "\n" not in line and "\r" not in line and "\u2028" not in line
        assert "x\\x0alogin user=root" in line
    # The table keeps what was typed (the form strips the ends).
    assert SecurityEvent.objects.get(kind="login_failed").actor == forged.strip()
