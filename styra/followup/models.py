"""Follow-up: reporting periods, the reports units and committees write, and what they hold.

A Report is one organisation node's report for one period (T1, T2 or the
annual report VB). It holds goal assessments, activity statuses, budget
outcome and forecast per budget row, and free-text sections; indicator
outcomes live in `indicators.Outcome` because they also come from other
sources than reports.
"""

import json
from functools import cached_property

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from styra.budget.models import BudgetRow
from styra.goals.models import Activity, Goal, PlanningYear, YearState
from styra.lib.periods import Period, period_label
from styra.organisation.models import OrgUnit


class ReportingPeriodQuerySet(models.QuerySet):
    def open(self) -> "ReportingPeriodQuerySet":
        """The periods of the years open for the units (a draft year reports nothing yet)."""
        return self.filter(year__state=YearState.OPEN)


class ReportingPeriod(models.Model):
    """A period the city reports on, with its cut-off date and the deadline for reports."""

    year = models.ForeignKey(
        PlanningYear,
        on_delete=models.CASCADE,
        related_name="periods",
        verbose_name=_("planeringsår"),
    )
    code = models.CharField(_("period"), max_length=8, unique=True)  # "2026T1"
    cutoff = models.DateField(_("avstämningsdatum"))
    deadline = models.DateField(_("sista dag att rapportera"))

    objects = ReportingPeriodQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("uppföljningsperiod")
        verbose_name_plural = _("uppföljningsperioder")

    def __str__(self) -> str:
        return self.period.label

    @property
    def period(self) -> Period:
        return Period.parse(self.code)

    def clean(self) -> None:
        if self.cutoff and self.deadline and self.deadline < self.cutoff:
            raise ValidationError(
                {"deadline": _("Sista dag kan inte ligga före avstämningsdatum.")}
            )


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    SUBMITTED = "submitted", _("Inlämnad")
    APPROVED = "approved", _("Godkänd")


# Handed in: what such a report says no longer follows the plan (followup.frozen).
DECIDED = frozenset({ReportStatus.SUBMITTED, ReportStatus.APPROVED})


class ReportQuerySet(models.QuerySet["Report"]):
    def with_header(self) -> "ReportQuerySet":
        return self.select_related("org_unit", "period", "period__year")

    def decided(self) -> "ReportQuerySet":
        """Submitted or approved reports (`Report.is_decided`)."""
        return self.filter(status__in=DECIDED)


