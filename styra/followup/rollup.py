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
(`_outcome_sums` in `rollup_indicators`,
`budget_by_column` in `rollup_budget`), and only the division of a mean is
left to Python, so a total is the Decimal that summing in Python gives.
PostgreSQL sums numerics exactly. SQLite stores and sums decimals as binary
floats, so its sums are rounded back to the fields' decimal places: exact for
sums of outcomes and amounts; the sum of value × base behind a weighted mean
has eight decimals, and past about ten million (15 significant digits) its
last ones can be off, which moves the mean in its 15th digit.

Here are `rollup_for`, which assembles the roll-up (with the goal table and
who has not reported), and `report_figures`, which a report freezes on
submission. The tables' types and the rules that total outcomes are in
`rollup_tables`; the scope, the decided reports' figures and the grouping of
units in `rollup_scope`; the indicator table in `rollup_indicators`; the
budget columns in `rollup_budget`.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone

from styra.goals.models import Goal, Level
from styra.indicators.models import Outcome, Target
from styra.organisation.models import Kind, OrgUnit

from .models import GoalAssessment, Report, ReportingPeriod
from .rollup_budget import budget_by_column
from .rollup_indicators import (
    IndicatorData,
    column_total,
    grouped_data,
    indicator_rows,
    unit_data,
    unit_figure,
)
from .rollup_scope import Grouping, Held, Scope, load_scope
from .rollup_tables import (
    CITY,
    COMMITTEE,
    SHARED_OWNER_KINDS,
    VALUE_PLACES,
    AssessedGoal,
    BudgetFigure,
    Column,
    FulfilmentMark,
    GoalCell,
    GoalRow,
    Pending,
    Rollup,
    _exact,
    _reported,
)

# ---------------------------------------------------------------- what a decided report holds


def _places(value: Decimal | None, places: int) -> str | None:
    return None if value is None else str(_exact(value, places))


def _amount(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def report_figures(report: Report) -> dict[str, Any]:
    """What the roll-ups take from the report's node, frozen when the report is submitted.

    Its targets and outcomes (number, text, base) for the year's indicators,
    its own goals under the chain with the report's assessments, and its
    budget summed in tkr as `budget_by_column` sums it: the same figures the
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
    budget = budget_by_column(Grouping([Column(unit, None, [unit.pk])]), period).get(unit.pk)
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


# ---------------------------------------------------------------- the roll-up


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
    held: dict[int, Held],
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


def _unit_columns(
    committee: OrgUnit, period: ReportingPeriod, scope: Scope, visible: set[int] | None
) -> tuple[Grouping, IndicatorData]:
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
    grouping = Grouping(columns, held=scope.held)
    return grouping, unit_data(period, owner_ids, grouping, committee.pk)


def _committee_columns(
    city: OrgUnit, period: ReportingPeriod, scope: Scope, visible: set[int] | None
) -> tuple[Grouping, IndicatorData]:
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
    grouping = Grouping(list(columns.values()), scope.nodes, held=scope.held)
    owner_ids = [n.pk for n in scope.nodes if n.kind in SHARED_OWNER_KINDS]
    return grouping, grouped_data(period, owner_ids, grouping, [city.pk, *columns])


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
    scope = load_scope(node, period)
    if node.kind == Kind.CITY:
        kind, row_level, child_level, cell = CITY, Level.AREA, Level.BOARD, column_total
        grouping, data = _committee_columns(node, period, scope, visible)
    else:
        kind, row_level, child_level, cell = COMMITTEE, Level.BOARD, Level.UNIT, unit_figure
        grouping, data = _unit_columns(node, period, scope, visible)
    columns = grouping.columns
    row_goals = list(
        Goal.objects.filter(year_id=period.year_id, level=row_level, owner=node).order_by(
            "position", "pk"
        )
    )
    tolerance = period.year.status_tolerance

    by_column = budget_by_column(grouping, period)
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
        indicator_rows=indicator_rows(data, columns, node, tolerance, cell),
        budget=budget,
        budget_total=total,
        pending=_pending(columns, scope.reports, late, count_units=kind == CITY),
        today=today,
        scope_report=scope.reports.get(node.pk),
    )
