"""The roll-up's tables (`Rollup` and its rows, cells and figures) and the pure rules that
total outcomes; `followup.rollup` loads them (see its docstring for how).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal
from functools import cached_property

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from styra.budget.models import BudgetRow, CurrencyUnit
from styra.goals.models import Goal
from styra.indicators.models import Aggregation, Indicator, Outcome
from styra.indicators.status import Status, StatusMark
from styra.lib.numbers import row_unit
from styra.organisation.models import Kind, OrgUnit

from .fulfilment import MARKS, NOT_ASSESSED, fulfilment_label
from .models import Report, ReportingPeriod

COMMITTEE, CITY = "committee", "city"
# Indicators set above the units; a unit's own indicators stay in its report.
SHARED_OWNER_KINDS = (Kind.CITY, Kind.COMMITTEE, Kind.DEPARTMENT)
TKR_PER = {CurrencyUnit.TKR: Decimal(1), CurrencyUnit.MNKR: Decimal(1000)}
# The decimal places of the database's sums: an outcome's or base's, their product's, an amount's.
VALUE_PLACES = Outcome._meta.get_field("value").decimal_places
PRODUCT_PLACES = VALUE_PLACES + Outcome._meta.get_field("base").decimal_places
AMOUNT_PLACES = BudgetRow._meta.get_field("net").decimal_places


def report_url(report_id: int) -> str:
    """The report page; a fixed path until the report pages' URL name exists."""
    try:
        return reverse("followup:report", kwargs={"report_id": report_id})
    except NoReverseMatch:
        return f"/uppfoljning/rapporter/{report_id}/"


def _reported(report: Report | None) -> bool:
    return report is not None and report.is_decided


@dataclass(frozen=True)
class FulfilmentMark:
    """An assessment as symbol and text (never colour alone), worded as a forecast in T1/T2."""

    value: str
    forecast: bool

    @property
    def symbol(self) -> str:
        return MARKS.get(self.value, MARKS[""])

    @property
    def label(self) -> str:
        return fulfilment_label(self.value, forecast=self.forecast) or str(NOT_ASSESSED)

    @property
    def css(self) -> str:
        return f"fulfilment fulfilment--{self.value or 'none'}"

    def __str__(self) -> str:
        return f"{self.symbol} {self.label}"


@dataclass
class Column:
    """A node across the tables, standing for `units`: itself, or a committee's units."""

    node: OrgUnit
    report: Report | None
    units: list[int] = field(default_factory=list)

    @cached_property
    def url(self) -> str:
        # Every cell of the column links here: reverse once, not once a cell.
        return report_url(self.report.pk) if self.report else ""


@dataclass
class AssessedGoal:
    goal: Goal
    mark: FulfilmentMark


@dataclass
class GoalCell:
    report: Report | None
    items: list[AssessedGoal]
    url: str = ""


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

    @property
    def unit(self) -> str:
        """The unit every figure of the row is shown with (`lib.numbers.row_unit`)."""
        targets = [self.total.target, *(c.target for c in self.cells)]
        return row_unit(self.indicator.measure, targets)


@dataclass
class BudgetFigure:
    """Budget, outcome to date, forecast and deviation in tkr; a negative deviation is a deficit."""

    node: OrgUnit | None
    budget: Decimal | None = None
    outcome: Decimal | None = None
    forecast: Decimal | None = None
    deviation: Decimal | None = None
    rows: int = 0
    rows_without_forecast: int = 0
    rows_without_outcome: int = 0
    url: str = ""

    @property
    def deficit(self) -> bool:
        return self.deviation is not None and self.deviation < 0

    def add(self, other: BudgetFigure) -> None:
        for name in ("budget", "outcome", "forecast", "deviation"):
            theirs = getattr(other, name)
            if theirs is not None:
                setattr(self, name, (getattr(self, name) or Decimal(0)) + theirs)
        self.rows += other.rows
        self.rows_without_forecast += other.rows_without_forecast
        self.rows_without_outcome += other.rows_without_outcome


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
        return _reported(self.report)

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

    @property
    def goal_table(self) -> list[GoalRow]:
        """The goal rows, when there are columns to set them against."""
        return self.goal_rows if self.columns else []


# ---------------------------------------------------------------- pure rules


@dataclass(frozen=True)
class OutcomeSums:
    """What a total of outcomes is formed from; the sums of two groups add up to their union's.

    The database forms them per group of units (`_outcome_sums`), `of` from
    outcomes in hand; `aggregate` turns them into the total by the indicator's rule.
    """

    rows: int = 0  # outcomes, with a number or not
    count: int = 0  # outcomes with a number
    total: Decimal = Decimal(0)  # the sum of those numbers
    weighted: int = 0  # outcomes with a number and a positive base
    products: Decimal = Decimal(0)  # the sum of value × base over those
    bases: Decimal = Decimal(0)  # the sum of their bases

    @classmethod
    def of(cls, outcomes: Iterable[tuple[Decimal | None, Decimal | None]]) -> OutcomeSums:
        """The sums of (value, base) outcomes."""
        outcomes = list(outcomes)
        values = [(v, b) for v, b in outcomes if v is not None]
        weighted = [(v, b) for v, b in values if b is not None and b > 0]
        return cls(
            rows=len(outcomes),
            count=len(values),
            total=sum((v for v, _b in values), Decimal(0)),
            weighted=len(weighted),
            products=sum((v * b for v, b in weighted), Decimal(0)),
            bases=sum((b for _v, b in weighted), Decimal(0)),
        )

    def __add__(self, other: OutcomeSums) -> OutcomeSums:
        return OutcomeSums(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    def aggregate(self, aggregation: str) -> tuple[Decimal | None, str]:
        """The total by the indicator's aggregation, with a note on why it is missing or partial.

        Outcomes without a number are left out. A weighted mean counts only the
        outcomes that have a positive base and says how many it left out.
        """
        if aggregation == Aggregation.NONE or not aggregation:
            return None, str(_("kan inte summeras"))
        if not self.count:
            return None, str(_("inga utfall"))
        if aggregation == Aggregation.SUM:
            return self.total, ""
        if aggregation == Aggregation.MEAN:
            return self.total / self.count, ""
        if not self.weighted:
            return None, str(_("bas saknas"))
        left_out = self.count - self.weighted
        note = (
            ngettext(
                "%(n)d utfall utan bas räknas inte", "%(n)d utfall utan bas räknas inte", left_out
            )
            % {"n": left_out}
            if left_out
            else ""
        )
        return self.products / self.bases, note


def aggregate_outcomes(
    aggregation: str, outcomes: list[tuple[Decimal | None, Decimal | None]]
) -> tuple[Decimal | None, str]:
    """A total of (value, base) outcomes by the indicator's aggregation, with a note."""
    return OutcomeSums.of(outcomes).aggregate(aggregation)


def _exact(value: Decimal | None, places: int) -> Decimal:
    """A database sum at the decimal places a sum of Decimals has (SQLite sums floats)."""
    return Decimal(0) if value is None else value.quantize(Decimal(1).scaleb(-places))
