"""A plan's budget rows in and out of the format, with the sums Styra computes."""

from decimal import Decimal
from typing import Any, Required, TypedDict

from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_lazy

from styra.budget.models import BudgetRow
from styra.budget.sums import SHOWN, TableRow, line_net, sum_kind_for, table
from styra.lib.narrative import clean_text
from styra.lib.numbers import format_number


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


class BudgetRowDict(TypedDict, total=False):
    """A budget row of styra-plan/1 (plan.schema.json): a figure only where the row has one."""

    name: Required[str]
    costs: int | float
    revenues: int | float
    net: int | float
    total: bool


def budget_row_dict(row: TableRow) -> BudgetRowDict:
    """A row of budget.sums.table: a line as typed (its net where one was typed), a sum row
    as computed."""
    item: BudgetRowDict = {"name": row.name}
    figures = row if row.is_sum else row.row
    if figures.costs is not None:
        item["costs"] = _number(figures.costs)
    if figures.revenues is not None:
        item["revenues"] = _number(figures.revenues)
    if figures.net is not None:
        item["net"] = _number(figures.net)
    if row.is_sum:
        item["total"] = True
    return item


def budget_rows_from_dict(budget: dict[str, Any]) -> tuple[list[BudgetRow], list[str]]:
    """A document's budget rows, unsaved, with a warning for every figure Styra computes otherwise.

    The lines are kept as written; a sum row stores no amounts (its kind is read
    from the columns the document gives it) and a line's net beside costs or
    revenues is costs − revenues: `budget.sums`. Where the document's figure
    differs, the warning names both.
    """
    rows: list[BudgetRow] = []
    stated: list[dict[str, Decimal | None]] = []
    warnings: list[str] = []
    for item in budget.get("rows") or []:
        figures = {c: _decimal(item.get(c)) for c in ("costs", "revenues", "net")}
        row = BudgetRow(name=clean_text(item["name"]))
        if item.get("total"):
            row.kind = sum_kind_for(**figures)
        else:
            row.costs, row.revenues = figures["costs"], figures["revenues"]
            derived = line_net(row.costs, row.revenues, None)
            net = figures["net"]
            if net is not None and derived is not None and net != derived:
                warnings.append(_sum_warning(row.name, "net", net, derived, line=True))
            row.net = derived if net is not None and derived is not None else net
        rows.append(row)
        stated.append(figures)
    for computed, figures in zip(table(rows), stated, strict=True):
        if not computed.is_sum:
            continue
        for column in SHOWN[computed.kind]:
            mine, theirs = getattr(computed, column), figures[column]
            if theirs is not None and mine != theirs:
                warnings.append(_sum_warning(computed.name, column, theirs, mine or 0))
    return rows, warnings


def _sum_warning(
    name: str, column: str, stated: Decimal, computed: Decimal | int, *, line: bool = False
) -> str:
    names = {
        "name": name,
        "column": str(COLUMN_NAMES[column]),
        "stated": format_number(stated),
        "computed": format_number(computed),
    }
    if line:
        return (
            gettext(
                "Budgetraden ”%(name)s”: dokumentet anger netto %(stated)s, men kostnader "
                "minus intäkter är %(computed)s. Styra räknar netto ur raden: %(computed)s."
            )
            % names
        )
    return (
        gettext(
            "Summaraden ”%(name)s”: dokumentet anger %(column)s %(stated)s, men raderna "
            "ovanför summerar till %(computed)s. Styra behåller raderna och räknar summan: "
            "%(computed)s."
        )
        % names
    )


COLUMN_NAMES = {
    "costs": gettext_lazy("kostnader"),
    "revenues": gettext_lazy("intäkter"),
    "net": gettext_lazy("netto"),
}


def settle_budget(data: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The plan with its budget's sums as Styra computes them, and the warnings for the preview."""
    if not data.get("budget"):
        return data, []
    rows, warnings = budget_rows_from_dict(data["budget"])
    settled = [budget_row_dict(row) for row in table(rows)]  # as context_to_dict writes it
    return {**data, "budget": {**data["budget"], "rows": settled}}, warnings


def _decimal(value: int | float | None) -> Decimal | None:
    if value is None:
        return None
    amount = Decimal(str(value))
    if abs(amount) >= Decimal("1e12"):
        raise ValidationError(gettext("Beloppet %(amount)s är för stort.") % {"amount": value})
    return amount
