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
- budget per column: budget, forecast and deviation, deficits marked;
- who has not reported: nodes without a submitted or approved report, late
  once the period's deadline has passed.

Columns are the nodes the caller may see (`visible`); a role covers its whole
subtree, so with VIEW on the committee or city that is normally all of them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from styra.budget.models import BudgetRow, CurrencyUnit
from styra.goals.models import Goal, Level, Plan
from styra.indicators.models import Aggregation, Indicator, Outcome, Target
from styra.indicators.status import Status, StatusMark, derive_status
from styra.lib.periods import is_due
from styra.organisation.models import Kind, OrgUnit

from .models import BudgetFollowUp, Fulfilment, GoalAssessment, Report, ReportingPeriod
from .models import ReportStatus as RS
from .services import budget_amount, budget_deviation

COMMITTEE, CITY = "committee", "city"
REPORTED = frozenset({RS.SUBMITTED, RS.APPROVED})
# Indicators set above the units; a unit's own indicators stay in its report.
SHARED_OWNER_KINDS = (Kind.CITY, Kind.COMMITTEE, Kind.DEPARTMENT)
TKR_PER = {CurrencyUnit.TKR: Decimal(1), CurrencyUnit.MNKR: Decimal(1000)}

FULFILMENT_SYMBOLS = {
    Fulfilment.FULFILLED: "✓",
    Fulfilment.PARTLY: "◐",
    Fulfilment.NOT_FULFILLED: "✗",
    "": "–",
}
FORECAST_LABELS = {
    Fulfilment.FULFILLED: _("Bedöms uppfyllas"),
    Fulfilment.PARTLY: _("Bedöms delvis uppfyllas"),
    Fulfilment.NOT_FULFILLED: _("Bedöms inte uppfyllas"),
}
NOT_ASSESSED = _("Ej bedömt")


def report_url(report_id: int) -> str:
    """The report page; a fixed path until the report pages' URL name exists."""
    try:
        return reverse("followup:report", kwargs={"report_id": report_id})
    except NoReverseMatch:
        return f"/uppfoljning/rapporter/{report_id}/"


@dataclass(frozen=True)
class FulfilmentMark:
    """An assessment as symbol and text (never colour alone), worded as a forecast in T1/T2."""

    value: str
    forecast: bool

    @property
    def symbol(self) -> str:
        return FULFILMENT_SYMBOLS.get(self.value, "–")

    @property
    def label(self) -> str:
        if not self.value:
            return str(NOT_ASSESSED)
        if self.forecast:
            return str(FORECAST_LABELS[self.value])
        return str(Fulfilment(self.value).label)

    @property
    def css(self) -> str:
        return f"fulfilment fulfilment--{self.value or 'none'}"

    def __str__(self) -> str:
        return f"{self.symbol} {self.label}"


@dataclass
class Column:
    node: OrgUnit
    report: Report | None

    @property
    def url(self) -> str:
        return report_url(self.report.pk) if self.report else ""


@dataclass
class AssessedGoal:
    goal: Goal
    mark: FulfilmentMark


@dataclass
class GoalCell:
    report: Report | None
    items: list[AssessedGoal]

    @property
    def url(self) -> str:
        return report_url(self.report.pk) if self.report else ""


@dataclass
class GoalRow:
    goal: Goal
    cells: list[GoalCell]


@dataclass
class Figure:
    """One indicator in one column: an outcome, or a total of several, against a target."""

    value: Decimal | None = None
    text: str = ""  # an outcome as written, when it is not a number
    target: str = ""
    status: StatusMark = field(default_factory=lambda: StatusMark(Status.UNKNOWN))
    applies: bool = False  # the column has a target or an outcome for the indicator
    note: str = ""  # why a total is missing or partial
    count: int = 0  # outcomes a total is formed from
    url: str = ""
    decimals: int = 0


@dataclass
class IndicatorRow:
    indicator: Indicator
    cells: list[Figure]
    total: Figure


