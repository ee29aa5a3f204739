"""The audit trail and the security log: append-only tables.

Neither table has a foreign key. An entry must outlive the object and the
user it names: a foreign key would cascade or SET_NULL, that is, UPDATE or
DELETE rows the database refuses to change (see migration 0002).
"""

from datetime import date, datetime, time, timedelta

from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .jsontext import UnicodeJSONEncoder


class Action(models.TextChoices):
    CREATE = "create", _("Skapades")
    UPDATE = "update", _("Ändrades")
    DELETE = "delete", _("Togs bort")


# Object types that entries written before a model moved between apps still carry; the
# trail is append-only, so old entries keep their label and readers ask for both.
MOVED_TYPES = {
    "goals.plan": "plans.plan",
    "goals.section": "plans.section",
    "goals.appendix": "plans.appendix",
}


def current_type(object_type: str) -> str:
    """The object type as the model is labelled today ("goals.plan" -> "plans.plan")."""
    return MOVED_TYPES.get(object_type, object_type)


def stored_types(object_type: str) -> list[str]:
    """Every label entries of this object type may carry: today's and any earlier one."""
    current = current_type(object_type)
    return [current, *(old for old, new in MOVED_TYPES.items() if new == current)]


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def search(
        self,
        *,
        user: str = "",
        object_type: str = "",
        since: date | None = None,
        until: date | None = None,
        text: str = "",
    ) -> "AuditEntryQuerySet":
        """Entries matching every given criterion; `until` includes that whole (local) day."""
        qs = self
        if user:
            # The history shows people by name: find them by name as well as by username.
            from django.contrib.auth import get_user_model

            named = (
                get_user_model()
                .objects.annotate(full_name=Concat("first_name", Value(" "), "last_name"))
                .filter(full_name__icontains=user)
                .values("pk")
            )
            qs = qs.filter(Q(actor__icontains=user) | Q(actor_id__in=named))
        if object_type:
            qs = qs.filter(object_type__in=stored_types(object_type))
        if since:
            qs = qs.filter(at__gte=_local_midnight(since))
        if until:
            qs = qs.filter(at__lt=_local_midnight(until + timedelta(days=1)))
        if text:
            qs = qs.filter(
                Q(object_name__icontains=text)
                | Q(changes__icontains=text)
                | Q(object_id=text)
                | Q(request_id=text)
                | Q(path__icontains=text)
            )
        return qs.order_by("-at", "-pk")


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


class AuditEntry(models.Model):
    """One changed object in one committed transaction: who, when, what, before and after."""

    at = models.DateTimeField(_("tid"), default=timezone.now, db_index=True)
    actor_id = models.BigIntegerField(_("användarens id"), null=True, blank=True, db_index=True)
    # The username, or "system:<OS user>" for commands and scripts.
    actor = models.CharField(_("användare"), max_length=200)
    action = models.CharField(_("åtgärd"), max_length=10, choices=Action)
    object_type = models.CharField(_("objekttyp"), max_length=100, db_index=True)  # "plans.plan"
    object_id = models.CharField(_("objektets id"), max_length=64)
    object_name = models.CharField(_("objekt"), max_length=300)
    # {field: [before, after]}; many-to-many fields: {field: {"added": [ids], "removed": [ids]}}.
    changes = models.JSONField(_("ändringar"), default=dict, encoder=UnicodeJSONEncoder)
    request_id = models.CharField(_("anrop"), max_length=32, blank=True, db_index=True)
    ip = models.GenericIPAddressField(_("IP-adress"), null=True, blank=True)
    path = models.CharField(_("sökväg"), max_length=500, blank=True)
    # Where the object belongs, for the history pages and for scoping; plain ids, no keys.
    unit_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    plan_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    report_id = models.BigIntegerField(null=True, blank=True, db_index=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("händelse i granskningsloggen")
        verbose_name_plural = _("granskningslogg")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return (
            f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.get_action_display()} {self.object_name}"
        )


class SecurityKind(models.TextChoices):
    LOGIN = "login", _("Inloggning")
    LOGIN_FAILED = "login_failed", _("Misslyckad inloggning")
    LOGOUT = "logout", _("Utloggning")
    REFUSED = "refused", _("Nekad åtkomst")
    EXPORT = "audit_export", _("Export av granskningsloggen")
    OTP_CODE_ISSUED = "otp_code_issued", _("Aktiveringskod för tvåstegsverifiering utfärdad")
    OTP_CODE_REFUSED = "otp_code_refused", _("Fel aktiveringskod för tvåstegsverifiering")
    OTP_ENROLLED = "otp_enrolled", _("Tvåstegsverifiering aktiverad")
    OTP_FAILED = "otp_failed", _("Fel engångskod")
    OTP_REMOVED = "otp_removed", _("Tvåstegsverifiering borttagen")
    LOCKOUT_RESET = "lockout_reset", _("Inloggningsspärr hävd")
    PUBLISHED = "published", _("Publicerad")
    UNPUBLISHED = "unpublished", _("Avpublicerad")
    ROLE_GRANTED = "role_granted", _("Roll given")
    ROLE_REVOKED = "role_revoked", _("Roll borttagen")
    ACCOUNT_CREATED = "account_created", _("Konto skapat")
    ACCOUNT_DEACTIVATED = "account_deactivated", _("Konto inaktiverat")
    ACCOUNT_REACTIVATED = "account_reactivated", _("Konto aktiverat igen")
    EMAIL_CHANGED = "email_changed", _("E-postadress ändrad")
    PASSWORD_LINK_SENT = "password_link_sent", _("Länk för nytt lösenord skickad")
    PASSWORD_RESET_ASKED = "password_reset_asked", _("Nytt lösenord begärt")
    PASSWORD_SET = "password_set", _("Lösenord valt med länk")


class SecurityEvent(models.Model):
    """A sign-in, failed sign-in, sign-out, refused request, or a change to how one signs in."""

    at = models.DateTimeField(_("tid"), default=timezone.now, db_index=True)
    kind = models.CharField(_("händelse"), max_length=20, choices=SecurityKind)
    actor_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    # The signed-in user, or the name someone tried to sign in with.
    actor = models.CharField(_("användare"), max_length=200, blank=True)
    status = models.PositiveSmallIntegerField(_("svarskod"), null=True, blank=True)
    method = models.CharField(max_length=10, blank=True)
    path = models.CharField(_("sökväg"), max_length=500, blank=True)
    ip = models.GenericIPAddressField(_("IP-adress"), null=True, blank=True)
    request_id = models.CharField(_("anrop"), max_length=32, blank=True)
    detail = models.CharField(_("detaljer"), max_length=500, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("säkerhetshändelse")
        verbose_name_plural = _("säkerhetslogg")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()} {self.actor}"
