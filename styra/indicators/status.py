"""Whether an outcome reached its target, shown the same way everywhere.

Reached when the outcome is at least (or, for lower-is-better, at most) the
target; partly reached when it misses by no more than the tolerance, a
percentage of the target that the city sets per year; not reached beyond
that. Targets written as text ("öka") and missing outcomes cannot be judged.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import Direction


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
) -> Status:
    if outcome is None or target is None:
        return Status.UNKNOWN
    outcome, target = Decimal(outcome), Decimal(target)
    margin = abs(target) * Decimal(tolerance_percent) / 100
    if direction == Direction.LOWER:
        if outcome <= target:
            return Status.REACHED
        return Status.PARTLY if outcome <= target + margin else Status.NOT_REACHED
    if outcome >= target:
        return Status.REACHED
    return Status.PARTLY if outcome >= target - margin else Status.NOT_REACHED
