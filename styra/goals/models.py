"""The goal chain of a planning year: goals and the activities under them.

KF's direction and area goals are owned by the city, board goals by a
committee, unit goals (Åtagande/Enhetsmål) by a unit. The unit's plan that
shows them lives in the plans app.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from styra.organisation.models import OrgUnit


class UnitGoalLabel(models.TextChoices):
    ATAGANDE = "atagande", _("Åtagande")
    ENHETSMAL = "enhetsmal", _("Enhetsmål")


class YearState(models.TextChoices):
    """A year opened from the last one is the city's draft until it is opened for the units."""

    DRAFT = "draft", _("Utkast")
    OPEN = "open", _("Öppet för enheterna")


class PlanningYearQuerySet(models.QuerySet):
    def open(self) -> "PlanningYearQuerySet":
        """The years units see and plan in (a draft year is the city's and committees')."""
        return self.filter(state=YearState.OPEN)


class PlanningYear(models.Model):
    year = models.PositiveSmallIntegerField(_("år"), unique=True)
    state = models.CharField(_("läge"), max_length=10, choices=YearState, default=YearState.OPEN)
    unit_goal_label = models.CharField(
        _("benämning på enhetens mål"),
        max_length=20,
        choices=UnitGoalLabel,
        default=UnitGoalLabel.ENHETSMAL,
    )
    # An outcome this close to its target (in percent of the target) counts as partly reached.
    status_tolerance = models.DecimalField(
        _("tolerans för delvis uppnått (%)"), max_digits=5, decimal_places=2, default=10
    )

    objects = PlanningYearQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("planeringsår")
        verbose_name_plural = _("planeringsår")

    def __str__(self) -> str:
        return str(self.year)

    @property
    def is_draft(self) -> bool:
        """Units neither see nor plan in a draft year; the city edits it first."""
        return self.state == YearState.DRAFT


class Level(models.TextChoices):
    DIRECTION = "direction", _("KF:s inriktningsmål")
    AREA = "area", _("KF:s mål för verksamhetsområdet")
    BOARD = "board", _("Nämndmål")
    UNIT = "unit", _("Enhetens mål")


# Which level a goal's parent must have; direction goals have none.
PARENT_LEVEL: dict[str, str] = {
    Level.AREA: Level.DIRECTION,
    Level.BOARD: Level.AREA,
    Level.UNIT: Level.BOARD,
}
LEVEL_ORDER: list[str] = [Level.DIRECTION, Level.AREA, Level.BOARD, Level.UNIT]

NARRATIVE_FIELDS = (
    "description",
    "expected_result",
    "method",
    "resources",
    "follow_up",
    "development",
)


class GoalQuerySet(models.QuerySet):
    def for_year(self, year: PlanningYear) -> "GoalQuerySet":
        return self.filter(year=year).select_related("owner").order_by("level_rank", "position")


class Goal(models.Model):
    year = models.ForeignKey(
        PlanningYear, on_delete=models.CASCADE, related_name="goals", verbose_name=_("planeringsår")
    )
    level = models.CharField(_("nivå"), max_length=20, choices=Level)
    # Denormalised from level so that chain queries sort top-down without CASE expressions.
    level_rank = models.PositiveSmallIntegerField(editable=False, default=0)
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("överordnat mål"),
    )
    owner = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="goals", verbose_name=_("ansvarig enhet")
    )
    number = models.CharField(_("nummer"), max_length=20, blank=True)
    title = models.TextField(_("mål"))
    description = models.TextField(_("beskrivning"), blank=True)
    expected_result = models.TextField(_("förväntat resultat"), blank=True)
    method = models.TextField(_("arbetssätt"), blank=True)
    resources = models.TextField(_("resursanvändning"), blank=True)
    follow_up = models.TextField(_("uppföljning"), blank=True)
    development = models.TextField(_("utveckling"), blank=True)
    position = models.PositiveIntegerField(default=0, verbose_name=_("ordning"))
    # The goal of an earlier year this one was copied from (`styra year-open`, next year's
    # plan): next year's plan links a unit's goals to the copy of their parent by this, so
    # that a title the city rewords in the new year still links.
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        verbose_name=_("kopierat från"),
    )
    # What in the goal's texts names the year it was copied from ("2026", "vt 2026"), for
    # the unit to review in the new year's plan; emptied when the goal is edited.
    review_note = models.CharField(_("att granska"), max_length=300, blank=True)

    objects = GoalQuerySet.as_manager()

    class Meta:
        ordering = ["level_rank", "position", "pk"]
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        indexes = [models.Index(fields=["year", "level"])]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()

    def save(self, *args: Any, **kwargs: Any) -> None:  # Model.save's own arguments, passed on
        self.level_rank = LEVEL_ORDER.index(self.level) if self.level in LEVEL_ORDER else 0
        super().save(*args, **kwargs)

    def clean(self) -> None:
        """The chain only runs KF → area → board → unit, within one year."""
        self.level_rank = LEVEL_ORDER.index(self.level) if self.level in LEVEL_ORDER else 0
        expected = PARENT_LEVEL.get(self.level)
        if expected is None and self.parent_id:
            raise ValidationError(
                {"parent": _("Ett inriktningsmål kan inte ha något mål över sig.")}
            )
        if expected is not None:
            if self.parent is None:
                raise ValidationError(
                    {"parent": _("Målet måste ligga under ett mål på nivån över.")}
                )
            if self.parent.level != expected:
                raise ValidationError(
                    {
                        "parent": _("Målet måste ligga under ett mål av typen %(level)s.")
                        % {"level": Level(expected).label}
                    }
                )
            if self.parent.year_id != self.year_id:
                raise ValidationError({"parent": _("Målet över hör till ett annat år.")})
        if not (self.title or "").strip():
            raise ValidationError({"title": _("Målet måste ha en formulering.")})

    def level_label(self, unit_goal_label: str | None = None) -> str:
        """The label the documents print before the goal, as in the cities' plans."""
        if self.level == Level.UNIT:
            label = unit_goal_label or self.year.unit_goal_label
            return str(UnitGoalLabel(label).label)
        return str(Level(self.level).label)


class Activity(models.Model):
    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, related_name="activities", verbose_name=_("mål")
    )
    owner = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("ansvarig enhet"),
    )
    name = models.TextField(_("aktivitet"))
    start = models.DateField(_("startdatum"), null=True, blank=True)
    end = models.DateField(_("slutdatum"), null=True, blank=True)
    position = models.PositiveIntegerField(default=0, verbose_name=_("ordning"))

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("Slutdatum kan inte ligga före startdatum.")})
        if not (self.name or "").strip():
            raise ValidationError({"name": _("Aktiviteten måste ha ett namn.")})