@dataclass
class BudgetFigure:
    """Budget, forecast and deviation in tkr; a negative deviation is a deficit."""

    node: OrgUnit | None
    budget: Decimal | None = None
    forecast: Decimal | None = None
    deviation: Decimal | None = None
    rows: int = 0
    rows_without_forecast: int = 0
    url: str = ""

    @property
    def deficit(self) -> bool:
        return self.deviation is not None and self.deviation < 0

    def add(self, other: BudgetFigure) -> None:
        for name in ("budget", "forecast", "deviation"):
            theirs = getattr(other, name)
            if theirs is not None:
                setattr(self, name, (getattr(self, name) or Decimal(0)) + theirs)
        self.rows += other.rows
        self.rows_without_forecast += other.rows_without_forecast


@dataclass
class Pending:
    """A node that has not handed in its report for the period."""

    node: OrgUnit
    report: Report | None
    late: bool
    units_pending: int | None = None  # the city page: the committee's units still to report
    units_total: int | None = None

    @property
    def reported(self) -> bool:
        return self.report is not None and self.report.status in REPORTED

    @property
    def status_label(self) -> str:
        return self.report.get_status_display() if self.report else str(_("Ingen rapport"))

    @property
    def url(self) -> str:
        return report_url(self.report.pk) if self.report else ""


@dataclass
class Rollup:
    kind: str  # COMMITTEE or CITY
    scope: OrgUnit
    period: ReportingPeriod
    columns: list[Column]
    goal_rows: list[GoalRow]
    indicator_rows: list[IndicatorRow]
    budget: list[BudgetFigure]
    budget_total: BudgetFigure
    pending: list[Pending]
    today: date
    scope_report: Report | None = None

    @property
    def scope_report_url(self) -> str:
        return report_url(self.scope_report.pk) if self.scope_report else ""

    @property
    def is_city(self) -> bool:
        return self.kind == CITY

    @property
    def forecast(self) -> bool:
        return self.period.period.is_forecast

    @property
    def past_deadline(self) -> bool:
        return self.today > self.period.deadline


# ---------------------------------------------------------------- pure rules


def aggregate_outcomes(
    aggregation: str, outcomes: list[tuple[Decimal | None, Decimal | None]]
) -> tuple[Decimal | None, str]:
    """A total of (value, base) outcomes by the indicator's aggregation, with a note.

    Outcomes without a number are left out. A weighted mean counts only the
    outcomes that have a positive base and says how many it left out.
    """
    if aggregation == Aggregation.NONE or not aggregation:
        return None, str(_("kan inte summeras"))
    values = [(v, b) for v, b in outcomes if v is not None]
    if not values:
        return None, str(_("inga utfall"))
    if aggregation == Aggregation.SUM:
        return sum((v for v, _b in values), Decimal(0)), ""
    if aggregation == Aggregation.MEAN:
        return sum((v for v, _b in values), Decimal(0)) / len(values), ""
    weighted = [(v, b) for v, b in values if b is not None and b > 0]
    if not weighted:
        return None, str(_("bas saknas"))
    total_base = sum((b for _v, b in weighted), Decimal(0))
    value = sum((v * b for v, b in weighted), Decimal(0)) / total_base
    left_out = len(values) - len(weighted)
    note = (
        ngettext("%(n)d utfall utan bas räknas inte", "%(n)d utfall utan bas räknas inte", left_out)
        % {"n": left_out}
        if left_out
        else ""
    )
    return value, note


def _signed_budget(row: BudgetRow | _Amounts) -> tuple[Decimal | None, int]:
    """The row's budget and the sign it enters a net total with (revenue rows count against)."""
    amount = budget_amount(row)
    return amount, (-1 if row.net is None and row.costs is None else 1)


# ---------------------------------------------------------------- loading


@dataclass
class _Scope:
    """The tree below the scope, the plans of the year and the period's reports."""

    nodes: list[OrgUnit]
    plans: dict[int, Plan]
    reports: dict[int, Report]


def _load_scope(scope: OrgUnit, period: ReportingPeriod) -> _Scope:
    nodes = sorted(
        OrgUnit.objects.descendants(scope, include_self=True), key=lambda n: n.tree_ordering
    )
    ids = [n.pk for n in nodes]
    plans = {
        p.unit_id: p
        for p in Plan.objects.filter(year_id=period.year_id, unit_id__in=ids).only(
            "pk", "unit", "year", "unit_name", "status"
        )
    }
    reports = {
        r.org_unit_id: r
        for r in Report.objects.filter(period=period, org_unit_id__in=ids).only(
            "pk", "org_unit", "period", "unit_name", "status"
        )
    }
    return _Scope(nodes=nodes, plans=plans, reports=reports)


