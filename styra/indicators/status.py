"""Whether an outcome reached its target, shown the same way everywhere.

Reached when the outcome is at least (or, for lower-is-better, at most) the
target; partly reached when it misses by no more than the tolerance, a
percentage of the target that the city sets per year; not reached beyond
that. The target's own word ("högst 3 minuter", "minst 90 %", read by
`targets.parse_target`) says which way; a bare number goes by the
indicator's direction. "öka"/"minska" compare with the previous year's
outcome. Words only and missing outcomes cannot be judged.

A target word that contradicts the indicator's direction ("högst" on a
higher-is-better indicator) is not judged either way: one of the two was
written wrongly and Styra cannot know which, and a wrong "Uppnått" in a
decided report is worse than "Kan inte bedömas" with the reason beside it,
which tells the unit what to correct.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import Direction
from .targets import TargetSpec, parse_target


class Status(models.TextChoices):
    REACHED = "reached", _("Uppnått")
    PARTLY = "partly", _("Delvis uppnått")
    NOT_REACHED = "not_reached", _("Ej uppnått")
    UNKNOWN = "unknown", _("Kan inte bedömas")


# Symbol and colour class with the text: status is never told by colour alone (WCAG 1.4.1).
SYMBOLS = {
    Status.REACHED: "✓",
    Status.PARTLY: "◐",
    Status.NOT_REACHED: "✗",
    Status.UNKNOWN: "–",
}


@dataclass(frozen=True)
class StatusMark:
    status: Status
    # Why it cannot be judged, when that is something the unit can mend.
    note: str = ""

    @property
    def symbol(self) -> str:
        return SYMBOLS[self.status]

    @property
    def label(self) -> str:
        return str(self.status.label)

    @property
    def css(self) -> str:
        return f"status status--{self.status.value}"

    def __str__(self) -> str:
        return f"{self.symbol} {self.label}"


def derive_status(
    outcome: Decimal | None,
    target: Decimal | None,
    direction: str,
    tolerance_percent: Decimal | int = 10,
    *,
    strict: bool = False,
) -> Status:
    """Outcome against a number; `strict` for "under 2 %", "över 80", "öka": equal is not enough."""
    if outcome is None or target is None:
        return Status.UNKNOWN
    outcome, target = Decimal(outcome), Decimal(target)
    margin = abs(target) * Decimal(tolerance_percent) / 100
    if direction == Direction.LOWER:
        if outcome < target or (outcome == target and not strict):
            return Status.REACHED
        return Status.PARTLY if outcome <= target + margin else Status.NOT_REACHED
    if outcome > target or (outcome == target and not strict):
        return Status.REACHED
    return Status.PARTLY if outcome >= target - margin else Status.NOT_REACHED


def contradiction(spec: TargetSpec, direction: str) -> bool:
    """The target's word says the opposite of the indicator's direction."""
    higher = spec.higher_is_better
    return higher is not None and higher != (direction != Direction.LOWER)


def target_status(
    outcome: Decimal | None,
    target_text: str | None,
    direction: str,
    tolerance_percent: Decimal | int = 10,
    previous: Decimal | None = None,
) -> StatusMark:
    """The status of an outcome against a target as written; `previous` for "öka"/"minska".

    `previous` is the outcome of the same indicator, unit and period of the
    year before (or of the year the target names), found by
    `Outcome.objects.previous_values`.
    """
    spec = parse_target(target_text)
    if spec.comparator == "none":
        return StatusMark(Status.UNKNOWN)
    if contradiction(spec, direction):
        note = _(
            "Årsmålet säger ”%(word)s” men indikatorn har riktningen ”%(direction)s”. "
            "Ändra riktningen eller årsmålet så att status kan bedömas."
        ) % {"word": spec.word, "direction": Direction(direction).label}
        return StatusMark(Status.UNKNOWN, str(note))
    if outcome is None:
        return StatusMark(Status.UNKNOWN)
    if spec.relative:
        if previous is None:
            if spec.reference_year:
                note = _("Utfallet för %(year)s saknas, så förändringen kan inte bedömas.") % {
                    "year": spec.reference_year
                }
            else:
                note = str(_("Föregående års utfall saknas, så förändringen kan inte bedömas."))
            return StatusMark(Status.UNKNOWN, str(note))
        return StatusMark(
            derive_status(outcome, previous, direction, tolerance_percent, strict=True)
        )
    if spec.comparator != "plain":
        direction = Direction.HIGHER if spec.higher_is_better else Direction.LOWER
    return StatusMark(
        derive_status(outcome, spec.value, direction, tolerance_percent, strict=spec.strict)
    )
