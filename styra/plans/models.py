"""A unit's operational plan (verksamhetsplan) for a year: its header, its free text,
its appendices and which of the goal chain's nodes and inherited activities it shows.

The tables keep the names they had when these models lived in the goals app
(`goals_plan`, `goals_section`, `goals_appendix`): the models moved, the data did not.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from styra.goals.models import Activity, Goal, PlanningYear
from styra.lib.uploads import appendix_path
from styra.organisation.models import Kind, OrgUnit

# The kinds of node that write a plan of their own: units, groups and departments.
PLAN_UNIT_KINDS = (Kind.UNIT, Kind.GROUP, Kind.DEPARTMENT)


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    SUBMITTED = "submitted", _("Inlämnad")
    ADOPTED = "adopted", _("Fastställd")


class PlanQuerySet(models.QuerySet["Plan"]):
    def with_header(self) -> "PlanQuerySet":
        return self.select_related("unit", "year", "submitted_by", "adopted_by")


class Plan(models.Model):
    """One unit's operational plan (verksamhetsplan) for one year."""

    unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="plans", verbose_name=_("enhet")
    )
    year = models.ForeignKey(
        PlanningYear, on_delete=models.PROTECT, related_name="plans", verbose_name=_("planeringsår")
    )
    # The unit's name when the plan was written; the tree may rename it later.
    unit_name = models.CharField(_("enhetens namn"), max_length=200)
    officer = models.CharField(_("handläggare"), max_length=200, blank=True)
    phone = models.CharField(_("telefon"), max_length=50, blank=True)
    addressee = models.CharField(_("till"), max_length=300, blank=True)
    meeting_date = models.DateField(_("sammanträdesdatum"), null=True, blank=True)
    # What the addressee, copied from last year's plan, names of that plan's dates
    # ("Socialnämnden, sammanträde 2025-12-11"): next year's plan goes to another meeting.
    # Saving the header clears it (see Goal.review_note).
    addressee_review_note = models.CharField(_("att granska i Till"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=PlanStatus, default=PlanStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("inlämnad"), null=True, blank=True)
    # PROTECT: who handed in and who adopted the plan are part of the decision; an account
    # that did either is deactivated, never deleted.
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("inlämnad av"),
    )
    adopted_at = models.DateTimeField(_("fastställd"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fastställd av"),
    )
    chain_goals = models.ManyToManyField(
        Goal, blank=True, related_name="+", verbose_name=_("mål i målkedjan")
    )
    chain_activities = models.ManyToManyField(
        Activity, blank=True, related_name="+", verbose_name=_("aktiviteter i målkedjan")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-year__year", "unit_name"]
        db_table = "goals_plan"
        verbose_name = _("verksamhetsplan")
        verbose_name_plural = _("verksamhetsplaner")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="plan_one_per_unit_and_year"),
        ]

    def __str__(self) -> str:
        return f"Verksamhetsplan {self.year.year} – {self.unit_name}"

    @property
    def is_locked(self) -> bool:
        """A submitted plan awaits its decision and an adopted one is decided; both are
        read-only until the plan is reopened."""
        return self.status in (PlanStatus.SUBMITTED, PlanStatus.ADOPTED)

    def refuse_changes(self, part: str = "plan") -> None:
        """Raise while the plan is submitted or adopted: a decided (or pending) document
        changes only after it has been reopened. `part` is what is refused: "plan" or
        "budget"."""
        if not self.is_locked:
            return
        submitted = self.status == PlanStatus.SUBMITTED
        if part == "budget":
            message = (
                gettext(
                    "Planen är inlämnad och budgeten kan inte ändras förrän den har öppnats igen."
                )
                if submitted
                else gettext("Planen är fastställd och budgeten kan inte ändras.")
            )
        else:
            message = (
                gettext("Planen är inlämnad och kan inte ändras förrän den har öppnats igen.")
                if submitted
                else gettext("Planen är fastställd och kan inte ändras.")
            )
        raise ValidationError(message, code="locked")


class SectionPart(models.TextChoices):
    INTRO = "intro", _("Inledning")
    CLOSING = "closing", _("Avslutning")


class Section(models.Model):
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="sections", verbose_name=_("verksamhetsplan")
    )
    part = models.CharField(
        max_length=10,
        choices=SectionPart,
        default=SectionPart.INTRO,
        verbose_name=_("del av planen"),
    )
    heading = models.CharField(_("rubrik"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    position = models.PositiveIntegerField(default=0, verbose_name=_("ordning"))
    # What the section names of the year it was copied from (see Goal.review_note).
    review_note = models.CharField(_("att granska"), max_length=300, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        db_table = "goals_section"
        verbose_name = _("avsnitt")
        verbose_name_plural = _("avsnitt")

    def __str__(self) -> str:
        return self.heading


class Appendix(models.Model):
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="appendices", verbose_name=_("verksamhetsplan")
    )
    name = models.CharField(_("namn"), max_length=300)
    file = models.FileField(_("fil"), upload_to=appendix_path, blank=True)
    position = models.PositiveIntegerField(default=0, verbose_name=_("ordning"))

    class Meta:
        ordering = ["position", "pk"]
        db_table = "goals_appendix"
        verbose_name = _("bilaga")
        verbose_name_plural = _("bilagor")

    def __str__(self) -> str:
        return self.name
