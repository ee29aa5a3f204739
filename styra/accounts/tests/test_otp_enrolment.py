"""A first TOTP device needs a one-time enrolment code: a stolen password alone enrols nothing."""

from __future__ import annotations

import base64
import io
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from styra.accounts.models import OTPEnrolmentCode
from styra.accounts.services import otp_enrolment_code_issue
from styra.audit.models import SecurityEvent
from styra.conftest import PASSWORD

SETUP = reverse("accounts:otp_setup")


@pytest.fixture(autouse=True)
def require_otp(settings):
    settings.STYRA_REQUIRE_ADMIN_OTP = True


@pytest.fixture
def root(db):
    return get_user_model().objects.create_superuser("root", "root@kommun.test", PASSWORD)


def _code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return str(totp.token()).zfill(device.digits)


def _kinds() -> list[str]:
    return list(SecurityEvent.objects.order_by("pk").values_list("kind", flat=True))


@pytest.mark.django_db
def test_a_password_alone_shows_no_key_and_enrols_nothing(client, city_admin):
    client.force_login(city_admin)
    page = client.get(SETUP).content.decode()
    assert 'id="otp-secret"' not in page and "otpauth://" not in page
    assert "Aktiveringskod" in page
    response = client.post(SETUP, {"code": "ABCD-EFGH-JKMN"})
    assert "Aktiveringskoden stämmer inte" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=city_admin).exists()
    # Nor a TOTP code posted straight to the page without the enrolment step.
    client.post(SETUP, {"token": "123456"})
    assert not TOTPDevice.objects.filter(user=city_admin).exists()
    assert client.get(reverse("start:home"))["Location"].startswith(reverse("accounts:otp"))
    [refused] = SecurityEvent.objects.filter(kind="otp_code_refused")[:1]
    assert refused.actor == "city_admin" and refused.ip == "127.0.0.1" and refused.request_id


@pytest.mark.django_db
def test_a_valid_code_enrols_once_and_is_then_used_up(client, city_admin, root):
    code, issued = otp_enrolment_code_issue(user=city_admin, by=root)
    assert code.replace("-", "") not in issued.code_hash  # only a hash is stored
    client.force_login(city_admin)
    response = client.post(SETUP + "?next=/organisation/", {"code": code})
    assert response.status_code == 302
    device = TOTPDevice.objects.get(user=city_admin, confirmed=False)
    page = client.get(SETUP).content.decode()
    assert base64.b32encode(device.bin_key).decode()[:4] in page
    response = client.post(SETUP + "?next=/organisation/", {"token": _code(device)})
    assert response["Location"] == "/organisation/"
    device.refresh_from_db()
    assert device.confirmed
    issued.refresh_from_db()
    assert issued.used_at is not None
    kinds = _kinds()
    assert kinds.index("otp_code_issued") < kinds.index("otp_enrolled")
    [enrolled] = SecurityEvent.objects.filter(kind="otp_enrolled")
    assert enrolled.actor == "city_admin" and enrolled.ip == "127.0.0.1" and enrolled.request_id

    # The same code, from another session with the password: refused.
    device.delete()
    other = client.__class__()
    other.force_login(city_admin)
    response = other.post(SETUP, {"code": code})
    assert (
        response.status_code == 200 and "Aktiveringskoden stämmer inte" in response.content.decode()
    )
    assert not TOTPDevice.objects.filter(user=city_admin).exists()


@pytest.mark.django_db
def test_an_expired_code_is_refused(client, city_admin, root):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        code, _issued = otp_enrolment_code_issue(user=city_admin, by=root, hours=2)
        traveller.shift(timedelta(hours=2, seconds=1))
        client.force_login(city_admin)
        response = client.post(SETUP, {"code": code})
    assert "Aktiveringskoden stämmer inte" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=city_admin).exists()


@pytest.mark.django_db
def test_wrong_tries_use_a_code_up(client, city_admin, root):
    code, issued = otp_enrolment_code_issue(user=city_admin, by=root)
    client.force_login(city_admin)
    for _ in range(OTPEnrolmentCode.MAX_FAILURES):
        client.post(SETUP, {"code": "ABCD-EFGH-JKMN"})
    response = client.post(SETUP, {"code": code})
    assert "Aktiveringskoden stämmer inte" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=city_admin).exists()
    assert SecurityEvent.objects.filter(kind="otp_code_refused").count() == 6


@pytest.mark.django_db
def test_a_key_seen_before_the_code_is_never_the_one_confirmed(client, city_admin, root):
    """An unconfirmed device from before (its key may have been shown) is replaced."""
    old = TOTPDevice.objects.create(user=city_admin, name="Styra", confirmed=False)
    code, _issued = otp_enrolment_code_issue(user=city_admin, by=root)
    client.force_login(city_admin)
    client.post(SETUP, {"code": code})
    new = TOTPDevice.objects.get(user=city_admin)
    assert new.pk != old.pk and new.key != old.key


@pytest.mark.django_db
def test_a_new_code_replaces_the_earlier_one(city_admin, root, client):
    first, _ = otp_enrolment_code_issue(user=city_admin, by=root)
    second, _ = otp_enrolment_code_issue(user=city_admin, by=root)
    client.force_login(city_admin)
    assert client.post(SETUP, {"code": first}).status_code == 200
    assert client.post(SETUP, {"code": second}).status_code == 302


@pytest.mark.django_db
def test_nobody_issues_a_code_to_themselves(root):
    with pytest.raises(ValidationError):
        otp_enrolment_code_issue(user=root, by=root)
    with pytest.raises(ValidationError):
        otp_enrolment_code_issue(user=root, hours=24 * 30)
    assert not OTPEnrolmentCode.objects.exists()


