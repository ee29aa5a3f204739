"""Internal control (internkontroll, Kommunallagen 6 kap. 6 §) in the yearly cycle.

A `ControlPlan` is one node's internal control plan for one year: a committee's, or a
unit's where the committee wants one. It holds the risk analysis (the node's
`Process`es and routines, each with its `Risk`s, every risk assessed for probability
and consequence on 1–4) and, for the risks selected into the plan, the control plan
(`Control`: what is checked, how, how much, how often, by whom, and in which periods
it is reported). It goes draft → submitted → adopted like a verksamhetsplan and is
read-only from submission until reopened.

The city pushes risks to every committee (`CityRisk`, stadsövergripande
kontrollområden), as it pushes KF's indicators: each committee's plan of the year gets
them as its own risks, to assess and, like any risk, select or leave out with a reason.

In each reporting period the responsible reports each control that period asks for
(`ControlResult`: done or not, with or without deviations, what was found) and the
measures taken (`Measure`, dated and followed like the plan's activities). The results
of a period are part of the node's report for it: once that report is handed in they no
longer change.

The units' quality guarantees are in `guarantee_models.py`, imported here so that Django
and every caller find all of the room's models in one place.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from styra.followup.models import ActivityStatus, ReportingPeriod
from styra.goals.models import Goal, PlanningYear
from styra.lib.periods import TERTIALS
from styra.organisation.models import Kind, OrgUnit
from styra.plans.models import PlanStatus

# The nodes that keep a control plan: committees, and below them units, groups and
# departments where the committee wants their own.
CONTROL_PLAN_KINDS = (Kind.COMMITTEE, Kind.DEPARTMENT, Kind.UNIT, Kind.GROUP)

SCALE = (1, 4)


class Probability(models.IntegerChoices):
    UNLIKELY = 1, _("1 – Osannolik")
    LESS_LIKELY = 2, _("2 – Mindre sannolik")
    POSSIBLE = 3, _("3 – Möjlig")
    LIKELY = 4, _("4 – Sannolik")


class Consequence(models.IntegerChoices):
    NEGLIGIBLE = 1, _("1 – Försumbar")
    MINOR = 2, _("2 – Lindrig")
    NOTICEABLE = 3, _("3 – Kännbar")
    SERIOUS = 4, _("4 – Allvarlig")


class RiskLevel(models.TextChoices):
    """What a risk value (probability × consequence, 1–16) means, in words and colour."""

    LOW = "low", _("Låg")
    MEDIUM = "medium", _("Medel")
    HIGH = "high", _("Hög")
    VERY_HIGH = "very_high", _("Mycket hög")

    @classmethod
    def of(cls, value: int) -> RiskLevel:
        if value >= 12:
            return cls.VERY_HIGH
        if value >= HIGH_FROM:
            return cls.HIGH
        if value >= 4:
            return cls.MEDIUM
        return cls.LOW


# A risk valued this high or higher is significant: leaving it out of the control plan
# needs a reason on record.
HIGH_FROM = 8


def _scale_validators() -> list[MinValueValidator | MaxValueValidator]:
    return [MinValueValidator(SCALE[0]), MaxValueValidator(SCALE[1])]


class ControlPlanQuerySet(models.QuerySet["ControlPlan"]):
    def with_header(self) -> ControlPlanQuerySet:
        return self.select_related("org_unit", "year", "submitted_by", "adopted_by")

    def adopted(self) -> ControlPlanQuerySet:
        return self.filter(status=PlanStatus.ADOPTED)

    def with_counts(self) -> ControlPlanQuerySet:
        """Each plan with how many risks it has (`risk_count`), how many of them are selected
        into the control plan (`selected_count`) and its controls (`control_count`)."""
        return self.annotate(
            risk_count=models.Count("risks", distinct=True),
            selected_count=models.Count(
                "risks", filter=models.Q(risks__selected=True), distinct=True
            ),
            control_count=models.Count("risks__controls", distinct=True),
        )


class ControlPlan(models.Model):
    """One node's internal control plan (internkontrollplan) for one year."""

    org_unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        related_name="control_plans",
        verbose_name=_("organisationsenhet"),
    )
    year = models.ForeignKey(
        PlanningYear,
        on_delete=models.PROTECT,
        related_name="control_plans",
        verbose_name=_("planeringsår"),
    )
    # The node's name when the plan was written, as for verksamhetsplaner.
    unit_name = models.CharField(_("enhetens namn"), max_length=200)
    status = models.CharField(
        _("status"), max_length=20, choices=PlanStatus, default=PlanStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("inlämnad"), null=True, blank=True)
    # PROTECT: who handed in and who adopted are part of the decision (as for plans).
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
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kopierad från"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ControlPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-year__year", "unit_name"]
        verbose_name = _("internkontrollplan")
        verbose_name_plural = _("internkontrollplaner")
        constraints = [
            models.UniqueConstraint(
                fields=["org_unit", "year"], name="control_plan_one_per_node_and_year"
            ),
        ]

    def __str__(self) -> str:
        return f"Internkontrollplan {self.year.year} – {self.unit_name}"

    @property
    def is_locked(self) -> bool:
        """Submitted (awaiting its decision) or adopted: read-only until reopened."""
        return self.status in (PlanStatus.SUBMITTED, PlanStatus.ADOPTED)

    def refuse_changes(self) -> None:
        if not self.is_locked:
            return
        if self.status == PlanStatus.SUBMITTED:
            message = gettext(
                "Internkontrollplanen är inlämnad och kan inte ändras förrän den har öppnats igen."
            )
        else:
            message = gettext("Internkontrollplanen är fastställd och kan inte ändras.")
        raise ValidationError(message, code="locked")