def _assessments(report_ids: list[int], goal_ids: list[int]) -> dict[tuple[int, int], str]:
    return {
        (report_id, goal_id): value
        for report_id, goal_id, value in GoalAssessment.objects.filter(
            report_id__in=report_ids, goal_id__in=goal_ids
        ).values_list("report_id", "goal_id", "value")
    }


def _goal_rows(
    rows: list[Goal], columns: list[Column], child_level: str, forecast: bool
) -> list[GoalRow]:
    """Each row goal against each column: the column's own goals under it, as assessed."""
    children = list(
        Goal.objects.filter(
            parent_id__in=[g.pk for g in rows],
            level=child_level,
            owner_id__in=[c.node.pk for c in columns],
        ).order_by("position", "pk")
    )
    by_cell: dict[tuple[int, int], list[Goal]] = defaultdict(list)
    for goal in children:
        by_cell[(goal.parent_id, goal.owner_id)].append(goal)
    values = _assessments([c.report.pk for c in columns if c.report], [g.pk for g in children])
    result = []
    for row in rows:
        cells = []
        for column in columns:
            report_id = column.report.pk if column.report else None
            items = [
                AssessedGoal(goal, FulfilmentMark(values.get((report_id, goal.pk), ""), forecast))
                for goal in by_cell[(row.pk, column.node.pk)]
            ]
            cells.append(GoalCell(column.report, items))
        result.append(GoalRow(row, cells))
    return result


@dataclass
class _IndicatorData:
    indicators: list[Indicator]
    targets: dict[tuple[int, int], tuple[str, Decimal | None]]
    outcomes: dict[tuple[int, int], tuple[Decimal | None, str, Decimal | None]]


def _indicator_data(
    period: ReportingPeriod,
    owner_ids: list[int],
    unit_ids: list[int],
    target_ids: list[int],
    *,
    unit_targets: bool = True,
) -> _IndicatorData:
    """The year's shared indicators due in the period, their targets and outcomes."""
    indicators = [
        i
        for i in Indicator.objects.filter(
            goal__year_id=period.year_id,
            owner_id__in=owner_ids,
            owner__kind__in=SHARED_OWNER_KINDS,
        )
        .select_related("goal")
        .order_by("goal__level_rank", "goal__position", "position", "pk")
        if is_due(i.periodicity, period.period)
    ]
    ids = [i.pk for i in indicators]
    targets: dict[tuple[int, int], tuple[str, Decimal | None]] = {}
    if not unit_targets:
        # Totals compare with the scope's targets; of the units' only the existence counts.
        targets = {
            key: ("", None)
            for key in Target.objects.filter(
                indicator_id__in=ids, org_unit_id__in=unit_ids
            ).values_list("indicator_id", "org_unit_id")
        }
    targets.update(
        ((ind, unit), (text, value))
        for ind, unit, text, value in Target.objects.filter(
            indicator_id__in=ids, org_unit_id__in=target_ids + (unit_ids if unit_targets else [])
        ).values_list("indicator_id", "org_unit_id", "text", "value")
    )
    outcomes = {
        (ind, unit): (value, text, base)
        for ind, unit, value, text, base in Outcome.objects.filter(
            indicator_id__in=ids, org_unit_id__in=unit_ids, period=period.code
        ).values_list("indicator_id", "org_unit_id", "value", "text", "base")
    }
    units = set(unit_ids)
    applied = {ind for ind, unit in targets if unit in units} | {ind for ind, _u in outcomes}
    return _IndicatorData([i for i in indicators if i.pk in applied], targets, outcomes)


def _unit_figure(
    data: _IndicatorData, indicator: Indicator, unit_id: int, tolerance: Decimal, url: str
) -> Figure:
    target_text, target_value = data.targets.get((indicator.pk, unit_id), ("", None))
    value, text, _base = data.outcomes.get((indicator.pk, unit_id), (None, "", None))
    applies = (indicator.pk, unit_id) in data.targets or (indicator.pk, unit_id) in data.outcomes
    status = derive_status(value, target_value, indicator.direction, tolerance)
    return Figure(
        value=value,
        text=text,
        target=target_text,
        status=StatusMark(status),
        applies=applies,
        url=url if applies else "",
        decimals=indicator.decimals,
    )