@pytest.mark.django_db
def test_the_command_prints_a_code_that_works(client, city_admin):
    out, err = io.StringIO(), io.StringIO()
    call_command("otp_enrol", "city_admin", "--hours", "4", stdout=out, stderr=err)
    code = out.getvalue().strip()
    assert len(code) == 14 and "gäller en gång" in err.getvalue()
    issued = OTPEnrolmentCode.objects.get(user=city_admin)
    assert issued.issued_by.startswith("system")
    assert (
        timedelta(hours=3, minutes=59) < issued.expires_at - issued.issued_at <= timedelta(hours=4)
    )
    [event] = SecurityEvent.objects.filter(kind="otp_code_issued")
    assert event.actor.startswith("system") and "for=city_admin" in event.detail
    client.force_login(city_admin)
    assert client.post(SETUP, {"code": code}).status_code == 302


@pytest.mark.django_db
def test_the_command_refuses_unknown_users_and_those_with_a_device(city_admin):
    with pytest.raises(CommandError, match="ingen användare"):
        call_command("otp_enrol", "finns-inte", stdout=io.StringIO())
    TOTPDevice.objects.create(user=city_admin, name="Styra", confirmed=True)
    with pytest.raises(CommandError, match="redan en registrerad enhet"):
        call_command("otp_enrol", "city_admin", stdout=io.StringIO())
    assert not OTPEnrolmentCode.objects.exists()


def _verified_admin_client(client, user):
    device = TOTPDevice.objects.create(user=user, name="Styra", confirmed=True)
    client.force_login(user)
    client.post(reverse("accounts:otp"), {"token": _code(device)})
    return client


@pytest.mark.django_db
def test_another_administrator_issues_a_code_in_the_admin(client, root, city_admin):
    _verified_admin_client(client, root)
    changelist = reverse("admin:auth_user_changelist")
    response = client.post(
        changelist,
        {"action": "issue_otp_enrolment_code", "_selected_action": [city_admin.pk, root.pk]},
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    issued = OTPEnrolmentCode.objects.get(user=city_admin)
    assert issued.issued_by == "root"
    assert not OTPEnrolmentCode.objects.filter(user=root).exists()  # root has a device
    code = html.split("<code>")[1].split("</code>")[0]
    other = client.__class__()
    other.force_login(city_admin)
    assert other.post(SETUP, {"code": code}).status_code == 302


@pytest.mark.django_db
def test_staff_who_may_only_view_users_cannot_issue_codes(client, city_admin):
    from django.contrib.auth.models import Permission

    viewer = get_user_model().objects.create_user("viewer", password=PASSWORD, is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_user"))
    client.force_login(viewer)
    changelist = reverse("admin:auth_user_changelist")
    assert "issue_otp_enrolment_code" not in client.get(changelist).content.decode()
    client.post(
        changelist, {"action": "issue_otp_enrolment_code", "_selected_action": [city_admin.pk]}
    )
    assert not OTPEnrolmentCode.objects.exists()


@pytest.mark.django_db
def test_staff_who_may_change_users_must_give_a_totp_code_before_issuing_one(client, city_admin):
    """Staff without an admin role or superuser status reached the admin with a password alone,
    and so could issue an enrolment code for the city administrator."""
    from django.contrib.auth.models import Permission

    staff = get_user_model().objects.create_user("staff", password=PASSWORD, is_staff=True)
    may_change = Permission.objects.filter(codename__in=["view_user", "change_user"])
    staff.user_permissions.add(*may_change)
    client.force_login(staff)
    changelist = reverse("admin:auth_user_changelist")
    assert client.get(changelist)["Location"].startswith(reverse("accounts:otp"))
    client.post(
        changelist, {"action": "issue_otp_enrolment_code", "_selected_action": [city_admin.pk]}
    )
    assert not OTPEnrolmentCode.objects.exists()


@pytest.mark.django_db
def test_a_code_used_by_a_concurrent_request_is_not_used_twice(monkeypatch, city_admin, root):
    """Two sessions with the same code at once (SQLite ignores select_for_update): the
    other request takes the code between this one's read and its write."""
    from styra.accounts import services

    code, issued = otp_enrolment_code_issue(user=city_admin, by=root)
    real_check = services.check_password

    def check_while_the_other_request_wins(raw, encoded):
        OTPEnrolmentCode.objects.filter(pk=issued.pk).update(used_at=timezone.now())
        return real_check(raw, encoded)

    monkeypatch.setattr(services, "check_password", check_while_the_other_request_wins)
    assert services.otp_enrolment_code_redeem(user=city_admin, code=code) is False
    assert SecurityEvent.objects.filter(kind="otp_code_refused").exists()


@pytest.mark.django_db
def test_concurrent_wrong_tries_are_all_counted(monkeypatch, city_admin, root):
    from styra.accounts import services

    _code, issued = otp_enrolment_code_issue(user=city_admin, by=root)
    real_check = services.check_password

    def check_while_another_wrong_try_is_counted(raw, encoded):
        OTPEnrolmentCode.objects.filter(pk=issued.pk).update(failures=3)
        return real_check(raw, encoded)

    monkeypatch.setattr(services, "check_password", check_while_another_wrong_try_is_counted)
    assert services.otp_enrolment_code_redeem(user=city_admin, code="ABCD-EFGH-JKMN") is False
    issued.refresh_from_db()
    assert issued.failures == 4