class CityRisk(models.Model):
    """A risk or control area the city gives every committee for the year."""

    year = models.ForeignKey(
        PlanningYear,
        on_delete=models.CASCADE,
        related_name="city_risks",
        verbose_name=_("planeringsår"),
    )
    process = models.CharField(_("process eller rutin"), max_length=300)
    title = models.CharField(_("risk"), max_length=500)
    description = models.TextField(_("beskrivning"), blank=True)
    position = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("stadsövergripande kontrollområde")
        verbose_name_plural = _("stadsövergripande kontrollområden")

    def __str__(self) -> str:
        return self.title


class Process(models.Model):
    """A process or routine (process/rutin) whose risks the plan analyses."""

    plan = models.ForeignKey(
        ControlPlan,
        on_delete=models.CASCADE,
        related_name="processes",
        verbose_name=_("internkontrollplan"),
    )
    title = models.CharField(_("process eller rutin"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True)
    position = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("process")
        verbose_name_plural = _("processer")

    def __str__(self) -> str:
        return self.title


class RiskQuerySet(models.QuerySet["Risk"]):
    def in_matrix(self) -> RiskQuerySet:
        """The assessed risks: those the matrix counts."""
        return self.filter(probability__isnull=False, consequence__isnull=False)


class Risk(models.Model):
    """A risk in a process, assessed for probability and consequence on 1–4."""

    plan = models.ForeignKey(
        ControlPlan,
        on_delete=models.CASCADE,
        related_name="risks",
        verbose_name=_("internkontrollplan"),
    )
    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="risks", verbose_name=_("process")
    )
    title = models.CharField(_("risk"), max_length=500)
    description = models.TextField(_("beskrivning"), blank=True)
    # Empty until the risk is assessed; a plan is handed in only when every risk is.
    probability = models.PositiveSmallIntegerField(
        _("sannolikhet"), choices=Probability, null=True, blank=True, validators=_scale_validators()
    )
    consequence = models.PositiveSmallIntegerField(
        _("konsekvens"), choices=Consequence, null=True, blank=True, validators=_scale_validators()
    )
    selected = models.BooleanField(_("med i kontrollplanen"), default=False)
    omission_reason = models.TextField(_("skäl att inte ta med risken"), blank=True)
    # A KF goal or a committee goal the risk threatens.
    goal = models.ForeignKey(
        Goal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="risks",
        verbose_name=_("mål"),
    )
    city_risk = models.ForeignKey(
        CityRisk,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="risks",
        verbose_name=_("stadsövergripande kontrollområde"),
    )
    position = models.PositiveIntegerField(_("ordning"), default=0)

    objects = RiskQuerySet.as_manager()

    class Meta:
        ordering = ["process__position", "process_id", "position", "pk"]
        verbose_name = _("risk")
        verbose_name_plural = _("risker")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(probability__isnull=True)
                | models.Q(probability__gte=1, probability__lte=4),
                name="risk_probability_1_to_4",
            ),
            models.CheckConstraint(
                condition=models.Q(consequence__isnull=True)
                | models.Q(consequence__gte=1, consequence__lte=4),
                name="risk_consequence_1_to_4",
            ),
            models.UniqueConstraint(
                fields=["plan", "city_risk"], name="risk_city_risk_once_per_plan"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_assessed(self) -> bool:
        return self.probability is not None and self.consequence is not None

    @property
    def value(self) -> int | None:
        """The risk value (riskvärde): probability × consequence, 1–16."""
        if self.probability is None or self.consequence is None:
            return None
        return self.probability * self.consequence

    @property
    def level(self) -> RiskLevel | None:
        value = self.value
        return None if value is None else RiskLevel.of(value)

    @property
    def is_high(self) -> bool:
        value = self.value
        return value is not None and value >= HIGH_FROM

    @property
    def needs_reason(self) -> bool:
        """A high risk left out of the plan without the reason why (handing in is refused)."""
        return self.is_high and not self.selected and not self.omission_reason.strip()

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if not (self.title or "").strip():
            errors["title"] = gettext("Risken måste beskrivas.")
        if self.selected and not self.is_assessed:
            errors["selected"] = gettext(
                "Bedöm sannolikhet och konsekvens innan risken tas med i kontrollplanen."
            )
        if errors:
            raise ValidationError(errors)


class Control(models.Model):
    """A control activity (kontrollmoment) on a selected risk."""

    risk = models.ForeignKey(
        Risk, on_delete=models.CASCADE, related_name="controls", verbose_name=_("risk")
    )
    what = models.TextField(_("kontrollmoment"))
    method = models.TextField(_("metod"), blank=True)
    scope = models.CharField(_("omfattning eller urval"), max_length=300, blank=True)
    frequency = models.CharField(_("frekvens"), max_length=100, blank=True)
    responsible = models.CharField(_("ansvarig"), max_length=200, blank=True)
    report_t1 = models.BooleanField(_("rapporteras i T1"), default=False)
    report_t2 = models.BooleanField(_("rapporteras i T2"), default=False)
    report_vb = models.BooleanField(_("rapporteras i VB"), default=True)
    position = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("kontrollmoment")
        verbose_name_plural = _("kontrollmoment")

    def __str__(self) -> str:
        return self.what

    @property
    def reported_in(self) -> tuple[str, ...]:
        """The parts of the year ("T1", "T2", "VB") the control is reported in."""
        flags = {"T1": self.report_t1, "T2": self.report_t2, "VB": self.report_vb}
        return tuple(part for part in TERTIALS if flags[part])

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if not (self.what or "").strip():
            errors["what"] = gettext("Ange vad som kontrolleras.")
        if not self.reported_in:
            errors["report_vb"] = gettext("Ange när kontrollen rapporteras (T1, T2 eller VB).")
        if errors:
            raise ValidationError(errors)


class ResultKind(models.TextChoices):
    NO_DEVIATION = "no_deviation", _("Inga avvikelser")
    DEVIATION = "deviation", _("Avvikelser")


class ResultStatus(models.TextChoices):
    """A control's status in a period, shown like a goal's: a colour with its words."""

    NOT_REPORTED = "not_reported", _("Ej rapporterad")
    NOT_DONE = "not_done", _("Kontrollen är inte gjord")
    DEVIATION = "deviation", _("Avvikelser")
    NO_DEVIATION = "no_deviation", _("Inga avvikelser")


class ControlResult(models.Model):
    """What the responsible reported of one control in one period."""

    control = models.ForeignKey(
        Control, on_delete=models.CASCADE, related_name="results", verbose_name=_("kontrollmoment")
    )
    period = models.ForeignKey(
        ReportingPeriod,
        on_delete=models.PROTECT,
        related_name="control_results",
        verbose_name=_("uppföljningsperiod"),
    )
    done = models.BooleanField(_("kontrollen är gjord"))
    result = models.CharField(_("resultat"), max_length=20, choices=ResultKind, blank=True)
    findings = models.TextField(_("iakttagelser"), blank=True)
    reported_at = models.DateTimeField(_("rapporterad"), auto_now=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("rapporterad av"),
    )

    class Meta:
        ordering = ["period__code", "pk"]
        verbose_name = _("kontrollresultat")
        verbose_name_plural = _("kontrollresultat")
        constraints = [
            models.UniqueConstraint(
                fields=["control", "period"], name="control_result_one_per_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.control} ({self.period.code})"

    @property
    def status(self) -> ResultStatus:
        if not self.done:
            return ResultStatus.NOT_DONE
        if self.result == ResultKind.DEVIATION:
            return ResultStatus.DEVIATION
        return ResultStatus.NO_DEVIATION

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.done and not self.result:
            errors["result"] = gettext("Ange om kontrollen visade avvikelser.")
        if not self.done and self.result:
            errors["result"] = gettext("En kontroll som inte är gjord har inget resultat.")
        if self.result == ResultKind.DEVIATION and not (self.findings or "").strip():
            errors["findings"] = gettext("Beskriv avvikelserna.")
        if errors:
            raise ValidationError(errors)


class Measure(models.Model):
    """A measure (åtgärd) taken on a control's result, followed up like an activity."""

    result = models.ForeignKey(
        ControlResult,
        on_delete=models.CASCADE,
        related_name="measures",
        verbose_name=_("kontrollresultat"),
    )
    name = models.TextField(_("åtgärd"))
    responsible = models.CharField(_("ansvarig"), max_length=200, blank=True)
    start = models.DateField(_("startdatum"), null=True, blank=True)
    end = models.DateField(_("slutdatum"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActivityStatus, default=ActivityStatus.NOT_STARTED
    )
    position = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("åtgärd")
        verbose_name_plural = _("åtgärder")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if not (self.name or "").strip():
            errors["name"] = gettext("Åtgärden måste ha ett namn.")
        if self.start and self.end and self.end < self.start:
            errors["end"] = gettext("Slutdatum kan inte ligga före startdatum.")
        if errors:
            raise ValidationError(errors)


# The quality guarantees' models, at the end: they are the room's, in a module of their own.
from .guarantee_models import GUARANTEE_MARKS as GUARANTEE_MARKS  # noqa: E402
from .guarantee_models import GuaranteeOutcome as GuaranteeOutcome  # noqa: E402
from .guarantee_models import GuaranteeStatus as GuaranteeStatus  # noqa: E402
from .guarantee_models import QualityGuarantee as QualityGuarantee  # noqa: E402
from .guarantee_models import QualityGuaranteeQuerySet as QualityGuaranteeQuerySet  # noqa: E402
