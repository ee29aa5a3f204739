"""Roll-ups of one period: what a committee's units, or the city's committees, reported.

Four tables, each a read of a handful of queries assembled in Python, so a
page costs the same number of queries for 3 units as for 1 200:

- goals × columns: for a committee its board goals against the units below
  it that have a plan, each cell the unit's assessments of its own goals under
  the board goal; for the city KF's area goals against the committees, each
  cell the committee's assessments of its board goals;
- indicators × columns: outcome, the column's target and the status, and a
  total formed by the indicator's aggregation (sum, mean, mean weighted by
  the outcomes' base, or none);
- budget per column: budget, outcome to date, forecast and deviation, deficits
  marked;
- who has not reported: nodes without a submitted or approved report, late
  once the period's deadline has passed.

Columns are the nodes the caller may see (`visible`); a role covers its whole
subtree, so with VIEW on the committee or city that is normally all of them.
Each column stands for units: on the committee page the unit itself, on the
city page the committee's units that have a plan.

A unit whose report for the period is submitted or approved counts with what
that report held when it was handed in (`Report.frozen_figures`, see
`followup.frozen`), never with the live plan: the database sums the other
units, and the decided reports' frozen figures are added to those sums in
Python; so are the targets of a committee whose own report is handed in. Only
the row headings (the scope's goals and shared indicators) are read live.

Totals over many units are summed by the database, per group of units
(`_outcome_sums`, `_budget_by_column`), and only the division of a mean is
left to Python, so a total is the Decimal that summing in Python gives.
PostgreSQL sums numerics exactly. SQLite stores and sums decimals as binary
floats, so its sums are rounded back to the fields' decimal places: exact for
sums of outcomes and amounts; the sum of value × base behind a weighted mean
has eight decimals, and past about ten million (15 significant digits) its
last ones can be off, which moves the mean in its 15th digit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.db.models import Case, Count, DecimalField, F, FilteredRelation, Q, Sum, Value, When
from django.db.models.functions import Coalesce, Round
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from styra.budget.models import BudgetRow, RowKind
from styra.goals.models import Goal, Level
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
from styra.organisation.models import Kind, OrgUnit
from styra.plans.models import Plan

from .models import GoalAssessment, Report, ReportingPeriod
from .rollup_tables import (
    AMOUNT_PLACES,
    CITY,
    COMMITTEE,
    PRODUCT_PLACES,
    SHARED_OWNER_KINDS,
    TKR_PER,
    VALUE_PLACES,
    AssessedGoal,
    BudgetFigure,
    Column,
    Figure,
    FulfilmentMark,
    GoalCell,
    GoalRow,
    IndicatorRow,
    OutcomeSums,
    Pending,
    Rollup,
    _exact,
    _reported,
    aggregate_outcomes,
    report_url,
)

# What other modules take from here; the tables themselves are in rollup_tables.
__all__ = ["Figure", "Rollup", "aggregate_outcomes", "report_figures", "report_url", "rollup_for"]

# ---------------------------------------------------------------- loading
#
# Lists of ids are filtered on as `unit__id__in`, not `unit_id__in`: the same SQL,
# without Django preparing each id as a related object's key (some 10 ms a thousand ids).


def _places(value: Decimal | None, places: int) -> str | None:
    return None if value is None else str(_exact(value, places))


def _amount(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def report_figures(report: Report) -> dict[str, Any]:
    """What the roll-ups take from the report's node, frozen when the report is submitted.

    Its targets and outcomes (number, text, base) for the year's indicators,
    its own goals under the chain with the report's assessments, and its
    budget summed in tkr as `_budget_by_column` sums it: the same figures the
    roll-up reads live from a draft, so a roll-up does not change when a
    unit's report is handed in, only when the plan changes afterwards (and
    then only for draft units). Numbers are strings, to stay exact in JSON.
    """
    unit, period = report.org_unit, report.period
    targets = {
        str(ind): [text, _amount(value)]
        for ind, text, value in Target.objects.filter(
            org_unit=unit, indicator__goal__year_id=period.year_id
        ).values_list("indicator_id", "text", "value")
    }
    outcomes = {
        str(ind): [_places(value, VALUE_PLACES), text, _places(base, VALUE_PLACES)]
        for ind, value, text, base in Outcome.objects.filter(
            org_unit=unit, period=period.code
        ).values_list("indicator_id", "value", "text", "base")
    }
    values = dict(GoalAssessment.objects.filter(report=report).values_list("goal_id", "value"))
    goals = [
        [goal.pk, goal.parent_id, goal.level, goal.number, goal.title, values.get(goal.pk, "")]
        for goal in Goal.objects.filter(
            owner=unit,
            year_id=period.year_id,
            level__in=[Level.BOARD, Level.UNIT],
            parent__isnull=False,
        ).order_by("position", "pk")
    ]
    budget = _budget_by_column(_Grouping([Column(unit, None, [unit.pk])]), period).get(unit.pk)
    return {
        "targets": targets,
        "outcomes": outcomes,
        "goals": goals,
        "budget": (
            {
                name: _amount(getattr(budget, name))
                for name in ("budget", "outcome", "forecast", "deviation")
            }
            | {
                name: getattr(budget, name)
                for name in ("rows", "rows_without_forecast", "rows_without_outcome")
            }
            if budget
            else None
        ),
    }


def _decimal(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


class _Held:
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
class _Scope:
    """The tree below the scope, the units with a plan for the year and the period's reports.

    `held` is what the handed-in reports froze, by node: those nodes count
    with it instead of their live rows.
    """

    nodes: list[OrgUnit]
    plans: set[int]
    reports: dict[int, Report]
    held: dict[int, _Held] = field(default_factory=dict)


def _load_scope(scope: OrgUnit, period: ReportingPeriod) -> _Scope:
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
        unit: _Held(r.frozen_figures)
        for unit, r in reports.items()
        if _reported(r) and r.frozen_figures is not None
    }
    return _Scope(nodes=nodes, plans=plans & set(ids), reports=reports, held=held)


@dataclass
class _Grouping:
    """How the database selects and groups the columns' units: by unit, or by parent.

    A city column holds every unit below its committee, so the units under one
    parent all belong to the same column: grouping by parent (given the tree,
    `nodes`) gives the database a plain column to group by and few groups to
    add up, and lets it select the units by their few parents.
    """

    columns: list[Column]
    nodes: list[OrgUnit] | None = None
    held: dict[int, _Held] = field(default_factory=dict)  # units the database leaves out

    def held_units(self) -> Iterable[tuple[Column, _Held]]:
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


def _assessments(report_ids: list[int], goal_ids: list[int]) -> dict[tuple[int | None, int], str]:
    return {
        (report_id, goal_id): value
        for report_id, goal_id, value in GoalAssessment.objects.filter(
            report_id__in=report_ids, goal_id__in=goal_ids
        ).values_list("report_id", "goal_id", "value")
    }


def _goal_rows(
    rows: list[Goal],
    columns: list[Column],
    child_level: str,
    forecast: bool,
    held: dict[int, _Held],
) -> list[GoalRow]:
    """Each row goal against each column: the column's own goals under it, as assessed.

    A column whose report is handed in shows the goals and assessments that report held.
    """
    children = list(
        Goal.objects.filter(
            parent_id__in=[g.pk for g in rows],
            level=child_level,
            owner_id__in=[c.node.pk for c in columns if c.node.pk not in held],
        ).order_by("position", "pk")
    )
    by_cell: dict[tuple[int | None, int], list[Goal]] = defaultdict(list)
    for goal in children:
        by_cell[(goal.parent_id, goal.owner_id)].append(goal)
    values = _assessments([c.report.pk for c in columns if c.report], [g.pk for g in children])
    for column in columns:
        frozen = held.get(column.node.pk)
        report_id = column.report.pk if column.report else None
        for goal, value in frozen.goals if frozen else []:
            if goal.level == child_level:
                by_cell[(goal.parent_id, column.node.pk)].append(goal)
                values[(report_id, goal.pk)] = value
    result = []
    for row in rows:
        cells = []
        for column in columns:
            report_id = column.report.pk if column.report else None
            items = [
                AssessedGoal(goal, FulfilmentMark(values.get((report_id, goal.pk), ""), forecast))
                for goal in by_cell[(row.pk, column.node.pk)]
            ]
            cells.append(GoalCell(column.report, items, column.url))
        result.append(GoalRow(row, cells))
    return result


@dataclass
class _IndicatorData:
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

    def applied(self) -> _IndicatorData:
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
    ids: list[int], node_ids: list[int], held: dict[int, _Held]
) -> dict[tuple[int, int], tuple[str, Decimal | None]]:
    """The nodes' targets: as a node's handed-in report held them, else as they are now."""
    targets = _targets(ids, [n for n in node_ids if n not in held])
    wanted = set(ids)
    for node in node_ids:
        if node in held:
            for ind in held[node].targeted(wanted):
                targets[(ind, node)] = held[node].target(ind)
    return targets


def _unit_data(
    period: ReportingPeriod, owner_ids: list[int], grouping: _Grouping, scope_id: int
) -> _IndicatorData:
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
    return _IndicatorData(indicators, targets, sums, targeted, outcomes, previous).applied()


def _grouped_data(
    period: ReportingPeriod, owner_ids: list[int], grouping: _Grouping, scope_ids: list[int]
) -> _IndicatorData:
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
    return _IndicatorData(indicators, targets, sums, targeted).applied()


def _outcome_sums(
    ids: list[int], grouping: _Grouping, code: str
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


def _unit_figure(
    data: _IndicatorData, indicator: Indicator, column: Column, tolerance: Decimal
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


def _column_total(
    data: _IndicatorData, indicator: Indicator, column: Column, tolerance: Decimal
) -> Figure:
    """A committee's units' outcomes totalled against the committee's target."""
    key = (indicator.pk, column.node.pk)
    sums = data.sums.get(key, OutcomeSums())
    target = data.targets.get(key, ("", None))
    return _total_figure(indicator, sums, key in data.targeted, target, tolerance, column.url)