class Report(models.Model):
    org_unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("organisationsenhet"),
    )
    period = models.ForeignKey(
        ReportingPeriod,
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("uppföljningsperiod"),
    )
    # The name when the report was written, as for plans.
    unit_name = models.CharField(max_length=200, verbose_name=_("enhetens namn"))
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus, default=ReportStatus.DRAFT
    )
    submitted_at = models.DateTimeField(null=True, blank=True, verbose_name=_("inlämnad"))
    # PROTECT: who handed in and who approved are part of what was decided, so an account
    # that did either is deactivated, never deleted (the admin says which records hold it).
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("inlämnad av"),
    )
    approved_at = models.DateTimeField(null=True, blank=True, verbose_name=_("godkänd"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("godkänd av"),
    )
    # What the report said when it was handed in: set by `report_submit`, cleared by
    # `report_reopen`; every read of a submitted or approved report uses these, never the
    # live plan (see followup/frozen.py for why the report holds them itself). The content
    # is JSON text, not a JSONField: PostgreSQL's jsonb reorders keys, and the export is
    # to stay byte for byte what was submitted.
    frozen_content = models.TextField(blank=True, default="", editable=False)
    frozen_figures = models.JSONField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["period__code", "unit_name"]
        verbose_name = _("uppföljningsrapport")
        verbose_name_plural = _("uppföljningsrapporter")
        constraints = [
            models.UniqueConstraint(fields=["org_unit", "period"], name="report_one_per_period"),
        ]

    def __str__(self) -> str:
        return f"{self.period} – {self.unit_name}"

    @cached_property
    def content_as_submitted(self) -> dict | None:
        """The frozen content (followup.frozen) while the report is handed in, else None."""
        if not self.is_decided or not self.frozen_content:
            return None
        return json.loads(self.frozen_content)

    def hold(self, content: dict | None, figures: dict | None) -> None:
        """Keep what the report says (`followup.frozen`); with None, read it live again."""
        self.frozen_content = "" if content is None else json.dumps(content, ensure_ascii=False)
        self.frozen_figures = figures
        self.__dict__.pop("content_as_submitted", None)

    @property
    def is_decided(self) -> bool:
        """Submitted or approved: what it says was handed in and no longer follows the plan."""
        return self.status in DECIDED

    @property
    def is_locked(self) -> bool:
        """An approved report is the decided version; changes need it reopened with a reason."""
        return self.status == ReportStatus.APPROVED


class ReportEvent(models.Model):
    """The report's workflow history: who submitted, approved or reopened it, when and why."""

    class Kind(models.TextChoices):
        SUBMIT = "submit", _("Lämnades in")
        APPROVE = "approve", _("Godkändes")
        REOPEN = "reopen", _("Öppnades igen")

    report = models.ForeignKey(
        Report,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("uppföljningsrapport"),
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, verbose_name=_("händelse"))
    by = models.ForeignKey(  # PROTECT as the report's own submitted_by and approved_by
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("gjord av"),
    )
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(blank=True, verbose_name=_("motivering"))

    class Meta:
        verbose_name = _("händelse i rapporten")
        verbose_name_plural = _("händelser i rapporten")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        # In Swedish time, as every time in Styra is shown (the history says so).
        return f"{self.get_kind_display()} {timezone.localtime(self.at):%Y-%m-%d %H:%M}"


class ReportSection(models.Model):
    report = models.ForeignKey(
        Report,
        on_delete=models.CASCADE,
        related_name="sections",
        verbose_name=_("uppföljningsrapport"),
    )
    heading = models.CharField(_("rubrik"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    position = models.PositiveIntegerField(default=0, verbose_name=_("ordning"))

    class Meta:
        verbose_name = _("avsnitt i rapporten")
        verbose_name_plural = _("avsnitt i rapporten")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.heading


class Fulfilment(models.TextChoices):
    FULFILLED = "fulfilled", _("Uppfyllt")
    PARTLY = "partly", _("Delvis uppfyllt")
    NOT_FULFILLED = "not_fulfilled", _("Inte uppfyllt")


class GoalAssessment(models.Model):
    """A goal's assessment in a report; differing from Styra's proposal needs a reason."""

    report = models.ForeignKey(
        Report,
        on_delete=models.CASCADE,
        related_name="assessments",
        verbose_name=_("uppföljningsrapport"),
    )
    # PROTECT, not CASCADE: a report's assessment must never vanish with a plan edit; the
    # delete services check first and explain (styra.followup.dependents).
    goal = models.ForeignKey(
        Goal, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("mål")
    )
    value = models.CharField(_("bedömning"), max_length=15, choices=Fulfilment, blank=True)
    proposed = models.CharField(
        max_length=15,
        choices=Fulfilment,
        blank=True,
        verbose_name=_("föreslagen bedömning"),
    )
    reason = models.TextField(_("skäl till avvikande bedömning"), blank=True)
    analysis = models.TextField(_("analys"), blank=True)

    class Meta:
        verbose_name = _("bedömning av mål")
        verbose_name_plural = _("bedömningar av mål")
        constraints = [
            models.UniqueConstraint(fields=["report", "goal"], name="assessment_one_per_goal"),
        ]

    def __str__(self) -> str:
        return f"{self.goal}: {self.get_value_display()}"

    def clean(self) -> None:
        if self.value and self.proposed and self.value != self.proposed and not self.reason.strip():
            raise ValidationError(
                {"reason": _("Ange varför bedömningen skiljer sig från förslaget.")}
            )


class ActivityStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Ej påbörjad")
    STARTED = "started", _("Påbörjad")
    FINISHED = "finished", _("Slutförd")
    CANCELLED = "cancelled", _("Avbruten")


class ActivityFollowUp(models.Model):
    report = models.ForeignKey(
        Report,
        on_delete=models.CASCADE,
        related_name="activity_statuses",
        verbose_name=_("uppföljningsrapport"),
    )
    # PROTECT for the same reason as GoalAssessment.goal.
    activity = models.ForeignKey(
        Activity, on_delete=models.PROTECT, related_name="follow_ups", verbose_name=_("aktivitet")
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ActivityStatus,
        default=ActivityStatus.NOT_STARTED,
    )
    comment = models.TextField(_("kommentar"), blank=True)

    class Meta:
        verbose_name = _("uppföljning av aktivitet")
        verbose_name_plural = _("uppföljningar av aktiviteter")
        constraints = [
            models.UniqueConstraint(fields=["report", "activity"], name="activity_one_per_report"),
        ]

    def __str__(self) -> str:
        return f"{self.activity}: {self.get_status_display()}"


class BudgetFollowUp(models.Model):
    """Outcome to date and forecast for the year of one budget row, per month or tertial."""

    # PROTECT for the same reason as GoalAssessment.goal.
    row = models.ForeignKey(
        BudgetRow, on_delete=models.PROTECT, related_name="follow_ups", verbose_name=_("budgetrad")
    )
    period = models.CharField(_("period"), max_length=8)  # "2026M03" or "2026T1"
    outcome = models.DecimalField(
        _("utfall hittills"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    forecast = models.DecimalField(
        _("prognos helår"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    comment = models.TextField(_("kommentar"), blank=True)

    class Meta:
        verbose_name = _("budgetuppföljning")
        verbose_name_plural = _("budgetuppföljningar")
        constraints = [
            models.UniqueConstraint(
                fields=["row", "period"], name="budget_follow_up_one_per_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.row}, {period_label(self.period)}"
