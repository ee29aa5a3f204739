"""The one place a budget table's sums and a line's net are computed.

Every output (plan page, report budget table, monthly follow-up, documents,
Excel, JSON, roll-ups) reads its figures from here, so a sum row cannot
disagree with its lines.

The rules:

- A line's net is costs − revenues (the plans' sign: a positive net is a net
  cost) whenever the line has costs or revenues. It is typed only on a line
  that has neither; typed beside them it must agree (`BudgetRow.clean`).
- A sum row adds up every line above it (earlier sum rows do not count),
  column by column; its kind says which columns it shows: Summa intäkter the
  revenues, Summa kostnader the costs, Nettobudget the net, Totalt all three.
- In follow-up a line has one amount that its outcome and forecast are
  compared with: a revenue line (revenues only) its revenues, which count
  against; any other line its net. A sum row adds up the amounts, outcomes,
  forecasts and deviations of the lines it counts: Summa intäkter the revenue
  lines, Summa kostnader the lines with costs and no revenues, Nettobudget and
  Totalt every line with an amount, revenue lines subtracted (a line without
  amounts, such as a heading "Intäkter", counts nowhere). A Totalt's amount is therefore
  the sum of the lines' nets, which is what the roll-ups add up
  (`followup.rollup_budget.budget_by_column`).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from .models import BudgetRow, RowKind

SHOWN: dict[str, tuple[str, ...]] = {
    RowKind.LINE: ("costs", "revenues", "net"),
    RowKind.REVENUES: ("revenues",),
    RowKind.COSTS: ("costs",),
    RowKind.NET: ("net",),
    RowKind.TOTAL: ("costs", "revenues", "net"),
}


def line_net(
    costs: Decimal | None, revenues: Decimal | None, net: Decimal | None
) -> Decimal | None:
    if costs is None and revenues is None:
        return net
    return (costs or Decimal(0)) - (revenues or Decimal(0))


def is_revenue_line(row: BudgetRow) -> bool:
    return not row.is_sum and row.costs is None and row.net is None and row.revenues is not None


def line_amount(row: BudgetRow) -> Decimal | None:
    """The amount a line's outcome and forecast are compared with."""
    if is_revenue_line(row):
        return row.revenues
    return line_net(row.costs, row.revenues, row.net)


def _counts(kind: str, line: BudgetRow) -> bool:
    """Whether a sum row of `kind` adds up the line's follow-up; a line without amounts never."""
    if kind == RowKind.REVENUES:
        return is_revenue_line(line)
    if kind == RowKind.COSTS:
        return line.costs is not None and line.revenues is None
    return line_amount(line) is not None


def _add(values: Iterable[Decimal | None]) -> Decimal | None:
    """The sum of the values given; None when there is none (an empty column stays empty)."""
    total = None
    for value in values:
        if value is not None:
            total = value if total is None else total + value
    return total


def sum_of(
    kind: str,
    lines: Iterable[BudgetRow],
    value: Callable[[BudgetRow], Decimal | None],
    *,
    signed: bool = True,
) -> Decimal | None:
    """A follow-up figure of a sum row of `kind` over `lines`: `value` per line counted.

    With `signed`, revenue lines are subtracted in Nettobudget and Totalt (amounts,
    outcomes, forecasts); deviations are already signed good or bad and just add up.
    """

    def one(line: BudgetRow) -> Decimal | None:
        v = value(line)
        if v is not None and signed and kind in (RowKind.NET, RowKind.TOTAL):
            return -v if is_revenue_line(line) else v
        return v

    return _add(one(line) for line in lines if _counts(kind, line))


def budget_deviation(
    amount: Decimal | None, forecast: Decimal | None, *, revenue: bool
) -> Decimal | None:
    """Budget minus forecast, signed so that a negative deviation is a deficit.

    For revenues a forecast above budget is good, so the sign turns.
    """
    if amount is None or forecast is None:
        return None
    return forecast - amount if revenue else amount - forecast


@dataclass(frozen=True)
class TableRow:
    """A row as every output shows it: a line's typed amounts or a sum row's computed ones."""

    row: BudgetRow
    costs: Decimal | None
    revenues: Decimal | None
    net: Decimal | None
    amount: Decimal | None
    revenue: bool
    lines: tuple[BudgetRow, ...]  # the lines a sum row adds up; () for a line

    @property
    def pk(self) -> int:
        return self.row.pk

    @property
    def name(self) -> str:
        return self.row.name

    @property
    def kind(self) -> str:
        return self.row.kind

    @property
    def is_sum(self) -> bool:
        return self.row.is_sum

    # The page's move buttons are marked on the stored row (lib.ordering.mark_movable).
    @property
    def can_move_up(self) -> bool:
        return getattr(self.row, "can_move_up", True)

    @property
    def can_move_down(self) -> bool:
        return getattr(self.row, "can_move_down", True)

    def sum_of(
        self, value: Callable[[BudgetRow], Decimal | None], *, signed: bool = True
    ) -> Decimal | None:
        """A follow-up figure of this sum row from the lines' figures (see `sum_of`)."""
        return sum_of(self.kind, self.lines, value, signed=signed)


def shows_net(rows: Iterable[BudgetRow]) -> bool:
    """Whether the table has a Netto column: a typed net, a net sum, or a line with both sides."""
    return any(
        row.kind in (RowKind.NET, RowKind.TOTAL)
        or (not row.is_sum and (row.net is not None or None not in (row.costs, row.revenues)))
        for row in rows
    )


def table(rows: Iterable[BudgetRow]) -> list[TableRow]:
    """The rows in order, each sum row computed from the lines above it.

    Where the table has a Netto column every line shows its net in it (costs −
    revenues), so that the column adds up to its Nettobudget to the krona (a line
    with costs and revenues showed an empty net that Nettobudget counted). The
    interchange JSON writes a line's amounts as typed (`row.row`), not these.
    """
    rows = list(rows)
    with_net = shows_net(rows)
    result, above = [], []
    for row in rows:
        if not row.is_sum:
            above.append(row)
            result.append(
                TableRow(
                    row,
                    row.costs,
                    row.revenues,
                    line_net(row.costs, row.revenues, row.net) if with_net else row.net,
                    amount=line_amount(row),
                    revenue=is_revenue_line(row),
                    lines=(),
                )
            )
            continue
        shown = SHOWN[row.kind]
        figures = {
            "costs": _add(line.costs for line in above),
            "revenues": _add(line.revenues for line in above),
            "net": _add(line_net(line.costs, line.revenues, line.net) for line in above),
        }
        result.append(
            TableRow(
                row,
                costs=figures["costs"] if "costs" in shown else None,
                revenues=figures["revenues"] if "revenues" in shown else None,
                net=figures["net"] if "net" in shown else None,
                amount=sum_of(row.kind, above, line_amount),
                revenue=row.kind == RowKind.REVENUES,
                lines=tuple(above),
            )
        )
    return result


def sum_kind_for(costs: Decimal | None, revenues: Decimal | None, net: Decimal | None) -> str:
    """The kind of a sum row read from the columns a document gives it (a migration copies it)."""
    given = (costs is not None, revenues is not None, net is not None)
    return {
        (False, True, False): RowKind.REVENUES,
        (True, False, False): RowKind.COSTS,
        (False, False, True): RowKind.NET,
    }.get(given, RowKind.TOTAL)
