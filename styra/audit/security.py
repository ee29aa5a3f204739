"""The security log: sign-ins and their failures, sign-outs, refused requests, changes to
second factors and lock-outs, publications, roles given and taken, accounts created and
closed, and links for a new password.

Each event is written at once (not at commit, like the audit trail: a
refusal changes nothing) to the append-only SecurityEvent table and to the
`styra.security` logger, which operations can ship elsewhere. An event
written inside a transaction (a publication) is stored with it or not at all.
"""

import logging
import re

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_save, pre_save
from django.http import HttpRequest

from styra.lib.proxies import client_ip

from .models import SecurityEvent, SecurityKind
from .trail import current_request, system_actor

logger = logging.getLogger("styra.security")

LEVELS: dict[str, int] = {
    SecurityKind.LOGIN: logging.INFO,
    SecurityKind.LOGOUT: logging.INFO,
    SecurityKind.LOGIN_FAILED: logging.WARNING,
    SecurityKind.REFUSED: logging.WARNING,
    SecurityKind.EXPORT: logging.INFO,
    SecurityKind.OTP_CODE_REFUSED: logging.WARNING,
    SecurityKind.OTP_FAILED: logging.WARNING,
    SecurityKind.OTP_REMOVED: logging.WARNING,
    SecurityKind.LOCKOUT_RESET: logging.WARNING,
}


def security_event(
    kind: str,
    request: HttpRequest | None = None,
    *,
    user=None,
    username: str = "",
    status: int | None = None,
    detail: str = "",
) -> SecurityEvent:
    """Write one event: who (the user, else the request's, else "system:<OS user>"), from
    which address and in which request (the one being served when none is given)."""
    if request is None:
        request = current_request.get()
    if user is None and request is not None:
        user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        actor_id, username = user.pk, user.get_username()
    else:
        actor_id = None
        if not username and request is None:
            username = system_actor()
    event = SecurityEvent.objects.create(
        kind=kind,
        actor_id=actor_id,
        actor=(username or "")[:200],
        status=status,
        method=(request.method or "")[:10] if request is not None else "",
        path=(request.path or "")[:500] if request is not None else "",
        ip=client_ip(request),
        request_id=getattr(request, "request_id", "") if request is not None else "",
        detail=detail[:500],
    )
    logger.log(
        LEVELS.get(kind, logging.INFO),
        "%s user=%s status=%s %s %s ip=%s request=%s %s",
        kind,
        _one_line(event.actor) or "-",
        status or "-",
        _one_line(event.method) or "-",
        _one_line(event.path) or "-",
        event.ip or "-",
        event.request_id or "-",
        _one_line(detail),
    )
    return event


# Line breaks and other control characters, which would start a forged line in the log.
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _one_line(text: str) -> str:
    """The text for one log line: a name typed on the login page (or a path) is the
    client's, and a newline in it would let them write a fake event of their own."""
    return CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text or "")


def _logged_in(sender, request, user, **kwargs) -> None:
    security_event(SecurityKind.LOGIN, request, user=user)


def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    # Django has already masked the password in `credentials`; only the name is kept.
    username = str(credentials.get("username") or credentials.get("email") or "")
    security_event(SecurityKind.LOGIN_FAILED, request, username=username, user=_nobody())


def _logged_out(sender, request, user, **kwargs) -> None:
    security_event(SecurityKind.LOGOUT, request, user=user or _nobody())


def _nobody():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


def _device_saving(sender, instance, **kwargs) -> None:
    """Note whether this save confirms a device, whichever path (Styra's page, the admin)."""
    instance._styra_enrolling = instance.confirmed and (
        instance._state.adding or not sender.objects.filter(pk=instance.pk, confirmed=True).exists()
    )


def _device_saved(sender, instance, **kwargs) -> None:
    if getattr(instance, "_styra_enrolling", False):
        instance._styra_enrolling = False
        owner = instance.user.get_username()
        security_event(SecurityKind.OTP_ENROLLED, detail=f"user={owner} device={instance.pk}")


def _device_removed(sender, instance, **kwargs) -> None:
    """A second factor deleted by any path (the admin, a user's deletion, the shell)."""
    owner = instance.user.get_username() if instance.user_id else "-"
    detail = f"user={owner} device={instance.pk} confirmed={instance.confirmed}"
    security_event(SecurityKind.OTP_REMOVED, detail=detail)


def connect() -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user_logged_in.connect(_logged_in, dispatch_uid="styra.audit.login")
    user_login_failed.connect(_login_failed, dispatch_uid="styra.audit.login_failed")
    user_logged_out.connect(_logged_out, dispatch_uid="styra.audit.logout")
    pre_save.connect(_device_saving, sender=TOTPDevice, dispatch_uid="styra.audit.otp_saving")
    post_save.connect(_device_saved, sender=TOTPDevice, dispatch_uid="styra.audit.otp_enrolled")
    post_delete.connect(_device_removed, sender=TOTPDevice, dispatch_uid="styra.audit.otp_removed")