def _total_figure(
    data: _IndicatorData,
    indicator: Indicator,
    unit_ids: list[int],
    target_node_id: int,
    tolerance: Decimal,
) -> Figure:
    pairs = [
        (data.outcomes[key][0], data.outcomes[key][2])
        for key in ((indicator.pk, u) for u in unit_ids)
        if key in data.outcomes
    ]
    value, note = aggregate_outcomes(indicator.aggregation, pairs)
    target_text, target_value = data.targets.get((indicator.pk, target_node_id), ("", None))
    status = derive_status(value, target_value, indicator.direction, tolerance)
    applies = bool(pairs) or any((indicator.pk, u) in data.targets for u in unit_ids)
    return Figure(
        value=value,
        target=target_text,
        status=StatusMark(status),
        applies=applies,
        note=note,
        count=sum(1 for v, _b in pairs if v is not None),
        # A mean gets one decimal more than the outcomes it is formed from.
        decimals=indicator.decimals + (0 if indicator.aggregation == Aggregation.SUM else 1),
    )


class _Amounts(NamedTuple):
    """A budget row's amounts, enough for the services' budget rules without a model instance."""

    costs: Decimal | None
    revenues: Decimal | None
    net: Decimal | None


def _budget_by_unit(plans: list[Plan], code: str) -> dict[int, BudgetFigure]:
    """Each plan's budget rows (total rows left out) summed in tkr, with the period's forecast."""
    plan_ids = [p.pk for p in plans]
    rows = BudgetRow.objects.filter(budget__plan_id__in=plan_ids, is_total=False).values_list(
        "pk", "budget__plan__unit_id", "budget__currency_unit", "costs", "revenues", "net"
    )
    forecasts = dict(
        BudgetFollowUp.objects.filter(
            row__budget__plan_id__in=plan_ids, row__is_total=False, period=code
        ).values_list("row_id", "forecast")
    )
    figures: dict[int, BudgetFigure] = {}
    for pk, unit_id, currency, *amounts in rows:
        figure = figures.setdefault(unit_id, BudgetFigure(node=None))
        row = _Amounts(*amounts)
        amount, sign = _signed_budget(row)
        if amount is None:
            continue
        scale = TKR_PER.get(currency, Decimal(1))
        forecast = forecasts.get(pk)
        part = BudgetFigure(node=None, budget=sign * amount * scale, rows=1)
        if forecast is None:
            part.rows_without_forecast = 1
        else:
            part.forecast = sign * forecast * scale
            part.deviation = budget_deviation(row, forecast) * scale
        figure.add(part)
    return figures


def _pending(columns: list[Column], today: date, deadline: date) -> list[Pending]:
    return [
        Pending(node=c.node, report=c.report, late=today > deadline)
        for c in columns
        if not (c.report and c.report.status in REPORTED)
    ]


# ---------------------------------------------------------------- the two roll-ups


