"""Notices to people: what happened or is due, in the in-app list and by e-mail.

A Notice is one message to one person. It points at what it is about (a unit, a plan, a
report, or a key such as a period code) and carries its text as it was sent, in Swedish:
it is a record of what the person was told, like an e-mail in their inbox. Its
`dedupe_key` is unique per recipient, so the same notice (a decision, a reminder of a
deadline) is never stored, and so never mailed, twice, however often `styra remind` runs.

A NoticeSetting is a person's choice for one kind of notice: by e-mail and in Styra (the
default, when there is no row), only in Styra, or not at all.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import User
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from styra.followup.models import Report
from styra.organisation.models import OrgUnit
from styra.plans.models import Plan


class Kind(models.TextChoices):
    SUBMITTED = "submitted", _("Inlämnat för beslut")
    DECIDED = "decided", _("Fastställt eller godkänt")
    RETURNED = "returned", _("Öppnat igen")
    REMINDER = "reminder", _("Påminnelser om sista dag")
    MESSAGE = "message", _("Meddelanden i dialogen")


class Delivery(models.TextChoices):
    EMAIL = "email", _("I Styra och med e-post")
    IN_APP = "in_app", _("Bara i Styra")
    OFF = "off", _("Av")


class NoticeQuerySet(models.QuerySet["Notice"]):
    def of(self, user: User) -> NoticeQuerySet:
        """The person's own notices, newest first; nobody reads another's."""
        return self.filter(recipient=user).order_by("-created_at", "-pk")

    def unread(self) -> NoticeQuerySet:
        return self.filter(read_at__isnull=True)


class Notice(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notices",
        verbose_name=_("mottagare"),
    )
    kind = models.CharField(_("slag"), max_length=20, choices=Kind)
    # What the notice is about. SET_NULL: a notice outlives a deleted draft plan; its text
    # still says what it was.
    unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisationsenhet"),
    )
    plan = models.ForeignKey(
        Plan, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    report = models.ForeignKey(
        Report, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    key = models.CharField(_("nyckel"), max_length=100, blank=True)  # "2026T1"
    title = models.CharField(_("rubrik"), max_length=300)
    text = models.TextField(_("text"))
    link = models.CharField(_("länk"), max_length=500, blank=True)  # a path in Styra
    created_at = models.DateTimeField(_("skapad"), default=timezone.now)
    read_at = models.DateTimeField(_("läst"), null=True, blank=True)
    # The address the notice was to be mailed to ("" when not by e-mail), and when it went.
    email_to = models.EmailField(_("e-post till"), blank=True)
    emailed_at = models.DateTimeField(_("skickad med e-post"), null=True, blank=True)
    dedupe_key = models.CharField(max_length=200)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("avisering")
        verbose_name_plural = _("aviseringar")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"], name="notice_once_per_recipient"
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notice_unread"),
        ]

    def __str__(self) -> str:
        return f"{self.recipient} – {self.title}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NoticeSetting(models.Model):
    """How one kind of notice reaches one person; without a row, by e-mail and in Styra."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notice_settings",
        verbose_name=_("användare"),
    )
    kind = models.CharField(_("slag"), max_length=20, choices=Kind)
    delivery = models.CharField(_("leverans"), max_length=10, choices=Delivery)

    class Meta:
        verbose_name = _("inställning för aviseringar")
        verbose_name_plural = _("inställningar för aviseringar")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notice_setting_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_kind_display()}: {self.get_delivery_display()}"
