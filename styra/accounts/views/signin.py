"""Sign-in pages: the login form and the TOTP step for local administrators."""

from __future__ import annotations

import base64
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from styra.audit.models import SecurityKind
from styra.audit.security import security_event
from styra.lib.http import AuthenticatedHttpRequest

from .. import services
from ..forms import EnrolmentCodeForm, LoginForm, OTPTokenForm

# The unconfirmed device this session opened with a valid enrolment code.
ENROLMENT_DEVICE = "styra_otp_enrolment_device"


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "oidc_enabled": settings.STYRA_OIDC_ENABLED}


def _next_url(request: HttpRequest) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _verified(request: HttpRequest, device: TOTPDevice) -> HttpResponse:
    """Mark the session as verified with a new key: the session has just gained rights."""
    request.session.cycle_key()
    otp_login(request, device)
    return redirect(_next_url(request))


@never_cache
@sensitive_post_parameters("token")
@login_required
def otp_verify(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Ask for the current TOTP code; send those without a confirmed device to set one up."""
    # is_verified() is added to request.user by django_otp's OTPMiddleware, untyped.
    if request.user.is_verified():  # type: ignore[attr-defined]
        return redirect(_next_url(request))
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None:
        query = urlencode({"next": _next_url(request)})
        return redirect(f"{reverse('accounts:otp_setup')}?{query}")
    form = OTPTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _details = device.verify_is_allowed()
        if allowed and verify_token(request.user, device.persistent_id, form.cleaned_data["token"]):
            return _verified(request, device)
        security_event(
            SecurityKind.OTP_FAILED,
            request,
            detail=f"device={device.pk}" + ("" if allowed else " throttled"),
        )
        if allowed:
            form.add_error("token", _("Koden stämmer inte. Skriv koden som appen visar nu."))
        else:
            form.add_error("token", _("För många felaktiga koder. Vänta en stund och försök igen."))
    context = {"form": form, "next": _next_url(request)}
    return render(request, "accounts/otp.html", context)


@never_cache
@sensitive_post_parameters("token", "code")
@login_required
def otp_setup(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Register an authenticator app: first the enrolment code, then the key and a first code.

    Only for someone without a confirmed device: replacing a device would let a stolen
    password replace the second factor. The key is made and shown only after a valid
    one-time enrolment code (OTPEnrolmentCode), so a password alone shows no key either.
    An administrator removes a lost device in the admin.
    """
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect(f"{reverse('accounts:otp')}?{urlencode({'next': _next_url(request)})}")
    device = TOTPDevice.objects.filter(
        user=request.user, confirmed=False, pk=request.session.get(ENROLMENT_DEVICE)
    ).first()
    if device is None:
        return _enrolment_code(request)
    form = OTPTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            services.totp_device_confirm(device=device)
            del request.session[ENROLMENT_DEVICE]
            messages.success(request, _("Tvåstegsverifieringen är aktiverad."))
            return _verified(request, device)
        security_event(SecurityKind.OTP_FAILED, request, detail=f"device={device.pk} setup")
        form.add_error("token", _("Koden stämmer inte. Kontrollera att appen har rätt nyckel."))
    secret = base64.b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "next": _next_url(request),
        "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
        "config_url": device.config_url,
        "digits": device.digits,
        "step": device.step,
    }
    return render(request, "accounts/otp_setup.html", context)


def _enrolment_code(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The first step of otp_setup: the one-time code another administrator gave."""
    form = EnrolmentCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.otp_enrolment_code_redeem(user=request.user, code=form.cleaned_data["code"]):
            device = services.totp_device_start(user=request.user)
            request.session[ENROLMENT_DEVICE] = device.pk
            return redirect(f"{request.path}?{urlencode({'next': _next_url(request)})}")
        form.add_error(
            "code",
            _(
                "Aktiveringskoden stämmer inte, har redan använts eller har gått ut. "
                "Be en annan administratör om en ny kod."
            ),
        )
    context = {"form": form, "next": _next_url(request)}
    return render(request, "accounts/otp_enrol.html", context)
