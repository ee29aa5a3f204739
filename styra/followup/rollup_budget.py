"""The roll-up's budget columns: each column's budget and follow-up summed in tkr by the database.

See `followup.rollup` for how the roll-up is put together.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Case, Count, DecimalField, F, FilteredRelation, Q, Sum, Value, When
from django.db.models.functions import Coalesce, Round

from styra.budget.models import BudgetRow, RowKind

from .models import ReportingPeriod
from .rollup_scope import Grouping
from .rollup_tables import (
    AMOUNT_PLACES,
    TKR_PER,
    BudgetFigure,
    _exact,
)


def budget_by_column(grouping: Grouping, period: ReportingPeriod) -> dict[int, BudgetFigure]:
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
