"""Indicators, their targets per organisation node, and (later) their outcomes.

An indicator belongs to the goal it measures and is owned by the level that
set it (the city for KF's, a committee, a unit). Targets are kept as written
("65 %", "tas fram av nämnden") with the number parsed out when there is one,
so that follow-up can compare outcomes with targets without losing the text.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from styra.goals.models import Goal
from styra.lib.numbers import format_number
from styra.lib.periods import period_label
from styra.organisation.models import OrgUnit

from .targets import parse_target


class Direction(models.TextChoices):
    HIGHER = "higher", _("Högre är bättre")
    LOWER = "lower", _("Lägre är bättre")


class Periodicity(models.TextChoices):
    YEAR = "year", _("År")
    HALF_YEAR = "half", _("Halvår")
    TERTIAL = "tertial", _("Tertial")
    MONTH = "month", _("Månad")


PERIODICITY_BY_LABEL = {str(label).casefold(): value for value, label in Periodicity.choices}


class Measure(models.TextChoices):
    PERCENT = "%", _("procent (%)")
    COUNT = "st", _("antal (st)")
    INDEX = "index", _("index")
    KRONOR = "kr", _("kronor (kr)")
    DAYS = "dagar", _("dagar")
    OTHER = "", _("annat")


class Aggregation(models.TextChoices):
    """How a committee total is formed from its units' outcomes."""

    SUM = "sum", _("Summa")
    MEAN = "mean", _("Medelvärde")
    WEIGHTED = "weighted", _("Medelvärde viktat med bas")
    NONE = "none", _("Kan inte summeras")


class Indicator(models.Model):
    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("mål")
    )
    owner = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        related_name="indicators",
        verbose_name=_("ansvarig enhet"),
    )
    name = models.TextField(_("indikator"))
    description = models.TextField(_("beskrivning"), blank=True)
    # Stable across years so that outcomes can be compared; Kolada ids fit here.
    code = models.CharField(_("kod"), max_length=60, blank=True)
    measure = models.CharField(_("mått"), max_length=10, choices=Measure, blank=True, default="")
    direction = models.CharField(
        _("riktning"), max_length=10, choices=Direction, default=Direction.HIGHER
    )
    periodicity = models.CharField(
        _("periodicitet"), max_length=10, choices=Periodicity, blank=True, default=""
    )
    decimals = models.PositiveSmallIntegerField(_("decimaler"), default=0)
    aggregation = models.CharField(
        _("sammanräkning"), max_length=10, choices=Aggregation, default=Aggregation.NONE
    )
    position = models.PositiveIntegerField(default=0, verbose_name=_("ordning"))
    # The indicator of an earlier year this one was copied from (see Goal.copied_from).
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        verbose_name=_("kopierad från"),
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("indikator")
        verbose_name_plural = _("indikatorer")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if not (self.name or "").strip():
            raise ValidationError({"name": _("Indikatorn måste ha ett namn.")})
        if self.decimals > 4:
            raise ValidationError({"decimals": _("Högst fyra decimaler.")})


class TargetQuerySet(models.QuerySet["Target"]):
    def for_units(self, unit_ids) -> "TargetQuerySet":
        return self.filter(org_unit_id__in=unit_ids)


class Target(models.Model):
    """The annual target (årsmål) an organisation node sets for an indicator.

    A row for a unit also means the indicator applies to that unit's plan,
    even when the target text is still empty.
    """

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="targets", verbose_name=_("indikator")
    )
    org_unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.CASCADE,
        related_name="targets",
        verbose_name=_("organisationsenhet"),
    )
    text = models.CharField(_("årsmål"), max_length=200, blank=True)
    value = models.DecimalField(
        max_digits=18, decimal_places=4, null=True, blank=True, verbose_name=_("målvärde")
    )
    # Last year's target carried into next year's plan: the unit reviews it, and setting the
    # target (even to the same words) clears the mark.
    to_review = models.BooleanField(_("att granska"), default=False)

    objects = TargetQuerySet.as_manager()

    class Meta:
        verbose_name = _("årsmål")
        verbose_name_plural = _("årsmål")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "org_unit"], name="target_one_per_node"),
        ]

    def __str__(self) -> str:
        return self.text

    def set_text(self, text: str) -> None:
        """Keep the target as written and the number in it, if it has exactly one."""
        self.text = (text or "").strip()
        # The bound, not any number: "fastställs 2012" and "högre än 2018" have none.
        spec = parse_target(self.text)
        self.value = None if spec.relative else spec.value


