"""The risk matrix: how many of a plan's assessed risks fall in each cell of 4 × 4.

Consequence runs 4 → 1 down the side and probability 1 → 4 along the bottom, as risk
matrices are drawn; every cell has the level its value gives (`RiskLevel.of`), so the
drawing colours it and names the level in words, and the page's table and the documents
say the same counts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .models import SCALE, Consequence, Probability, Risk, RiskLevel

STEPS = tuple(range(SCALE[0], SCALE[1] + 1))


@dataclass(frozen=True)
class Cell:
    probability: int
    consequence: int
    count: int

    @property
    def value(self) -> int:
        return self.probability * self.consequence

    @property
    def level(self) -> RiskLevel:
        return RiskLevel.of(self.value)


@dataclass(frozen=True)
class Row:
    consequence: int
    cells: tuple[Cell, ...]

    @property
    def label(self) -> str:
        return str(Consequence(self.consequence).label)


@dataclass(frozen=True)
class Matrix:
    rows: tuple[Row, ...]  # consequence 4 first, as drawn
    assessed: int
    unassessed: int

    @property
    def columns(self) -> tuple[tuple[int, str], ...]:
        """Probability 1 → 4 with its words, for the headers along the bottom."""
        return tuple((p, str(Probability(p).label)) for p in STEPS)

    def count(self, probability: int, consequence: int) -> int:
        row = next(r for r in self.rows if r.consequence == consequence)
        return row.cells[probability - SCALE[0]].count


def risk_matrix(risks: Iterable[Risk]) -> Matrix:
    """The matrix of these risks; those not yet assessed are counted beside it."""
    counts: Counter[tuple[int, int]] = Counter()
    unassessed = 0
    for risk in risks:
        if risk.probability is None or risk.consequence is None:
            unassessed += 1
        else:
            counts[(risk.probability, risk.consequence)] += 1
    rows = tuple(Row(c, tuple(Cell(p, c, counts[(p, c)]) for p in STEPS)) for c in reversed(STEPS))
    return Matrix(rows=rows, assessed=sum(counts.values()), unassessed=unassessed)
