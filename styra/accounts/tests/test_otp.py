"""TOTP for local administrators: required before any page, set up once, verified per session."""

from __future__ import annotations

import base64
import re
from datetime import timedelta
from urllib.parse import quote

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from styra.accounts.services import otp_enrolment_code_issue
from styra.conftest import PASSWORD

OTP_URL = reverse("accounts:otp")
HOME = reverse("start:home")
OPEN = {"accounts:login", "accounts:logout", "accounts:otp", "accounts:otp_setup"}
OPEN |= {"accounts:oidc_login", "accounts:oidc_callback", "admin:logout"}


@pytest.fixture(autouse=True)
def require_otp(settings):
    settings.STYRA_REQUIRE_ADMIN_OTP = True


def _code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return str(totp.token()).zfill(device.digits)  # token() is an int: leading zeros are lost


def _device(user, confirmed: bool = True) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Styra", confirmed=confirmed)


def _every_url() -> list[tuple[str, str]]:
    """(name, path) of every named URL, with sample arguments (the check runs before the view)."""
    samples = {"int": "1", "way": "upp"}
    found = []

    def walk(patterns, prefix: str, namespace: str):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                space = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, prefix + str(pattern.pattern), space)
            elif isinstance(pattern, URLPattern) and pattern.name:
                route = str(pattern.pattern).lstrip("^").rstrip("$").replace("\\Z", "")
                path = "/" + re.sub(
                    r"<(?:(\w+):)?\w+>",
                    lambda m: samples.get(m.group(1) or "str", "x"),
                    prefix + route,
                )
                found.append((namespace + pattern.name, path))

    walk(get_resolver().url_patterns, "", "")
    return found


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["city_admin", "superuser"])
def test_an_unverified_administrator_is_sent_to_the_code_page_from_every_page(
    client, request, org, persona
):
    if persona == "superuser":
        user = get_user_model().objects.create_superuser("root", "root@kommun.test", PASSWORD)
    else:
        user = request.getfixturevalue(persona)
    client.force_login(user)
    checked = 0
    for name, path in _every_url():
        if name in OPEN or "(?P" in path:
            continue
        for method in ("get", "post"):
            response = getattr(client, method)(path)
            if response.status_code == 404 and name.startswith("admin:"):
                continue  # an admin model that is not registered under this sample path
            assert response.status_code == 302, (name, path, method, response.status_code)
            assert response["Location"].startswith(OTP_URL), (name, path, method)
        checked += 1
    assert checked > 40


@pytest.mark.django_db
def test_the_redirect_keeps_the_page_to_return_to(client, city_admin):
    client.force_login(city_admin)
    response = client.get("/organisation/?x=1")
    assert response["Location"] == f"{OTP_URL}?next={quote('/organisation/?x=1', safe='')}"


@pytest.mark.django_db
def test_htmx_requests_get_a_full_page_redirect(client, city_admin):
    client.force_login(city_admin)
    response = client.get(HOME, headers={"HX-Request": "true"})
    assert response.status_code == 204 and response["HX-Redirect"].startswith(OTP_URL)


@pytest.mark.django_db
def test_static_files_sign_in_and_out_stay_open(client, city_admin):
    client.force_login(city_admin)
    assert client.get("/static/css/styra.css").status_code == 200
    assert client.get(reverse("accounts:login")).status_code == 200
    response = client.post(reverse("accounts:logout"))
    assert response["Location"] == reverse("accounts:login")


@pytest.mark.django_db
def test_others_and_unconfigured_installations_are_not_asked(
    client, settings, editor_a, city_admin
):
    client.force_login(editor_a)
    assert client.get(HOME).status_code == 200
    settings.STYRA_REQUIRE_ADMIN_OTP = False
    client.force_login(city_admin)
    assert client.get(HOME).status_code == 200