class Source(models.TextChoices):
    """Where an outcome came from; registers and Kolada will feed the same table."""

    MANUAL = "manual", _("Inskrivet")
    UPLOAD = "upload", _("Filuppladdning")
    REGISTER = "register", _("Register")
    KOLADA = "kolada", _("Kolada")


class OutcomeQuerySet(models.QuerySet["Outcome"]):
    def for_period(self, period: str) -> "OutcomeQuerySet":
        return self.filter(period=period)

    def for_units(self, unit_ids) -> "OutcomeQuerySet":
        return self.filter(org_unit_id__in=unit_ids)

    def previous_values(self, targets, unit_ids, period: str) -> "PreviousOutcomes":
        """For targets that ask for a change ("öka", "högre än 2018"): the outcomes to beat.

        `targets` is pairs of an indicator and a target text of it. The outcome
        to beat is the same indicator's (tied across years by code, else by
        name and owner, as its page ties them) in the same unit and the same
        part of the year before, or of the year the target names: a tertial
        against the same tertial, so that the seasons do not decide. Two
        queries, however many indicators and units.
        """
        year, part = int(period[:4]), period[4:]
        wanted: dict[tuple[int, str, str, int], set[int]] = {}
        for indicator, text in targets:
            spec = parse_target(text)
            if not spec.relative:
                continue
            earlier = spec.compared_year(year)
            if indicator.code:
                key = (earlier, indicator.code, "", 0)
            else:
                key = (earlier, "", indicator.name, indicator.owner_id)
            wanted.setdefault(key, set()).add(indicator.pk)
        if not wanted:
            return PreviousOutcomes(year, {})
        match = models.Q()
        for earlier, code, name, owner in wanted:
            if code:
                match |= models.Q(goal__year__year=earlier, code=code)
            else:
                match |= models.Q(goal__year__year=earlier, code="", name=name, owner_id=owner)
        earlier_of: dict[int, tuple[set[int], int]] = {}
        for pk, earlier, code, name, owner in Indicator.objects.filter(match).values_list(
            "pk", "goal__year__year", "code", "name", "owner_id"
        ):
            key = (earlier, code, "", 0) if code else (earlier, "", name, owner)
            if key in wanted:
                earlier_of[pk] = (wanted[key], earlier)
        values = {}
        for ind, unit, code, value in self.filter(
            indicator_id__in=earlier_of, org_unit_id__in=unit_ids, value__isnull=False
        ).values_list("indicator_id", "org_unit_id", "period", "value"):
            current, earlier = earlier_of[ind]
            if code == f"{earlier}{part}":
                for pk in current:
                    values[(pk, unit, earlier)] = value
        return PreviousOutcomes(year, values)


@dataclass(frozen=True)
class PreviousOutcomes:
    """The outcomes a change target is measured from, by (indicator, unit, year)."""

    year: int
    values: dict[tuple[int, int, int], Decimal]

    def get(self, indicator_id: int, unit_id: int, text: str | None) -> Decimal | None:
        spec = parse_target(text)
        if not spec.relative:
            return None
        return self.values.get((indicator_id, unit_id, spec.compared_year(self.year)))


NO_PREVIOUS = PreviousOutcomes(0, {})


class Outcome(models.Model):
    """An indicator's outcome (utfall) for one organisation node and one period ("2026T1")."""

    # PROTECT, not CASCADE: reported outcomes never vanish with a plan edit; the delete
    # services check first and explain (styra.followup.dependents).
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="outcomes", verbose_name=_("indikator")
    )
    org_unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.CASCADE,
        related_name="outcomes",
        verbose_name=_("organisationsenhet"),
    )
    period = models.CharField(_("period"), max_length=8, db_index=True)
    value = models.DecimalField(_("utfall"), max_digits=18, decimal_places=4, null=True, blank=True)
    # Outcomes that are not numbers ("ej mätbart") are kept as written.
    text = models.CharField(_("utfall i text"), max_length=200, blank=True)
    base = models.DecimalField(
        _("bas"),
        max_digits=18,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("Antalet som andelen räknas på, för viktade medelvärden."),
    )
    comment = models.TextField(_("kommentar"), blank=True)
    source = models.CharField(
        max_length=10, choices=Source, default=Source.MANUAL, verbose_name=_("källa")
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        "auth.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uppdaterat av"),
    )

    objects = OutcomeQuerySet.as_manager()

    class Meta:
        verbose_name = _("utfall")
        verbose_name_plural = _("utfall")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "org_unit", "period"], name="outcome_one_per_period"
            ),
        ]

    def __str__(self) -> str:
        # The name the history keeps: the period in words, the number as Styra writes numbers.
        value = format_number(self.value) if self.value is not None else self.text
        return f"{self.indicator}, {period_label(self.period)}: {value}"
