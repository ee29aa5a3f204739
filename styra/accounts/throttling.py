"""Login throttling with django-axes: which attempts count, and what a locked-out person sees;
and the throttle on asking for a new password by e-mail."""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import Max, QuerySet, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import ngettext

# django-axes ships no types: its classes are Any to mypy, hence the `type: ignore[misc]`
# (subclassing Any) on the two classes below.


class Backend(AxesStandaloneBackend):  # type: ignore[misc]
    """Axes' lockout check, for sign-ins that come with a request.

    authenticate() without a request (a management command, a test checking a password)
    is no web sign-in and has no address to count by; Axes would raise, here it is let
    through to the password check. Every sign-in page passes its request.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if request is None:
            return None
        user: User | None = super().authenticate(request, username, password, **kwargs)
        return user


class Handler(AxesDatabaseHandler):  # type: ignore[misc]
    """Axes' database handler with a limit per username and address and one per address.

    AXES_LOCKOUT_PARAMETERS counts failures by (username, address) and by address alone, but
    Axes compares every count with the one AXES_FAILURE_LIMIT; an address tries many
    usernames (password spraying) and a town hall shares one address behind NAT, so the
    address gets its own, higher limit (STYRA_LOGIN_ADDRESS_FAILURE_LIMIT).
    """

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        """The pair's failures, or the pair limit as soon as the address has reached its own."""
        pair, address = map(_failures, self.get_user_attempts(request, credentials))
        if address >= settings.STYRA_LOGIN_ADDRESS_FAILURE_LIMIT:
            limit: int = settings.AXES_FAILURE_LIMIT
            return max(pair, limit)
        return pair

    def lock_ends(
        self, request: HttpRequest, credentials: dict[str, Any] | None = None
    ) -> datetime | None:
        """When the lock on this sign-in lifts at the latest, or None if nothing is counted.

        Attempts while locked are not counted, so the counted failures age out unchanged:
        the pair's when the pair is locked, the whole address's when the address is.
        """
        pair, address = self.get_user_attempts(request, credentials)
        address_locked = _failures(address) >= settings.STYRA_LOGIN_ADDRESS_FAILURE_LIMIT
        counted = address if address_locked else pair
        latest: datetime | None = counted.aggregate(latest=Max("attempt_time"))["latest"]
        return None if latest is None else latest + get_cool_off(request)

    def reset_attempts(
        self,
        *,
        ip_address: str | None = None,
        username: str | None = None,
        ip_or_username: bool = False,
    ) -> int:
        """Lift lock-outs by hand (Axes' axes_reset commands), in the security log."""
        count: int = super().reset_attempts(
            ip_address=ip_address, username=username, ip_or_username=ip_or_username
        )
        lockout_reset_record(
            username=username or "", ip_address=ip_address or "", count=count, via="command"
        )
        return count

    def reset_user_attempts(
        self, request: HttpRequest, credentials: dict[str, Any] | None = None
    ) -> int:
        """After a sign-in, forget that pair's failures only.

        Axes would delete every attempt matching any lockout parameter, that is every
        failure from the address: one account of the sprayer's own would then wipe the
        address count and every other username's count from there.
        """
        pair_attempts: QuerySet[Any] = self.filter_user_attempts(request, credentials)[0]
        count, _ = pair_attempts.delete()
        return count


def _failures(attempts: QuerySet[Any]) -> int:
    """The failures counted in these attempts, summed over their rows."""
    total: int | None = attempts.aggregate(total=Sum("failures_since_start"))["total"]
    return total or 0


def lockout_reset_record(*, username: str, ip_address: str, count: int, via: str) -> None:
    """Note in the security log that failed sign-ins were forgotten by hand."""
    from styra.audit.models import SecurityKind
    from styra.audit.security import security_event

    # `records`: rows of (username, address) failures removed.
    detail = f"via={via} username={username or '*'} ip={ip_address or '*'} records={count}"
    security_event(SecurityKind.LOCKOUT_RESET, detail=detail)


def is_not_a_password_login(request: HttpRequest, credentials: dict[str, Any] | None) -> bool:
    """Whitelist every attempt that carries no username: only password sign-ins are counted.

    An OpenID Connect callback authenticates with a code, not a username; the identity
    provider throttles its own sign-in.
    """
    return not (credentials or {}).get("username")


def lockout_response(
    request: HttpRequest, response: HttpResponse | None, credentials: dict[str, Any] | None
) -> HttpResponse:
    """The login page again, with the reason and how long to wait, as 429 Too Many Requests."""
    from .forms import LoginForm

    # What is left of the lock, not the whole cool-off: trying again does not extend it.
    ends = AxesProxyHandler.get_implementation().lock_ends(request, credentials)
    left = (ends - timezone.now()) if ends else get_cool_off(request)
    minutes = max(1, math.ceil(left.total_seconds() / 60))
    # Unbound: binding would run authenticate() again and count one more failure.
    form = LoginForm(request, initial={"username": request.POST.get("username", "")})
    message = ngettext(
        "För många misslyckade inloggningsförsök. Inloggningen är spärrad i %(minutes)d minut. "
        "Försök igen senare eller kontakta en administratör.",
        "För många misslyckade inloggningsförsök. Inloggningen är spärrad i %(minutes)d minuter. "
        "Försök igen senare eller kontakta en administratör.",
        minutes,
    ) % {"minutes": minutes}
    return render(
        request,
        "accounts/login.html",
        {"form": form, "locked_message": message, "oidc_enabled": settings.STYRA_OIDC_ENABLED},
        status=429,
    )


def password_reset_allowed(request: HttpRequest, email: str) -> bool:
    """Whether a new password may be asked for now: per address and per client, per hour.

    The requests are counted in the security log, where each one is written anyway
    (password_reset_record); refused ones do not count, so the limit lifts an hour after
    the last request that was let through. The answer is the same whether the address
    belongs to an account or not, so it tells nobody which addresses do.
    """
    from styra.audit.models import SecurityEvent, SecurityKind
    from styra.lib.proxies import client_ip

    recent = SecurityEvent.objects.filter(
        kind=SecurityKind.PASSWORD_RESET_ASKED,
        at__gte=timezone.now() - timedelta(hours=1),
        detail__startswith="email=",
    )
    if recent.filter(detail__iexact=f"email={email}").count() >= (
        settings.STYRA_PASSWORD_RESET_EMAIL_LIMIT
    ):
        return False
    ip = client_ip(request)
    limit: int = settings.STYRA_PASSWORD_RESET_ADDRESS_LIMIT
    return ip is None or recent.filter(ip=ip).count() < limit


def password_reset_record(request: HttpRequest, email: str, *, throttled: bool) -> None:
    """Note the request in the security log (also what password_reset_allowed counts)."""
    from styra.audit.models import SecurityKind
    from styra.audit.security import security_event

    detail = f"throttled email={email}" if throttled else f"email={email}"
    security_event(SecurityKind.PASSWORD_RESET_ASKED, request, username=email, detail=detail)
