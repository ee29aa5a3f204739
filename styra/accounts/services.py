"""Writes on user accounts and roles.

Every write names who makes it: `by`, the administrator (checked against the access
policy here, whichever door the call came through: the pages, `styra grant --user`),
or None for the server's operator (`styra grant` without --user, the sign-in's group
mapping), who holds the database anyway. Refusals are ValidationErrors with a Swedish
message and change nothing; the audit trail records each change with who made it, and
the security log each role given or taken, each account created or closed and each
e-mail address changed.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp.plugins.otp_totp.models import TOTPDevice

from styra.audit.models import SecurityKind
from styra.audit.security import security_event
from styra.audit.trail import current_acting, system_actor
from styra.organisation.models import OrgUnit

from .models import GroupRole, Membership, OTPEnrolmentCode, Role, Source
from .people import admin_scope, manages_account
from .permissions import Action, can

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
def user_deactivate(*, user: User, by: User | None = None) -> None:
    """Close the account and end every session it has, at once.

    Django would also refuse an inactive user on their next request (ModelBackend.get_user
    returns nobody); deleting the sessions makes that true for every backend and leaves
    nothing to reactivate by mistake. Nobody closes their own account, and an
    administrator closes only accounts whose every role lies where they administer; the
    roles stay, for a reactivation.
    """
    if by is not None:
        if by.pk == user.pk:
            raise ValidationError(_("Du kan inte inaktivera ditt eget konto."), code="self")
        _require_manages(by, user)
    if not user.is_active:
        raise ValidationError(
            _("Kontot %(username)s är redan inaktiverat.") % {"username": user.get_username()},
            code="unchanged",
        )
    user.is_active = False
    user.full_clean()
    user.save(update_fields=["is_active"])
    ended = user_sessions_end(user=user)
    _log(SecurityKind.ACCOUNT_DEACTIVATED, by, f"for={user.get_username()} sessions={ended}")


@transaction.atomic
def user_reactivate(*, user: User, by: User | None = None) -> None:
    """Open a closed account again, with the roles it had; the person signs in anew."""
    if by is not None:
        _require_manages(by, user)
    if user.is_active:
        raise ValidationError(
            _("Kontot %(username)s är redan aktivt.") % {"username": user.get_username()},
            code="unchanged",
        )
    user.is_active = True
    user.full_clean()
    user.save(update_fields=["is_active"])
    _log(SecurityKind.ACCOUNT_REACTIVATED, by, f"for={user.get_username()}")


def _actor(by: User | None) -> str:
    return by.get_username() if by is not None else system_actor()


def display_name(user: User) -> str:
    return user.get_full_name() or user.get_username()


def _log(kind: str, by: User | None, detail: str) -> None:
    """A security event by `by`, or by the operator ("system:<OS user>") when None.

    A command acting for a user (`--user`) names the operator too, as the trail does.
    """
    acting = current_acting.get()
    if acting is not None:
        detail += f" {acting.origin}"
    security_event(kind, user=by, username="" if by is not None else system_actor(), detail=detail)


def _require_manages(by: User, person: User) -> None:
    if not manages_account(admin_scope(by), person):
        raise ValidationError(
            _(
                "Du kan inte ändra kontot %(username)s: personen har roller där du inte är "
                "administratör."
            )
            % {"username": person.get_username()},
            code="forbidden",
        )


def _require_administers(by: User, node: OrgUnit, *, giving: str = "") -> None:
    """`by` may give and take roles on `node`: they administer it (it is in their subtree).

    `giving` is the role about to be given, for the message when it is administrator on a
    node above `by`'s own.
    """
    if can(by, Action.ADMINISTER, node):
        return
    own = Membership.objects.filter(user=by, role=Role.ADMIN).values("org_unit_id")
    above = OrgUnit.objects.descendants(node, include_self=False).filter(pk__in=own).exists()
    if giving == Role.ADMIN and above:
        message = _(
            "Du kan inte ge administratörsrollen på %(node)s: den ligger över det du administrerar."
        )
    else:
        message = _("Du administrerar inte %(node)s och kan inte ändra roller där.")
    raise ValidationError(message % {"node": node.name}, code="forbidden")


def _role_label(role: str) -> str:
    return str(Role(role).label)


@transaction.atomic
def membership_grant(
    *,
    user: User,
    role: str,
    node: OrgUnit,
    by: User | None = None,
    source: str = Source.STYRA,
) -> Membership:
    """Give `user` the role on `node` (and so on everything under it).

    `by` must administer the node: an administrator gives roles in their own subtree only,
    and so never the administrator role above or beside their own node. A role the
    identity provider's groups gave becomes one given in Styra when an administrator
    gives it too, so it stays when the group goes.
    """
    if role not in Role.values:
        raise ValidationError(_("Okänd roll: %(role)s.") % {"role": role}, code="invalid")
    if by is not None:
        _require_administers(by, node, giving=role)
    if not user.is_active:
        raise ValidationError(
            _("Kontot %(username)s är inaktiverat. Aktivera det först.")
            % {"username": user.get_username()},
            code="inactive",
        )
    names = {"person": display_name(user), "role": _role_label(role), "node": node.name}
    existing = Membership.objects.filter(user=user, org_unit=node, role=role).first()
    if existing is not None:
        if existing.source == source:
            raise ValidationError(
                _("%(person)s har redan rollen %(role)s på %(node)s.") % names, code="exists"
            )
        existing.source = source
        existing.granted_at = timezone.now()
        existing.granted_by = _actor(by)
        existing.full_clean()
        existing.save(update_fields=["source", "granted_at", "granted_by"])
        membership = existing
    else:
        membership = Membership(
            user=user, org_unit=node, role=role, source=source, granted_by=_actor(by)
        )
        membership.full_clean()
        membership.save()
    detail = f"for={user.get_username()} role={role} node={node.pk} {node.name}"
    _log(SecurityKind.ROLE_GRANTED, by, detail)
    return membership


@transaction.atomic
def membership_revoke(*, membership: Membership, by: User | None = None) -> None:
    """Take the role away.

    `by` must administer the role's node, may not take their own last administrator
    role (nobody locks themselves out; whoever may take another's last one administers
    above them, so the city always keeps one). A role that a group of the identity
    provider still maps is the provider's to take.
    """
    node = membership.org_unit
    if by is not None:
        _require_administers(by, node)
        if membership.source == Source.IDENTITY_PROVIDER:
            groups = GroupRole.objects.filter(org_unit=node, role=membership.role)
            if groups.exists():
                raise ValidationError(
                    _(
                        "Rollen kommer från gruppen %(groups)s hos identitetsleverantören. "
                        "Ta bort personen ur gruppen där, så försvinner rollen vid nästa "
                        "inloggning."
                    )
                    % {"groups": ", ".join(sorted(groups.values_list("group", flat=True)))},
                    code="identity_provider",
                )
        if membership.role == Role.ADMIN and membership.user_id == by.pk:
            others = Membership.objects.filter(user=by, role=Role.ADMIN).exclude(pk=membership.pk)
            if not others.exists():
                raise ValidationError(
                    _(
                        "Du kan inte ta bort din egen sista administratörsroll: då kan du inte "
                        "längre administrera. Be en annan administratör."
                    ),
                    code="last_own_administrator",
                )
    detail = (
        f"for={membership.user.get_username()} role={membership.role} node={node.pk} {node.name}"
    )
    membership.delete()
    _log(SecurityKind.ROLE_REVOKED, by, detail)


@transaction.atomic
def memberships_sync_from_groups(*, user: User, groups: Iterable[str]) -> tuple[int, int]:
    """Make the user's roles from the identity provider those its `groups` map to (GroupRole).

    Only roles whose source is the identity provider are added or removed; a role given
    in Styra is kept as it is, also when a group maps to the same role. Called at each
    sign-in through OpenID Connect; returns (added, removed).
    """
    mapped: dict[tuple[int, str], list[str]] = {}
    for group, node_id, role in GroupRole.objects.filter(group__in=list(groups)).values_list(
        "group", "org_unit_id", "role"
    ):
        mapped.setdefault((node_id, role), []).append(group)
    wanted = set(mapped)
    held = {(m.org_unit_id, m.role): m for m in user.memberships.select_related("org_unit")}
    removed = 0
    for key, membership in held.items():
        if membership.source == Source.IDENTITY_PROVIDER and key not in wanted:
            node = membership.org_unit
            membership.delete()
            removed += 1
            detail = f"for={user.get_username()} role={key[1]} node={node.pk} {node.name} via=idp"
            _log(SecurityKind.ROLE_REVOKED, user, detail)
    added = 0
    nodes = OrgUnit.objects.in_bulk({node_id for node_id, _role in wanted - set(held)})
    for node_id, role in sorted(wanted - set(held)):
        membership = Membership(
            user=user,
            org_unit=nodes[node_id],
            role=role,
            source=Source.IDENTITY_PROVIDER,
            # Stored as written, like the usernames beside it: the groups that gave it.
            granted_by=f"identitetsleverantören ({', '.join(sorted(mapped[node_id, role]))})"[:200],
        )
        membership.full_clean()
        membership.save()
        added += 1
        node = nodes[node_id]
        detail = f"for={user.get_username()} role={role} node={node.pk} {node.name} via=idp"
        _log(SecurityKind.ROLE_GRANTED, user, detail)
    return added, removed


@transaction.atomic
def person_create(
    *,
    username: str,
    email: str,
    role: str,
    node: OrgUnit,
    first_name: str = "",
    last_name: str = "",
    by: User | None = None,
) -> User:
    """A new local account with a first role, and no password until the person chooses one.

    The person signs in through the municipality's identity provider, or sets a password
    with the link person_invite sends. The first role is required: an account without
    one would be out of sight of everyone but the city's administrators. The e-mail
    address must be free, as sign-in by e-mail matches on it.
    """
    User = get_user_model()  # noqa: N806
    if by is not None:
        _require_administers(by, node, giving=role)
    username = User.normalize_username(username.strip())
    email = User.objects.normalize_email(email.strip())
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(
            {"username": _("Användarnamnet %(username)s är upptaget.") % {"username": username}}
        )
    if email and (taken := _email_taken(email)):
        raise ValidationError({"email": taken})
    person = User(
        username=username,
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
    )
    person.set_unusable_password()
    person.full_clean()
    person.save()
    _log(SecurityKind.ACCOUNT_CREATED, by, f"for={person.get_username()}")
    membership_grant(user=person, role=role, node=node, by=by)
    return person


# Why one's own address is not changed here (person_update); the page says it by the field.
OWN_EMAIL = gettext_lazy("Din egen e-postadress ändras av en annan administratör.")


def _email_taken(email: str, *, other_than: User | None = None) -> str:
    """The refusal when another person has the address (case-insensitively, as sign-in by
    e-mail matches on it); "" when it is free."""
    others = get_user_model().objects.filter(email__iexact=email)
    if other_than is not None:
        others = others.exclude(pk=other_than.pk)
    if not others.exists():
        return ""
    return _("En annan person har redan e-postadressen %(email)s.") % {"email": email}


@transaction.atomic
def person_update(
    *, person: User, first_name: str, last_name: str, email: str, by: User | None = None
) -> list[str]:
    """Correct the person's name and e-mail address; returns the fields that changed.

    It takes the reach that closing the account takes (every role of the person where
    `by` administers): the address is where links for a new password go and, when the
    identity provider matches people by e-mail, which of its people signs in to this
    account. For the same reason nobody changes their own address here: a session that
    someone else has taken over must not be able to send the password links elsewhere.
    The names are required as on creation, and the address must be valid and free
    (case-insensitively, as sign-in by e-mail matches on it). A link sent to the old
    address stops working (Django's token covers the address). The trail records the old
    and new values; a changed address is in the security log too.
    """
    User = get_user_model()  # noqa: N806
    if by is not None:
        _require_manages(by, person)
    values = {
        "first_name": first_name.strip(),
        "last_name": last_name.strip(),
        "email": User.objects.normalize_email(email.strip()),
    }
    errors: dict[str, str] = {}
    if not values["first_name"]:
        errors["first_name"] = _("Fyll i förnamnet.")
    if not values["last_name"]:
        errors["last_name"] = _("Fyll i efternamnet.")
    try:
        validate_email(values["email"])
    except ValidationError:
        errors["email"] = _("Fyll i en giltig e-postadress.")
    else:
        if taken := _email_taken(values["email"], other_than=person):
            errors["email"] = taken
    if errors:
        raise ValidationError(errors)
    changed = [field for field, value in values.items() if getattr(person, field) != value]
    if "email" in changed and by is not None and by.pk == person.pk:
        raise ValidationError({"email": ValidationError(OWN_EMAIL, code="self")})
    if not changed:
        return []
    before = {field: getattr(person, field) for field in changed}
    for field in changed:
        setattr(person, field, values[field])
    try:
        person.full_clean()
    except ValidationError:
        # The caller's object shows the person as stored, as it did before the call.
        for field, value in before.items():
            setattr(person, field, value)
        raise
    person.save(update_fields=changed)
    if "email" in changed:
        _log(SecurityKind.EMAIL_CHANGED, by, f"for={person.get_username()}")
    return changed


def password_link(user: User, site_url: str) -> str:
    """The address where the user chooses a new password, valid PASSWORD_RESET_TIMEOUT.

    The token is Django's: it stops working once the password changes or the user signs in.
    """
    path = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return f"{site_url.rstrip('/')}{path}"


@transaction.atomic
def person_invite(*, person: User, site_url: str, by: User | None = None) -> None:
    """E-mail the person a link to choose a password: an invitation, or a new password.

    Sent through Django's mail backend before the transaction ends, so a mail server
    that refuses it leaves nothing recorded as sent. The link goes to the person's own
    address; an administrator never sees it.
    """
    if by is not None:
        _require_manages(by, person)
    if not person.is_active:
        raise ValidationError(
            _("Kontot %(username)s är inaktiverat.") % {"username": person.get_username()},
            code="inactive",
        )
    if not person.email:
        raise ValidationError(
            _("%(person)s har ingen e-postadress att skicka länken till.")
            % {"person": display_name(person)},
            code="no_email",
        )
    context = {
        "person": person,
        "name": display_name(person),
        "link": password_link(person, site_url),
        "site_url": site_url.rstrip("/"),
        "invited_by": display_name(by) if by is not None else "",
        "first_time": person.last_login is None and not person.has_usable_password(),
        "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
    }
    subject = render_to_string("accounts/email/invitation_subject.txt", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=render_to_string("accounts/email/invitation.txt", context),
        to=[person.email],
    )
    html = render_to_string("accounts/email/invitation.html", context)
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except OSError as exc:  # smtplib's errors are OSErrors, and so is a refused connection
        raise ValidationError(
            _("E-postmeddelandet kunde inte skickas (%(error)s). Försök igen senare.")
            % {"error": exc.__class__.__name__},
            code="mail",
        ) from exc
    _log(SecurityKind.PASSWORD_LINK_SENT, by, f"for={person.get_username()}")


@transaction.atomic
def user_password_set(*, user: User, password: str) -> None:
    """The person chose a password with an e-mailed link; every other session ends.

    The form has checked the password against AUTH_PASSWORD_VALIDATORS. Sessions opened
    with the old password (perhaps by whoever made the person ask for a new one) go.
    """
    user.set_password(password)
    user.save(update_fields=["password"])
    ended = user_sessions_end(user=user)
    security_event(
        SecurityKind.PASSWORD_SET, user=user, detail=f"for={user.get_username()} sessions={ended}"
    )


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
