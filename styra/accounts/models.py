"""Who holds which role where in the organisation tree."""

from django.conf import settings
from django.db import models
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
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices)

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
