"""Writes to a plan's budget table."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction

from styra.lib.dependents import ROW, dependents_of
from styra.lib.narrative import clean_text
from styra.lib.ordering import move, next_position

from .models import Budget, BudgetRow, RowKind

if TYPE_CHECKING:  # plans is above budget: only the type is named here
    from styra.plans.models import Plan


@transaction.atomic
def budget_set_unit(*, plan: Plan, currency_unit: str) -> Budget:
    plan.refuse_changes("budget")
    budget, _ = Budget.objects.get_or_create(plan=plan)
    budget.currency_unit = currency_unit
    budget.full_clean()
    budget.save()
    return budget


@transaction.atomic
def budget_row_create(
    *,
    plan: Plan,
    name: str,
    costs: Decimal | None = None,
    revenues: Decimal | None = None,
    net: Decimal | None = None,
    kind: str = RowKind.LINE,
) -> BudgetRow:
    """A line with its typed amounts, or a sum row (no amounts: `sums.table` computes them)."""
    plan.refuse_changes("budget")
    budget, _ = Budget.objects.get_or_create(plan=plan)
    position = next_position(budget.rows.all())
    row = BudgetRow(
        budget=budget,
        name=clean_text(name),
        costs=costs,
        revenues=revenues,
        net=net,
        kind=kind,
        position=position,
    )
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def budget_row_update(*, row: BudgetRow, **fields) -> BudgetRow:
    row.budget.plan.refuse_changes("budget")
    for name, value in fields.items():
        if name not in {"name", "costs", "revenues", "net", "kind"}:
            raise TypeError(f"field {name} cannot be changed here")
        setattr(row, name, clean_text(value) if name == "name" else value)
    if row.is_sum and "kind" in fields and not {"costs", "revenues", "net"} & set(fields):
        # A line turned into a sum row drops its typed amounts: the sum is computed.
        row.costs = row.revenues = row.net = None
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def budget_row_delete(*, row: BudgetRow, confirmed: bool = False) -> None:
    """Delete the row; refused while a submitted or approved report follows it up, and its
    draft or monthly follow-ups go only when `confirmed`.

    BudgetFollowUp.row is PROTECT, so nothing cascades; the check gives the reason
    (styra.lib.dependents, answered by followup).
    """
    row.budget.plan.refuse_changes("budget")
    dependents_of(rows=[row]).clear(subject=ROW, confirmed=confirmed)
    row.delete()


@transaction.atomic
def budget_row_move(*, row: BudgetRow, offset: int) -> None:
    row.budget.plan.refuse_changes("budget")
    move(row, row.budget.rows.all(), offset)
