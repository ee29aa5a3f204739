"""The migration that makes sum rows computed keeps every line and reads each sum row's kind."""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from styra.budget.models import BudgetRow, RowKind
from styra.budget.sums import table

D = Decimal
BEFORE = [("budget", "0001_initial")]


@pytest.mark.django_db(transaction=True)
def test_stored_total_rows_become_computed_sum_rows(plan_a):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Budget, Row = old.get_model("budget", "Budget"), old.get_model("budget", "BudgetRow")
    budget = Budget.objects.create(plan_id=plan_a.pk, currency_unit="tkr")
    for position, (name, costs, revenues, net, total) in enumerate(
        [
            ("Taxor och avgifter", None, D(1000), None, False),  # edited from 430 ...
            ("Summa intäkter", None, D(430), None, True),  # ... and the sum left typed
            ("Personal", D(500), None, None, False),
            ("Administration", D("7.4"), D("0.4"), D(9), False),  # a net that does not add up
            ("Summa kostnader", D(500), None, None, True),
            ("Nettobudget", None, None, D(70), True),
            ("Totalt", D(1), D(2), D(3), True),
        ],
        start=1,
    ):
        Row.objects.create(
            budget=budget,
            name=name,
            costs=costs,
            revenues=revenues,
            net=net,
            is_total=total,
            position=position,
        )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    rows = list(BudgetRow.objects.filter(budget__plan=plan_a).order_by("position"))
    assert [r.kind for r in rows] == [
        RowKind.LINE,
        RowKind.REVENUES,
        RowKind.LINE,
        RowKind.LINE,
        RowKind.COSTS,
        RowKind.NET,
        RowKind.TOTAL,
    ]
    assert all((r.costs, r.revenues, r.net) == (None, None, None) for r in rows if r.is_sum)
    assert rows[0].revenues == D(1000) and rows[3].net == D(7)
    shown = {r.name: r for r in table(rows)}
    assert shown["Summa intäkter"].revenues == D(1000)
    assert shown["Summa kostnader"].costs == D("507.4")
    assert shown["Nettobudget"].net == D("507.4") - D("1000.4")
    assert (shown["Totalt"].costs, shown["Totalt"].revenues) == (D("507.4"), D("1000.4"))