@pytest.mark.django_db
def test_a_password_sign_in_leads_an_administrator_to_set_up_a_device(client, city_admin):
    code, _issued = otp_enrolment_code_issue(user=city_admin)
    response = client.post(
        reverse("accounts:login") + "?next=/organisation/",
        {"username": "city_admin", "password": PASSWORD},
        follow=True,
    )
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:otp_setup"))
    assert 'id="otp-secret"' not in response.content.decode()  # first the enrolment code
    response = client.post(response.redirect_chain[-1][0], {"code": code.lower()}, follow=True)
    html = response.content.decode()
    device = TOTPDevice.objects.get(user=city_admin, confirmed=False)
    secret = base64.b32encode(device.bin_key).decode()
    shown = re.search(r'<code id="otp-secret">([A-Z2-7 ]+)</code>', html).group(1)
    assert shown.replace(" ", "") == secret
    assert "otpauth://totp/Styra%3Acity_admin?secret=" + secret in html.replace("&amp;", "&")
    assert "<img" not in html  # the key is text, usable with a screen reader
    assert "no-store" in response["Cache-Control"]  # the page shows the secret

    response = client.post(response.redirect_chain[-1][0], {"token": _code(device)})

    assert response.status_code == 302 and response["Location"] == "/organisation/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/organisation/").status_code == 200


@pytest.mark.django_db
def test_a_wrong_code_is_refused_and_a_right_one_passes(client, city_admin):
    device = _device(city_admin)
    client.force_login(city_admin)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        response = client.post(OTP_URL, {"token": "000000" if _code(device) != "000000" else "1"})
        assert response.status_code == 200
        assert "Koden stämmer inte" in response.content.decode()
        assert client.get(HOME)["Location"].startswith(OTP_URL)
        traveller.shift(timedelta(seconds=5))  # django-otp slows down guessing after a miss
        key_before = client.session.session_key
        response = client.post(OTP_URL + "?next=/organisation/", {"token": _code(device)})
    assert response["Location"] == "/organisation/"
    assert client.session.session_key != key_before  # a new key when the session gains rights
    assert not Session.objects.filter(session_key=key_before).exists()
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get(HOME).status_code == 200


@pytest.mark.django_db
def test_a_code_is_asked_again_after_signing_in_again(client, city_admin):
    device = _device(city_admin)
    client.force_login(city_admin)
    client.post(OTP_URL, {"token": _code(device)})
    assert client.get(HOME).status_code == 200
    client.post(reverse("accounts:logout"))
    client.force_login(city_admin)
    assert client.get(HOME)["Location"].startswith(OTP_URL)


@pytest.mark.django_db
def test_repeated_misses_are_slowed_down(client, city_admin):
    device = _device(city_admin)
    client.force_login(city_admin)
    with time_machine.travel(timezone.now(), tick=False):
        for _ in range(3):
            client.post(OTP_URL, {"token": "abc123"})  # refused by the form, not counted
            client.post(OTP_URL, {"token": str((int(_code(device)) + 1) % 10**6).zfill(6)})
        response = client.post(OTP_URL, {"token": _code(device)})
    assert "För många felaktiga koder" in response.content.decode()
    assert client.get(HOME)["Location"].startswith(OTP_URL)


@pytest.mark.django_db
def test_a_confirmed_device_cannot_be_replaced_from_the_setup_page(client, city_admin):
    _device(city_admin)
    client.force_login(city_admin)
    response = client.get(reverse("accounts:otp_setup"))
    assert response.status_code == 302 and response["Location"].startswith(OTP_URL)
    assert TOTPDevice.objects.filter(user=city_admin).count() == 1


@pytest.mark.django_db
def test_the_code_page_sends_those_without_a_device_to_setup(client, city_admin):
    client.force_login(city_admin)
    response = client.get(OTP_URL)
    assert response["Location"].startswith(reverse("accounts:otp_setup"))


@pytest.mark.django_db
def test_the_code_pages_refuse_an_outside_next(client, city_admin):
    device = _device(city_admin)
    client.force_login(city_admin)
    response = client.post(OTP_URL + "?next=https://evil.test/", {"token": _code(device)})
    assert response["Location"] == HOME


@pytest.mark.django_db
def test_the_code_pages_need_a_signed_in_user(client):
    for name in ("accounts:otp", "accounts:otp_setup"):
        response = client.get(reverse(name))
        assert response["Location"].startswith(reverse("accounts:login"))
