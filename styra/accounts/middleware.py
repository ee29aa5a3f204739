"""Request checks for signed-in users: session time-outs and the TOTP step for administrators."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import BACKEND_SESSION_KEY, logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Role
from .permissions import _memberships
from .sessions import expiry_reason, mark_seen

OIDC_BACKEND = "styra.accounts.oidc.Backend"

# Views an administrator reaches before giving a TOTP code: signing in and out, and the code.
OPEN_BEFORE_OTP = frozenset(
    {
        "accounts:login",
        "accounts:logout",
        "accounts:otp",
        "accounts:otp_setup",
        "accounts:oidc_login",
        "accounts:oidc_callback",
        "admin:logout",
    }
)


def _redirect(request: HttpRequest, url: str) -> HttpResponse:
    """A redirect; for htmx a full-page one, so no page is swapped into a fragment."""
    if request.headers.get("HX-Request") == "true":
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)


def _with_next(url: str, request: HttpRequest) -> str:
    if request.method != "GET":
        return url
    return f"{url}?{urlencode({'next': request.get_full_path()})}"


GetResponse = Callable[[HttpRequest], HttpResponse]


class SessionTimeoutMiddleware:
    """End a signed-in session after STYRA_SESSION_IDLE_MINUTES idle or STYRA_SESSION_MAX_HOURS."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        now = time.time()
        reason = expiry_reason(request.session, now)
        if reason is not None:
            logout(request)  # flushes: the session row is deleted
            if reason == "idle":
                text = _(
                    "Du har loggats ut eftersom du inte har varit aktiv på %(minutes)d minuter."
                )
                messages.info(request, text % {"minutes": settings.STYRA_SESSION_IDLE_MINUTES})
            else:
                text = _("Du har loggats ut eftersom inloggningen gäller högst %(hours)d timmar.")
                messages.info(request, text % {"hours": settings.STYRA_SESSION_MAX_HOURS})
            return _redirect(request, _with_next(reverse(settings.LOGIN_URL), request))
        if request.user.is_authenticated:
            mark_seen(request.session, now)
        return self.get_response(request)


def needs_otp(request: HttpRequest) -> bool:
    """Whether the signed-in user is a local administrator who has not yet given a TOTP code.

    An administrator is a superuser, anyone with an admin role in the tree, and anyone
    with staff status: Django's admin is open to them, and a staff member who may change
    users can set passwords and issue enrolment codes for the others.

    Someone signed in through the municipality's identity provider gave its second factor
    there (the backend refuses an ID token that does not show it, STYRA_OIDC_REQUIRE_MFA),
    so only password sign-ins are asked; without that requirement everyone is.
    """
    user = request.user
    # is_verified() is added to request.user by django_otp's OTPMiddleware, untyped.
    if not user.is_authenticated or user.is_verified():  # type: ignore[attr-defined]
        return False
    if request.session.get(BACKEND_SESSION_KEY) == OIDC_BACKEND and settings.STYRA_OIDC_REQUIRE_MFA:
        return False
    if user.is_superuser or user.is_staff:
        return True
    return any(role == Role.ADMIN for _, role in _memberships(user))


class AdminOTPMiddleware:
    """Send local administrators to the TOTP page before any other (STYRA_REQUIRE_ADMIN_OTP)."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponse],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        if not settings.STYRA_REQUIRE_ADMIN_OTP:
            return None
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_BEFORE_OTP:
            return None
        if not needs_otp(request):
            return None
        return _redirect(request, _with_next(reverse("accounts:otp"), request))
