"""Writes to a plan's budget table."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from styra.budget.models import Budget, BudgetRow, CurrencyUnit, RowKind
from styra.budget.services import (
    budget_row_create,
    budget_row_delete,
    budget_row_move,
    budget_row_update,
    budget_set_unit,
)
from styra.decisions.services import plan_adopt, plan_submit

LOCKED = "Planen är fastställd och budgeten kan inte ändras."


def _names(plan) -> list[str]:
    return list(
        BudgetRow.objects.filter(budget__plan=plan)
        .order_by("position")
        .values_list("name", flat=True)
    )


def test_it_creates_the_budget_with_its_first_row(plan_a):
    row = budget_row_create(plan=plan_a, name=" Personalkostnader ", costs=Decimal("1300"))
    assert row.name == "Personalkostnader" and row.position == 1
    assert Budget.objects.get(plan=plan_a).currency_unit == CurrencyUnit.TKR


def test_it_sets_the_currency_unit(plan_a):
    budget_set_unit(plan=plan_a, currency_unit=CurrencyUnit.MNKR)
    budget_row_create(plan=plan_a, name="Hemtjänst", costs=Decimal("96.4"))
    assert Budget.objects.get(plan=plan_a).currency_unit == "mnkr"
    with pytest.raises(ValidationError):
        budget_set_unit(plan=plan_a, currency_unit="kr")


def test_a_sum_row_stores_no_amounts_and_refuses_typed_ones(plan_a):
    budget_row_create(plan=plan_a, name="Administration", costs=Decimal("5.3"))
    with pytest.raises(ValidationError, match="En summarad räknas fram"):
        budget_row_create(plan=plan_a, name="Totalt", costs=Decimal("5.3"), kind=RowKind.TOTAL)
    total = budget_row_create(plan=plan_a, name="Totalt", kind=RowKind.TOTAL)
    total.refresh_from_db()
    assert (total.costs, total.revenues, total.net, total.kind) == (None, None, None, "total")
    with pytest.raises(ValidationError, match="En summarad räknas fram"):
        budget_row_update(row=total, net=Decimal(1))


def test_a_line_that_becomes_a_sum_row_drops_its_typed_amounts(plan_a):
    row = budget_row_create(plan=plan_a, name="Summa", costs=Decimal(7))
    budget_row_update(row=row, kind=RowKind.COSTS)
    row.refresh_from_db()
    assert (row.kind, row.costs) == ("costs", None)


def test_a_lines_typed_net_must_be_costs_minus_revenues(plan_a):
    with pytest.raises(ValidationError, match="Netto är kostnader minus intäkter, 7,4"):
        budget_row_create(
            plan=plan_a, name="Adm", costs=Decimal("7.8"), revenues=Decimal("0.4"), net=Decimal(7)
        )
    row = budget_row_create(
        plan=plan_a, name="Adm", costs=Decimal("7.8"), revenues=Decimal("0.4"), net=Decimal("7.4")
    )
    assert row.net == Decimal("7.4")


def test_it_refuses_a_row_without_a_name(plan_a):
    with pytest.raises(ValidationError, match="Raden måste ha ett namn"):
        budget_row_create(plan=plan_a, name="  ")
    assert not BudgetRow.objects.exists()


def test_it_refuses_an_amount_too_large_for_the_column(plan_a):
    with pytest.raises(ValidationError):
        budget_row_create(plan=plan_a, name="Stort", costs=Decimal("1e13"))


def test_it_updates_a_row(plan_a):
    row = budget_row_create(plan=plan_a, name="Lokaler", costs=Decimal("10"))
    budget_row_update(row=row, name=" Lokalkostnader ", costs=None, net=Decimal("-4"))
    row.refresh_from_db()
    assert (row.name, row.costs, row.net) == ("Lokalkostnader", None, Decimal("-4"))
    with pytest.raises(TypeError):
        budget_row_update(row=row, position=7)


def test_it_moves_and_deletes_rows(plan_a):
    first, second, third = (
        budget_row_create(plan=plan_a, name=name) for name in ("Ett", "Två", "Tre")
    )
    budget_row_move(row=third, offset=-1)
    assert _names(plan_a) == ["Ett", "Tre", "Två"]
    budget_row_move(row=first, offset=-1)
    assert _names(plan_a) == ["Ett", "Tre", "Två"]
    budget_row_delete(row=second)
    assert _names(plan_a) == ["Ett", "Tre"]


def test_it_keeps_each_plans_rows_apart(plan_a, plan_b):
    budget_row_create(plan=plan_a, name="A")
    row_b = budget_row_create(plan=plan_b, name="B")
    assert row_b.position == 1
    assert _names(plan_a) == ["A"]


def test_it_refuses_budget_changes_while_the_plan_is_adopted(plan_a):
    row = budget_row_create(plan=plan_a, name="Personal", costs=Decimal("1"))
    plan_submit(plan=plan_a, by=None)
    plan_adopt(plan=plan_a, by=None)
    for call in (
        lambda: budget_set_unit(plan=plan_a, currency_unit="mnkr"),
        lambda: budget_row_create(plan=plan_a, name="Ny"),
        lambda: budget_row_update(row=row, costs=Decimal("2")),
        lambda: budget_row_delete(row=row),
        lambda: budget_row_move(row=row, offset=1),
    ):
        with pytest.raises(ValidationError, match=LOCKED):
            call()
    row.refresh_from_db()
    assert row.costs == Decimal("1")
