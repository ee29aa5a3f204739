"""The dialog between a unit and its approver: one thread per plan and per report.

A Thread belongs to its subject as a decided version does (decisions.Snapshot): by kind,
organisation node and key ("2026" for the unit's plan of 2026, "2026T1" for its report of
that period), not by the live row. An import that replaces a plan deletes the old row;
the conversation about the unit's plan of the year goes on with the new one instead of
disappearing with it.

A Message is never changed or deleted by Styra: it is what was said, by whom and when.
Besides plain comments, a message may come with a decision (kind): the note a unit hands
its plan in with, the reason it was returned (reopened) with, the word it was adopted or
approved with.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from styra.organisation.models import OrgUnit


class SubjectKind(models.TextChoices):
    PLAN = "plan", _("Verksamhetsplan")
    REPORT = "report", _("Uppföljningsrapport")


class MessageKind(models.TextChoices):
    COMMENT = "comment", _("Meddelande")
    SUBMITTED = "submitted", _("Inlämning")
    RETURNED = "returned", _("Öppnad igen")
    ADOPTED = "adopted", _("Fastställande")
    APPROVED = "approved", _("Godkännande")


class Thread(models.Model):
    kind = models.CharField(_("slag"), max_length=10, choices=SubjectKind)
    org_unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("enhet")
    )
    key = models.CharField(_("år eller period"), max_length=8)  # "2026" or "2026T1"
    created_at = models.DateTimeField(_("skapad"), default=timezone.now)

    class Meta:
        verbose_name = _("dialog")
        verbose_name_plural = _("dialoger")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "org_unit", "key"], name="conversations_one_thread_per_subject"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.key} ({self.org_unit_id})"


class MessageQuerySet(models.QuerySet["Message"]):
    def of_subject(self, kind: str, org_unit_id: int, key: str) -> MessageQuerySet:
        """The messages of one plan's or report's thread with their authors, oldest first."""
        return (
            self.filter(thread__kind=kind, thread__org_unit_id=org_unit_id, thread__key=key)
            .select_related("author")
            .order_by("created_at", "pk")
        )


class Message(models.Model):
    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, related_name="messages", verbose_name=_("dialog")
    )
    kind = models.CharField(
        _("slag"), max_length=10, choices=MessageKind, default=MessageKind.COMMENT
    )
    # The author's name is kept as written, so the thread still says who wrote even after
    # the account is gone (SET_NULL).
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("skribent"),
    )
    author_name = models.CharField(_("skribentens namn"), max_length=300, blank=True)
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(_("skrivet"), default=timezone.now)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("meddelande")
        verbose_name_plural = _("meddelanden")

    def __str__(self) -> str:
        return f"{self.author_name or '–'}: {self.text[:60]}"