def committee_rollup(
    committee: OrgUnit,
    period: ReportingPeriod,
    *,
    visible: set[int] | None = None,
    today: date | None = None,
) -> Rollup:
    """The committee's board goals, indicators and budget against the units below it."""
    today = today or timezone.localdate()
    year = period.year
    scope = _load_scope(committee, period)
    columns = [
        Column(node, scope.reports.get(node.pk))
        for node in scope.nodes
        if node.pk != committee.pk
        and node.pk in scope.plans
        and (visible is None or node.pk in visible)
    ]
    unit_ids = [c.node.pk for c in columns]
    board_goals = list(
        Goal.objects.filter(year=year, level=Level.BOARD, owner=committee).order_by(
            "position", "pk"
        )
    )
    goal_rows = _goal_rows(board_goals, columns, Level.UNIT, period.period.is_forecast)

    # Indicators set by the committee, the city above it or a department inside it.
    path = next(n.tree_path for n in scope.nodes if n.pk == committee.pk)
    owner_ids = list(path) + [n.pk for n in scope.nodes]
    data = _indicator_data(period, owner_ids, unit_ids, [committee.pk])
    tolerance = year.status_tolerance
    indicator_rows = [
        IndicatorRow(
            indicator,
            [_unit_figure(data, indicator, c.node.pk, tolerance, c.url) for c in columns],
            _total_figure(data, indicator, unit_ids, committee.pk, tolerance),
        )
        for indicator in data.indicators
    ]

    by_unit = _budget_by_unit([scope.plans[u] for u in unit_ids], period.code)
    budget, total = [], BudgetFigure(node=committee)
    for column in columns:
        figure = by_unit.get(column.node.pk, BudgetFigure(node=None))
        figure.node, figure.url = column.node, column.url
        budget.append(figure)
        total.add(figure)

    return Rollup(
        kind=COMMITTEE,
        scope=committee,
        period=period,
        columns=columns,
        goal_rows=goal_rows,
        indicator_rows=indicator_rows,
        budget=budget,
        budget_total=total,
        pending=_pending(columns, today, period.deadline),
        today=today,
        scope_report=scope.reports.get(committee.pk),
    )


def city_rollup(
    city: OrgUnit,
    period: ReportingPeriod,
    *,
    visible: set[int] | None = None,
    today: date | None = None,
) -> Rollup:
    """KF's area goals, the shared indicators and the budget against the city's committees."""
    today = today or timezone.localdate()
    year = period.year
    scope = _load_scope(city, period)
    committees = [
        n for n in scope.nodes if n.kind == Kind.COMMITTEE and (visible is None or n.pk in visible)
    ]
    columns = [Column(c, scope.reports.get(c.pk)) for c in committees]
    # Every unit with a plan belongs to the committee nearest above it.
    committee_ids = {c.pk for c in committees}
    units_of: dict[int, list[int]] = {c.pk: [] for c in committees}
    for node in scope.nodes:
        if node.pk in scope.plans and node.pk not in committee_ids:
            owner = next((pk for pk in reversed(node.tree_path) if pk in committee_ids), None)
            if owner is not None and (visible is None or node.pk in visible):
                units_of[owner].append(node.pk)
    all_units = [u for units in units_of.values() for u in units]

    area_goals = list(
        Goal.objects.filter(year=year, level=Level.AREA, owner=city).order_by("position", "pk")
    )
    goal_rows = _goal_rows(area_goals, columns, Level.BOARD, period.period.is_forecast)

    owner_ids = [n.pk for n in scope.nodes]
    data = _indicator_data(
        period, owner_ids, all_units, [city.pk, *committee_ids], unit_targets=False
    )
    tolerance = year.status_tolerance
    indicator_rows = []
    for indicator in data.indicators:
        cells = []
        for column in columns:
            figure = _total_figure(
                data, indicator, units_of[column.node.pk], column.node.pk, tolerance
            )
            figure.url = column.url if figure.applies else ""
            cells.append(figure)
        total = _total_figure(data, indicator, all_units, city.pk, tolerance)
        indicator_rows.append(IndicatorRow(indicator, cells, total))

    by_unit = _budget_by_unit([scope.plans[u] for u in all_units], period.code)
    budget, total_budget = [], BudgetFigure(node=city)
    for column in columns:
        figure = BudgetFigure(node=column.node, url=column.url)
        for unit_id in units_of[column.node.pk]:
            if unit_id in by_unit:
                figure.add(by_unit[unit_id])
        budget.append(figure)
        total_budget.add(figure)

    pending = []
    for column in columns:
        units = units_of[column.node.pk]
        waiting = sum(
            1 for u in units if not (scope.reports.get(u) and scope.reports[u].status in REPORTED)
        )
        entry = Pending(
            node=column.node,
            report=column.report,
            late=today > period.deadline,
            units_pending=waiting,
            units_total=len(units),
        )
        if waiting or not entry.reported:
            pending.append(entry)

    return Rollup(
        kind=CITY,
        scope=city,
        period=period,
        columns=columns,
        goal_rows=goal_rows,
        indicator_rows=indicator_rows,
        budget=budget,
        budget_total=total_budget,
        pending=pending,
        today=today,
        scope_report=scope.reports.get(city.pk),
    )