def _indicator_rows(
    data: _IndicatorData,
    columns: list[Column],
    scope: OrgUnit,
    tolerance: Decimal,
    cell: Callable[[_IndicatorData, Indicator, Column, Decimal], Figure],
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


def _budget_by_column(grouping: _Grouping, period: ReportingPeriod) -> dict[int, BudgetFigure]:
    """Each column's budget lines (sum rows left out) summed in tkr, with the period's follow-up.

    A line counts with its net (costs − revenues, or the net typed on a line
    with neither) and a revenue line's outcome and forecast count against: the
    rules of `budget.sums`, so a unit's figure here is its report's Totalt.
    Summed by the database per group and currency unit, each amount rounded as stored.
    """
    money = DecimalField(max_digits=20, decimal_places=AMOUNT_PLACES)

    def amount(name: str) -> Round:
        return Round(name, AMOUNT_PLACES, output_field=money)

    def signed(name: str) -> Case:
        revenue = Q(net__isnull=True, costs__isnull=True)
        return Case(When(revenue, then=-amount(name)), default=amount(name), output_field=money)

    zero = Value(Decimal(0), output_field=money)
    budget = Case(
        When(
            Q(costs__isnull=False) | Q(revenues__isnull=False),
            then=Coalesce(amount("costs"), zero) - Coalesce(amount("revenues"), zero),
        ),
        default=amount("net"),
        output_field=money,
    )
    counted = Q(net__isnull=False) | Q(costs__isnull=False) | Q(revenues__isnull=False)
    with_forecast = counted & Q(follow_up__forecast__isnull=False)
    with_outcome = counted & Q(follow_up__outcome__isnull=False)
    groups = (
        BudgetRow.objects.filter(
            grouping.units("budget__plan__unit"),
            budget__plan__year_id=period.year_id,
            kind=RowKind.LINE,
        )
        .annotate(
            follow_up=FilteredRelation("follow_ups", condition=Q(follow_ups__period=period.code))
        )
        .values(key=F(grouping.key("budget__plan__unit")), currency=F("budget__currency_unit"))
        .annotate(
            n_rows=Count("pk", filter=counted),
            n_forecasts=Count("pk", filter=with_forecast),
            n_outcomes=Count("pk", filter=with_outcome),
            budget_sum=Sum(budget, filter=counted),
            planned_sum=Sum(budget, filter=with_forecast),
            forecast_sum=Sum(signed("follow_up__forecast"), filter=with_forecast),
            outcome_sum=Sum(signed("follow_up__outcome"), filter=with_outcome),
        )
        .order_by()
    )
    figures: dict[int, BudgetFigure] = {}
    for g in groups:
        scale = TKR_PER.get(g["currency"], Decimal(1))
        total, planned, forecast, result = (
            _exact(value, AMOUNT_PLACES) * scale
            for value in (g["budget_sum"], g["planned_sum"], g["forecast_sum"], g["outcome_sum"])
        )
        rows, forecasts, outcomes = g["n_rows"], g["n_forecasts"], g["n_outcomes"]
        figures.setdefault(grouping.column_of[g["key"]], BudgetFigure(node=None)).add(
            BudgetFigure(
                node=None,
                budget=total if rows else None,
                outcome=result if outcomes else None,
                forecast=forecast if forecasts else None,
                deviation=planned - forecast if forecasts else None,
                rows=rows,
                rows_without_forecast=rows - forecasts,
                rows_without_outcome=rows - outcomes,
            )
        )
    for column, frozen in grouping.held_units():
        if frozen.budget is not None:
            figures.setdefault(column.node.pk, BudgetFigure(node=None)).add(frozen.budget)
    return figures


def _pending(
    columns: list[Column], reports: dict[int, Report], late: bool, *, count_units: bool
) -> list[Pending]:
    """Columns without a handed-in report; on the city page also those with units yet to report."""
    result = []
    for column in columns:
        entry = Pending(node=column.node, report=column.report, late=late)
        if count_units:
            entry.units_total = len(column.units)
            entry.units_pending = sum(1 for u in column.units if not _reported(reports.get(u)))
        if entry.units_pending or not entry.reported:
            result.append(entry)
    return result


# ---------------------------------------------------------------- the roll-up


def _unit_columns(
    committee: OrgUnit, period: ReportingPeriod, scope: _Scope, visible: set[int] | None
) -> tuple[_Grouping, _IndicatorData]:
    """A committee's columns: the units below it with a plan, each with its own figures."""
    columns = [
        Column(node, scope.reports.get(node.pk), [node.pk])
        for node in scope.nodes
        if node.pk != committee.pk
        and node.pk in scope.plans
        and (visible is None or node.pk in visible)
    ]
    # Indicators set by the committee, the city above it or a department inside it.
    path = next(n.tree_path for n in scope.nodes if n.pk == committee.pk)
    owner_ids = list(path) + [n.pk for n in scope.nodes if n.kind in SHARED_OWNER_KINDS]
    grouping = _Grouping(columns, held=scope.held)
    return grouping, _unit_data(period, owner_ids, grouping, committee.pk)


def _committee_columns(
    city: OrgUnit, period: ReportingPeriod, scope: _Scope, visible: set[int] | None
) -> tuple[_Grouping, _IndicatorData]:
    """The city's columns: its committees, each totalling the units below it with a plan."""
    columns = {
        n.pk: Column(n, scope.reports.get(n.pk))
        for n in scope.nodes
        if n.kind == Kind.COMMITTEE and (visible is None or n.pk in visible)
    }
    # Every unit with a plan belongs to the committee nearest above it.
    for node in scope.nodes:
        if node.pk in scope.plans and node.pk not in columns:
            owner = next((pk for pk in reversed(node.tree_path) if pk in columns), None)
            if owner is not None and (visible is None or node.pk in visible):
                columns[owner].units.append(node.pk)
    grouping = _Grouping(list(columns.values()), scope.nodes, held=scope.held)
    owner_ids = [n.pk for n in scope.nodes if n.kind in SHARED_OWNER_KINDS]
    return grouping, _grouped_data(period, owner_ids, grouping, [city.pk, *columns])


def rollup_for(
    node: OrgUnit,
    period: ReportingPeriod,
    *,
    visible: set[int] | None = None,
    today: date | None = None,
) -> Rollup:
    """The city's roll-up for the city, a committee's for a committee.

    A committee's sets its board goals, indicators and budget against the
    units below it; the city's sets KF's area goals, the shared indicators and
    the budget against its committees.
    """
    today = today or timezone.localdate()
    scope = _load_scope(node, period)
    if node.kind == Kind.CITY:
        kind, row_level, child_level, cell = CITY, Level.AREA, Level.BOARD, _column_total
        grouping, data = _committee_columns(node, period, scope, visible)
    else:
        kind, row_level, child_level, cell = COMMITTEE, Level.BOARD, Level.UNIT, _unit_figure
        grouping, data = _unit_columns(node, period, scope, visible)
    columns = grouping.columns
    row_goals = list(
        Goal.objects.filter(year_id=period.year_id, level=row_level, owner=node).order_by(
            "position", "pk"
        )
    )
    tolerance = period.year.status_tolerance

    by_column = _budget_by_column(grouping, period)
    budget, total = [], BudgetFigure(node=node)
    for column in columns:
        figure = by_column.get(column.node.pk, BudgetFigure(node=None))
        figure.node, figure.url = column.node, column.url
        budget.append(figure)
        total.add(figure)

    late = today > period.deadline
    return Rollup(
        kind=kind,
        scope=node,
        period=period,
        columns=columns,
        goal_rows=_goal_rows(
            row_goals, columns, child_level, period.period.is_forecast, scope.held
        ),
        indicator_rows=_indicator_rows(data, columns, node, tolerance, cell),
        budget=budget,
        budget_total=total,
        pending=_pending(columns, scope.reports, late, count_units=kind == CITY),
        today=today,
        scope_report=scope.reports.get(node.pk),
    )
