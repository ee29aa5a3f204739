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


class Source(models.TextChoices):
    """Where a role came from: given in Styra, or mapped from the identity provider's groups."""

    STYRA = "styra", _("Given i Styra")
    IDENTITY_PROVIDER = "idp", _("Från identitetsleverantören")


class MembershipQuerySet(models.QuerySet["Membership"]):
    def on_nodes(self, node_ids: "set[int]") -> "MembershipQuerySet":
        """Roles on these nodes, with their person and node, in a stable order."""
        return (
            self.filter(org_unit_id__in=node_ids)
            .select_related("user", "org_unit")
            .order_by("org_unit__name", "role", "user__username", "pk")
        )


class Membership(models.Model):
    """A role on an organisation node; it covers the node's whole subtree.

    Roles mapped from the identity provider's groups (`Source.IDENTITY_PROVIDER`) are
    the sign-in's to add and remove (services.memberships_sync_from_groups); a role given
    in Styra is never touched by it.
    """

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
    source = models.CharField(_("källa"), max_length=10, choices=Source, default=Source.STYRA)
    # When and by whom, for the person's page; the audit trail holds the full story. Kept as
    # written ("system:<OS user>" for the operator), the granter may go; empty on roles
    # given before these were recorded.
    granted_at = models.DateTimeField(_("given"), null=True, blank=True, default=timezone.now)
    granted_by = models.CharField(_("given av"), max_length=200, blank=True)

    objects = MembershipQuerySet.as_manager()

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


class GroupRole(models.Model):
    """A group of the identity provider that gives its members a role on a node.

    Read at each sign-in through OpenID Connect when STYRA_OIDC_GROUPS_CLAIM is set: the
    person's roles from the provider become exactly those of their groups (see
    docs/identity-provider.md). Kept in Django's admin by the city's operator.
    """

    group = models.CharField(_("grupp"), max_length=200)
    role = models.CharField(_("roll"), max_length=20, choices=Role)
    org_unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.CASCADE,
        related_name="group_roles",
        verbose_name=_("organisationsenhet"),
    )

    class Meta:
        verbose_name = _("roll från en grupp hos identitetsleverantören")
        verbose_name_plural = _("roller från grupper hos identitetsleverantören")
        ordering = ["group", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "org_unit", "role"], name="grouprole_unique_role"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group} → {self.get_role_display()} – {self.org_unit}"


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
