"""Who holds which role where in the organisation tree."""

from django.conf import settings
from django.contrib.auth.models import User
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from styra.organisation.models import OrgUnit


class Role(models.TextChoices):
    READER = "reader", _("Läsare")
    EDITOR = "editor", _("Redaktör")
    APPROVER = "approver", _("Beslutsfattare")
    CONTROLLER = "controller", _("Controller")
    ADMIN = "admin", _("Administratör")


class Membership(models.Model):
    """A role on an organisation node; it covers the node's whole subtree."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("användare"),
    )
    org_unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisationsenhet"),
    )
    role = models.CharField(_("roll"), max_length=20, choices=Role)

    class Meta:
        verbose_name = _("roll i organisationen")
        verbose_name_plural = _("roller i organisationen")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "org_unit", "role"], name="membership_unique_role"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.org_unit}"


class OTPEnrolmentCodeQuerySet(models.QuerySet["OTPEnrolmentCode"]):
    def usable(self, user: User) -> "OTPEnrolmentCodeQuerySet":
        """The user's codes that may still be tried: unused, unexpired, not guessed at too often."""
        return self.filter(
            user=user,
            used_at__isnull=True,
            expires_at__gt=timezone.now(),
            failures__lt=OTPEnrolmentCode.MAX_FAILURES,
        )


class OTPEnrolmentCode(models.Model):
    """A one-time code that lets its user register a first second factor (TOTP).

    A password alone must not be enough to choose someone's second factor: whoever stole
    it would register their own app. Another administrator (Django's admin) or the
    operator (`styra otp-enrol USER`) hands the person this code by another way. Only a
    hash is stored; the code works once, for a limited time, and a few wrong tries use it up.
    """

    MAX_FAILURES = 5

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="otp_enrolment_codes"
    )
    code_hash = models.CharField(max_length=200)
    # The issuing username or "system:<OS user>": kept as written, the issuer may go.
    issued_by = models.CharField(_("utfärdad av"), max_length=200)
    issued_at = models.DateTimeField(_("utfärdad"), default=timezone.now)
    expires_at = models.DateTimeField(_("giltig till"))
    used_at = models.DateTimeField(_("använd"), null=True, blank=True)
    failures = models.PositiveSmallIntegerField(default=0)

    objects = OTPEnrolmentCodeQuerySet.as_manager()

    class Meta:
        verbose_name = _("aktiveringskod för tvåstegsverifiering")
        verbose_name_plural = _("aktiveringskoder för tvåstegsverifiering")
        ordering = ["-issued_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user} {self.issued_at:%Y-%m-%d %H:%M}"
