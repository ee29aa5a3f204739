"""The roll-up's indicator table: the shared indicators, the columns' targets and outcomes, totals.

A committee's columns are its units, each with its own outcome against its
own target (`unit_data`, `unit_figure`); the city's are its committees, each
the sum of its units' outcomes against the committee's target (`grouped_data`,
`column_total`). Every row ends in a total over all columns against the
scope's own target (`indicator_rows`). See `followup.rollup` for the rest.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, DecimalField, F, Q, Sum
from django.db.models.functions import Round
from django.utils.translation import gettext_lazy as _

from styra.indicators.models import (
    NO_PREVIOUS,
    Aggregation,
    Indicator,
    Outcome,
    PreviousOutcomes,
    Target,
)
from styra.indicators.status import Status, StatusMark, contradiction, target_status
from styra.indicators.targets import parse_target
from styra.lib.periods import is_due
from styra.organisation.models import OrgUnit

from .models import ReportingPeriod
from .rollup_scope import Grouping, Held
from .rollup_tables import (
    PRODUCT_PLACES,
    SHARED_OWNER_KINDS,
    VALUE_PLACES,
    Column,
    Figure,
    IndicatorRow,
    OutcomeSums,
    _exact,
)


@dataclass
class IndicatorData:
    """The period's shared indicators with what the columns reported on them."""

    indicators: list[Indicator]
    # (indicator, node): the target as written and its number, of a column or the scope
    targets: dict[tuple[int, int], tuple[str, Decimal | None]]
    # (indicator, column): the sums of the column's outcomes
    sums: dict[tuple[int, int], OutcomeSums]
    # (indicator, column): a unit in the column has a target
    targeted: set[tuple[int, int]]
    # (indicator, unit): the outcome's number and text, on the committee page
    outcomes: dict[tuple[int, int], tuple[Decimal | None, str]] = field(default_factory=dict)
    # What a unit's change target ("öka") is measured from, on the committee page
    previous: PreviousOutcomes = NO_PREVIOUS

    def applied(self) -> IndicatorData:
        """Only the indicators some column has a target or an outcome for."""
        used = {ind for ind, _c in self.targeted} | {ind for ind, _c in self.sums}
        self.indicators = [i for i in self.indicators if i.pk in used]
        return self


def _shared_indicators(period: ReportingPeriod, owner_ids: list[int]) -> list[Indicator]:
    """The year's indicators set above the units, due in the period."""
    return [
        i
        for i in Indicator.objects.filter(
            goal__year_id=period.year_id,
            owner__id__in=owner_ids,
            owner__kind__in=SHARED_OWNER_KINDS,
        )
        .select_related("goal")
        .order_by("goal__level_rank", "goal__position", "position", "pk")
        if is_due(i.periodicity, period.period)
    ]


def _targets(
    ids: list[int], node_ids: list[int]
) -> dict[tuple[int, int], tuple[str, Decimal | None]]:
    return {
        (ind, node): (text, value)
        for ind, node, text, value in Target.objects.filter(
            indicator_id__in=ids, org_unit__id__in=node_ids
        ).values_list("indicator_id", "org_unit_id", "text", "value")
    }


def _node_targets(
    ids: list[int], node_ids: list[int], held: dict[int, Held]
) -> dict[tuple[int, int], tuple[str, Decimal | None]]:
    """The nodes' targets: as a node's handed-in report held them, else as they are now."""
    targets = _targets(ids, [n for n in node_ids if n not in held])
    wanted = set(ids)
    for node in node_ids:
        if node in held:
            for ind in held[node].targeted(wanted):
                targets[(ind, node)] = held[node].target(ind)
    return targets


def unit_data(
    period: ReportingPeriod, owner_ids: list[int], grouping: Grouping, scope_id: int
) -> IndicatorData:
    """Each unit's own target and outcome: a column is one unit, its sums its one outcome."""
    indicators = _shared_indicators(period, owner_ids)
    ids = [i.pk for i in indicators]
    unit_ids = [c.node.pk for c in grouping.columns if c.node.pk not in grouping.held]
    targets = _node_targets(ids, [*(c.node.pk for c in grouping.columns), scope_id], grouping.held)
    outcomes, sums = {}, {}
    for ind, unit, value, text, base in Outcome.objects.filter(
        indicator_id__in=ids, org_unit__id__in=unit_ids, period=period.code
    ).values_list("indicator_id", "org_unit_id", "value", "text", "base"):
        outcomes[(ind, unit)] = (value, text)
        sums[(ind, unit)] = OutcomeSums.of([(value, base)])
    wanted = set(ids)
    for column, frozen in grouping.held_units():
        unit = column.node.pk
        for ind, value, text, base in frozen.outcomes(wanted):
            outcomes[(ind, unit)] = (value, text)
            sums[(ind, unit)] = OutcomeSums.of([(value, base)])
    targeted = {key for key in targets if key[1] != scope_id}
    by_pk = {i.pk: i for i in indicators}
    previous = Outcome.objects.previous_values(
        ((by_pk[ind], text) for (ind, _node), (text, _v) in targets.items()),
        unit_ids,
        period.code,
    )
    return IndicatorData(indicators, targets, sums, targeted, outcomes, previous).applied()


