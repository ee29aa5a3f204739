"""Which units a roll-up covers, what their decided reports hold, and how they are grouped.

`load_scope` reads the tree below the scope, the units with a plan for the
year and the period's reports; `Held` reads back what a submitted or approved
report froze for the roll-ups (`followup.rollup.report_figures` writes it);
`Grouping` tells the database which units the columns hold and how to group
them. See `followup.rollup` for how the roll-up is put together.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.db.models import Q

from styra.goals.models import Goal
from styra.organisation.models import OrgUnit
from styra.plans.models import Plan

from .models import Report, ReportingPeriod
from .rollup_tables import (
    BudgetFigure,
    Column,
    _reported,
)

# Lists of ids are filtered on as `unit__id__in`, not `unit_id__in`: the same SQL,
# without Django preparing each id as a related object's key (some 10 ms a thousand ids).


def _decimal(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


class Held:
    """What a submitted or approved report held for the roll-ups (`report_figures`).

    Read on demand: a city roll-up holds hundreds of these and uses only the
    period's shared indicators of each, so numbers become Decimals only when asked.
    """

    def __init__(self, figures: dict[str, Any]):
        self.figures = figures

    def targeted(self, ids: set[int]) -> list[int]:
        """Of `ids`, the indicators the report's node had a target for."""
        return [int(k) for k in self.figures["targets"] if int(k) in ids]

    def target(self, indicator_id: int) -> tuple[str, Decimal | None]:
        text, value = self.figures["targets"][str(indicator_id)]
        return text, _decimal(value)

    def outcomes(self, ids: set[int]) -> Iterable[tuple[int, Decimal | None, str, Decimal | None]]:
        """Of `ids`, the outcomes the report held: indicator, number, text and base."""
        for key, (value, text, base) in self.figures["outcomes"].items():
            if int(key) in ids:
                yield int(key), _decimal(value), text, _decimal(base)

    @cached_property
    def goals(self) -> list[tuple[Goal, str]]:
        """The node's own goals under the chain, each with the report's assessment."""
        return [
            (Goal(pk=pk, parent_id=parent, level=level, number=number, title=title), value)
            for pk, parent, level, number, title, value in self.figures["goals"]
        ]

    @cached_property
    def budget(self) -> BudgetFigure | None:
        money = self.figures["budget"]
        if money is None:
            return None
        return BudgetFigure(
            node=None,
            budget=_decimal(money["budget"]),
            outcome=_decimal(money["outcome"]),
            forecast=_decimal(money["forecast"]),
            deviation=_decimal(money["deviation"]),
            rows=money["rows"],
            rows_without_forecast=money["rows_without_forecast"],
            rows_without_outcome=money["rows_without_outcome"],
        )


@dataclass
class Scope:
    """The tree below the scope, the units with a plan for the year and the period's reports.

    `held` is what the handed-in reports froze, by node: those nodes count
    with it instead of their live rows.
    """

    nodes: list[OrgUnit]
    plans: set[int]
    reports: dict[int, Report]
    held: dict[int, Held] = field(default_factory=dict)


def load_scope(scope: OrgUnit, period: ReportingPeriod) -> Scope:
    nodes = sorted(
        OrgUnit.objects.descendants(scope, include_self=True), key=lambda n: n.tree_ordering
    )
    ids = [n.pk for n in nodes]
    # Every plan of the year, a few thousand ids at most: cheaper than sending the subtree's.
    plans = set(Plan.objects.filter(year_id=period.year_id).values_list("unit_id", flat=True))
    reports = {
        r.org_unit_id: r
        for r in Report.objects.filter(period=period, org_unit__id__in=ids).only(
            "pk", "org_unit", "period", "unit_name", "status", "frozen_figures"
        )
    }
    held = {
        unit: Held(r.frozen_figures)
        for unit, r in reports.items()
        if _reported(r) and r.frozen_figures is not None
    }
    return Scope(nodes=nodes, plans=plans & set(ids), reports=reports, held=held)


@dataclass
class Grouping:
    """How the database selects and groups the columns' units: by unit, or by parent.

    A city column holds every unit below its committee, so the units under one
    parent all belong to the same column: grouping by parent (given the tree,
    `nodes`) gives the database a plain column to group by and few groups to
    add up, and lets it select the units by their few parents.
    """

    columns: list[Column]
    nodes: list[OrgUnit] | None = None
    held: dict[int, Held] = field(default_factory=dict)  # units the database leaves out

    def held_units(self) -> Iterable[tuple[Column, Held]]:
        """Each column's units that count with their frozen figures."""
        for column in self.columns:
            for unit in column.units:
                if unit in self.held:
                    yield column, self.held[unit]

    @cached_property
    def column_of(self) -> dict[int | None, int]:
        """Group key -> the column's node."""
        parent = {n.pk: n.parent_id for n in self.nodes} if self.nodes else None
        return {(parent[u] if parent else u): c.node.pk for c in self.columns for u in c.units}

    def key(self, unit: str) -> str:
        """The field to group by, for the unit reached as `unit` (e.g. "budget__plan__unit")."""
        return f"{unit}__parent_id" if self.nodes else f"{unit}_id"

    def units(self, unit: str) -> Q:
        """The columns' units: by id, or as their parents' children less those that are not."""
        ids = {u for c in self.columns for u in c.units if u not in self.held}
        if not self.nodes:
            return Q(**{f"{unit}__id__in": ids})
        parents = set(self.column_of)
        others = [n.pk for n in self.nodes if n.parent_id in parents and n.pk not in ids]
        return Q(**{f"{unit}__parent__id__in": parents}) & ~Q(**{f"{unit}__id__in": others})
