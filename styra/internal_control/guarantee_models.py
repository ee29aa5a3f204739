"""A unit's quality guarantees (`QualityGuarantee`, kvalitetsgarantier): promises to the
citizens with a measurable term, part of the unit's verksamhetsplan of the year. They change
only while that plan is a draft, are published with it, and are followed up in each period
like an indicator (`GuaranteeOutcome`: of how many cases, how many kept the promise).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from styra.followup.models import ReportingPeriod
from styra.goals.models import PlanningYear
from styra.organisation.models import OrgUnit
from styra.plans.models import PLAN_UNIT_KINDS


class GuaranteeStatus(models.TextChoices):
    """A guarantee in a period: the share of cases where it was kept against its target."""

    MET = "met", _("Uppfylld")
    NOT_MET = "not_met", _("Inte uppfylld")
    NO_CASES = "no_cases", _("Inga ärenden")
    NOT_REPORTED = "not_reported", _("Ej rapporterad")


# Colour (the indicators' status classes) with a symbol and the words: never colour alone.
GUARANTEE_MARKS = {
    GuaranteeStatus.MET: ("✓", "reached"),
    GuaranteeStatus.NOT_MET: ("✗", "not_reached"),
    GuaranteeStatus.NO_CASES: ("–", "unknown"),
    GuaranteeStatus.NOT_REPORTED: ("–", "unknown"),
}


class QualityGuaranteeQuerySet(models.QuerySet["QualityGuarantee"]):
    def of_plan(self, unit_id: int, year_id: int) -> QualityGuaranteeQuerySet:
        """The guarantees of one unit's plan of one year, in the plan's order."""
        return self.filter(unit_id=unit_id, year_id=year_id).order_by("position", "pk")


class QualityGuarantee(models.Model):
    """A unit's promise to the citizens (kvalitetsgaranti) with its measurable term."""

    unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        related_name="quality_guarantees",
        verbose_name=_("enhet"),
        limit_choices_to={"kind__in": PLAN_UNIT_KINDS},
    )
    year = models.ForeignKey(
        PlanningYear,
        on_delete=models.PROTECT,
        related_name="quality_guarantees",
        verbose_name=_("planeringsår"),
    )
    promise = models.TextField(_("löfte till invånarna"))
    term = models.CharField(_("mätbart villkor"), max_length=300)
    target_percent = models.PositiveSmallIntegerField(
        _("målvärde (andel av ärendena, %)"),
        default=100,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    remedy = models.TextField(_("om garantin inte hålls"), blank=True)
    position = models.PositiveIntegerField(_("ordning"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = QualityGuaranteeQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("kvalitetsgaranti")
        verbose_name_plural = _("kvalitetsgarantier")
        constraints = [
            models.CheckConstraint(
                condition=Q(target_percent__lte=100), name="guarantee_target_at_most_100"
            ),
        ]

    def __str__(self) -> str:
        return self.promise

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if not (self.promise or "").strip():
            errors["promise"] = gettext("Skriv löftet till invånarna.")
        if not (self.term or "").strip():
            errors["term"] = gettext(
                "Ange det mätbara villkoret, till exempel ”inom 7 dagar från ansökan”."
            )
        if self.unit_id is not None and self.unit.kind not in PLAN_UNIT_KINDS:
            errors["unit"] = gettext(
                "Kvalitetsgarantier ges av enheter som skriver en verksamhetsplan."
            )
        if errors:
            raise ValidationError(errors)


class GuaranteeOutcome(models.Model):
    """How a guarantee was kept in one period: of how many cases, in how many."""

    guarantee = models.ForeignKey(
        QualityGuarantee,
        on_delete=models.CASCADE,
        related_name="outcomes",
        verbose_name=_("kvalitetsgaranti"),
    )
    period = models.ForeignKey(
        ReportingPeriod,
        on_delete=models.PROTECT,
        related_name="guarantee_outcomes",
        verbose_name=_("uppföljningsperiod"),
    )
    cases = models.PositiveIntegerField(_("antal ärenden"))
    kept = models.PositiveIntegerField(_("antal där garantin hölls"))
    comment = models.TextField(_("kommentar"), blank=True)
    updated_at = models.DateTimeField(_("rapporterad"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("rapporterad av"),
    )

    class Meta:
        ordering = ["period__code", "pk"]
        verbose_name = _("utfall för kvalitetsgaranti")
        verbose_name_plural = _("utfall för kvalitetsgarantier")
        constraints = [
            models.UniqueConstraint(
                fields=["guarantee", "period"], name="guarantee_outcome_one_per_period"
            ),
            models.CheckConstraint(
                condition=Q(kept__lte=models.F("cases")), name="guarantee_kept_at_most_cases"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.guarantee} ({self.period.code})"

    @property
    def share(self) -> Decimal | None:
        """The share of the cases where the guarantee was kept, in percent (one decimal)."""
        if not self.cases:
            return None
        share = Decimal(self.kept) * 100 / Decimal(self.cases)
        return share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    def status_against(self, target_percent: int) -> GuaranteeStatus:
        share = self.share
        if share is None:
            return GuaranteeStatus.NO_CASES
        # Judged on the exact fraction, not the rounded share shown: 99.96 % is not 100 %.
        met = self.kept * 100 >= target_percent * self.cases
        return GuaranteeStatus.MET if met else GuaranteeStatus.NOT_MET

    @property
    def status(self) -> GuaranteeStatus:
        return self.status_against(self.guarantee.target_percent)

    def clean(self) -> None:
        if self.kept is not None and self.cases is not None and self.kept > self.cases:
            raise ValidationError(
                {"kept": gettext("Garantin kan inte ha hållits i fler ärenden än det fanns.")}
            )
