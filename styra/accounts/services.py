"""Writes on user accounts."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from styra.audit.models import SecurityKind
from styra.audit.security import security_event
from styra.audit.trail import system_actor

from .models import OTPEnrolmentCode

# No 0/O, 1/I/L: the code is read aloud or copied by hand. 12 of 31 signs: about 59 bits.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 12


def user_sessions_end(*, user: User) -> int:
    """Delete every live session of the user; returns how many there were.

    Django's database sessions are not indexed by user, so each live session is decoded;
    a municipality has at most a few thousand at a time.
    """
    user_id = str(user.pk)
    keys = [
        session.session_key
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if str(session.get_decoded().get(SESSION_KEY)) == user_id
    ]
    Session.objects.filter(session_key__in=keys).delete()
    return len(keys)


@transaction.atomic
def user_deactivate(*, user: User) -> None:
    """Close the account and end every session it has, at once.

    Django would also refuse an inactive user on their next request (ModelBackend.get_user
    returns nobody); deleting the sessions makes that true for every backend and leaves
    nothing to reactivate by mistake.
    """
    user.is_active = False
    user.full_clean()
    user.save(update_fields=["is_active"])
    user_sessions_end(user=user)


def _normal_code(text: str) -> str:
    return "".join(text.split()).replace("-", "").upper()


@transaction.atomic
def otp_enrolment_code_issue(
    *, user: User, by: User | None = None, hours: int | None = None
) -> tuple[str, OTPEnrolmentCode]:
    """A new one-time code for the user's first TOTP device; returns it in clear once.

    `by` is the administrator issuing it, None for the operator's command. Nobody issues a
    code to themselves: that is what a stolen password would do. Earlier unused codes of
    the user stop working.
    """
    hours = settings.STYRA_OTP_ENROLMENT_HOURS if hours is None else hours
    if not 1 <= hours <= settings.STYRA_OTP_ENROLMENT_MAX_HOURS:
        raise ValidationError(
            _("En aktiveringskod gäller mellan 1 och %(max)d timmar.")
            % {"max": settings.STYRA_OTP_ENROLMENT_MAX_HOURS}
        )
    if by is not None and by.pk == user.pk:
        raise ValidationError(_("En annan administratör måste utfärda din aktiveringskod."))
    if not user.is_active:
        raise ValidationError(
            _("Kontot %(username)s är inaktiverat.") % {"username": user.get_username()}
        )
    now = timezone.now()
    OTPEnrolmentCode.objects.usable(user).update(expires_at=now)
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    issued = OTPEnrolmentCode(
        user=user,
        code_hash=make_password(code),
        issued_by=by.get_username() if by is not None else system_actor(),
        issued_at=now,
        expires_at=now + timedelta(hours=hours),
    )
    issued.full_clean()
    issued.save()
    until = f"{issued.expires_at:%Y-%m-%dT%H:%MZ}"  # UTC, as timezone.now()
    detail = f"for={user.get_username()} code={issued.pk} until={until}"
    security_event(SecurityKind.OTP_CODE_ISSUED, user=by, detail=detail)
    return "-".join(code[i : i + 4] for i in range(0, CODE_LENGTH, 4)), issued


@transaction.atomic
def otp_enrolment_code_redeem(*, user: User, code: str) -> bool:
    """Use up the user's code if `code` is it; a wrong or missing code is logged and counted.

    The row lock holds on PostgreSQL only; SQLite ignores it. So the code is taken and a
    failure counted by one conditional UPDATE each: of two requests with the same code at
    the same moment exactly one changes the row and wins, and no wrong try is lost.
    """
    issued = OTPEnrolmentCode.objects.usable(user).select_for_update().first()
    if issued is None:
        security_event(SecurityKind.OTP_CODE_REFUSED, user=user, detail="no usable code")
        return False
    still_usable = OTPEnrolmentCode.objects.usable(user).filter(pk=issued.pk)
    if not check_password(_normal_code(code), issued.code_hash):
        still_usable.update(failures=F("failures") + 1)
        detail = f"code={issued.pk} failures={issued.failures + 1}"
        security_event(SecurityKind.OTP_CODE_REFUSED, user=user, detail=detail)
        return False
    if still_usable.update(used_at=timezone.now()) != 1:
        detail = f"code={issued.pk} used meanwhile"
        security_event(SecurityKind.OTP_CODE_REFUSED, user=user, detail=detail)
        return False
    return True


@transaction.atomic
def totp_device_start(*, user: User) -> TOTPDevice:
    """A fresh, unconfirmed device with a new key; any earlier unconfirmed one goes.

    An unconfirmed device's key may have been shown to someone before (a session with a
    stolen password): the key confirmed after a valid code is always a new one.
    """
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="Styra", confirmed=False)


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice) -> None:
    """The device's first code was right: it is the user's second factor from now on.

    The security log notes it (audit.security, for every path that confirms a device).
    """
    device.confirmed = True
    device.save(update_fields=["confirmed"])