def grouped_data(
    period: ReportingPeriod, owner_ids: list[int], grouping: Grouping, scope_ids: list[int]
) -> IndicatorData:
    """Each column's outcomes summed by the database; of the units' targets only that one exists.

    Totals compare with the columns' and the scope's own targets (`scope_ids`).
    """
    indicators = _shared_indicators(period, owner_ids)
    ids = [i.pk for i in indicators]
    column_of = grouping.column_of
    targeted = {
        (ind, column_of[key])
        for ind, key in Target.objects.filter(grouping.units("org_unit"), indicator_id__in=ids)
        .values_list("indicator_id", grouping.key("org_unit"))
        .distinct()
        .order_by()
    }
    sums: dict[tuple[int, int], OutcomeSums] = defaultdict(OutcomeSums)
    for ind, key, part in _outcome_sums(ids, grouping, period.code):
        sums[(ind, column_of[key])] += part
    wanted = set(ids)
    held: dict[tuple[int, int], list[tuple[Decimal | None, Decimal | None]]] = defaultdict(list)
    for column, frozen in grouping.held_units():
        for ind in frozen.targeted(wanted):
            targeted.add((ind, column.node.pk))
        for ind, value, _text, base in frozen.outcomes(wanted):
            held[(ind, column.node.pk)].append((value, base))
    for cell, outcomes in held.items():  # one sum per column, not one per unit
        sums[cell] += OutcomeSums.of(outcomes)
    targets = _node_targets(ids, scope_ids, grouping.held)
    return IndicatorData(indicators, targets, sums, targeted).applied()


def _outcome_sums(
    ids: list[int], grouping: Grouping, code: str
) -> Iterable[tuple[int, int, OutcomeSums]]:
    """Per indicator and group of units, the sums `OutcomeSums.of` forms from their outcomes.

    Each number is rounded to its field's places before it is summed: SQLite
    keeps what it was given, which a bulk write may not have rounded.
    """
    value, base = Round("value", VALUE_PLACES), Round("base", VALUE_PLACES)
    weighted = Q(value__isnull=False, base__gt=0)
    product = DecimalField(max_digits=38, decimal_places=PRODUCT_PLACES)
    groups = (
        Outcome.objects.filter(grouping.units("org_unit"), indicator_id__in=ids, period=code)
        .values("indicator_id", key=F(grouping.key("org_unit")))
        .annotate(
            n_rows=Count("pk"),
            n_values=Count("value"),
            total=Sum(value),
            n_weighted=Count("pk", filter=weighted),
            products=Sum(value * base, filter=weighted, output_field=product),
            bases=Sum(base, filter=weighted),
        )
        .order_by()
    )
    for g in groups:
        sums = OutcomeSums(
            rows=g["n_rows"],
            count=g["n_values"],
            total=_exact(g["total"], VALUE_PLACES),
            weighted=g["n_weighted"],
            products=_exact(g["products"], PRODUCT_PLACES),
            bases=_exact(g["bases"], VALUE_PLACES),
        )
        yield g["indicator_id"], g["key"], sums


def unit_figure(
    data: IndicatorData, indicator: Indicator, column: Column, tolerance: Decimal
) -> Figure:
    """A unit's own outcome against its own target."""
    key = (indicator.pk, column.node.pk)
    target_text, _value = data.targets.get(key, ("", None))
    value, text = data.outcomes.get(key, (None, ""))
    applies = key in data.targeted or key in data.sums
    status = target_status(
        value,
        target_text,
        indicator.direction,
        tolerance,
        data.previous.get(indicator.pk, column.node.pk, target_text),
    )
    return Figure(
        value=value,
        text=text,
        target=target_text,
        status=status,
        applies=applies,
        url=column.url if applies else "",
        decimals=indicator.decimals,
    )


def _total_figure(
    indicator: Indicator,
    sums: OutcomeSums,
    targeted: bool,
    target: tuple[str, Decimal | None],
    tolerance: Decimal,
    url: str = "",
) -> Figure:
    """A total of outcomes against the target of the node it totals for."""
    value, note = sums.aggregate(indicator.aggregation)
    target_text, _value = target
    spec = parse_target(target_text)
    if spec.relative and not contradiction(spec, indicator.direction):
        # A total is not compared with last year's total: the units under it change.
        status = StatusMark(
            Status.UNKNOWN, str(_("Förändringen mot föregående år bedöms för varje enhet."))
        )
    else:
        status = target_status(value, target_text, indicator.direction, tolerance)
    applies = bool(sums.rows) or targeted
    return Figure(
        value=value,
        target=target_text,
        status=status,
        applies=applies,
        note=note,
        count=sums.count,
        url=url if applies else "",
        # A mean gets one decimal more than the outcomes it is formed from.
        decimals=indicator.decimals + (0 if indicator.aggregation == Aggregation.SUM else 1),
    )


def column_total(
    data: IndicatorData, indicator: Indicator, column: Column, tolerance: Decimal
) -> Figure:
    """A committee's units' outcomes totalled against the committee's target."""
    key = (indicator.pk, column.node.pk)
    sums = data.sums.get(key, OutcomeSums())
    target = data.targets.get(key, ("", None))
    return _total_figure(indicator, sums, key in data.targeted, target, tolerance, column.url)


def indicator_rows(
    data: IndicatorData,
    columns: list[Column],
    scope: OrgUnit,
    tolerance: Decimal,
    cell: Callable[[IndicatorData, Indicator, Column, Decimal], Figure],
) -> list[IndicatorRow]:
    """Each indicator across the columns, and its total over all of them for the scope."""
    result = []
    for indicator in data.indicators:
        keys = [(indicator.pk, c.node.pk) for c in columns]
        total = _total_figure(
            indicator,
            sum((data.sums[k] for k in keys if k in data.sums), OutcomeSums()),
            any(k in data.targeted for k in keys),
            data.targets.get((indicator.pk, scope.pk), ("", None)),
            tolerance,
        )
        cells = [cell(data, indicator, c, tolerance) for c in columns]
        result.append(IndicatorRow(indicator, cells, total))
    return result
