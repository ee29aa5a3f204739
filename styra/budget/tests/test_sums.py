"""Sum rows are computed from their lines in every output, whatever the edits were."""

import json
from decimal import Decimal

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from styra.budget.models import BudgetRow, RowKind
from styra.budget.services import (
    budget_row_create,
    budget_row_delete,
    budget_row_move,
    budget_row_update,
)
from styra.followup.context import load_report
from styra.followup.interchange import unit_report_dict
from styra.followup.rollup import rollup_for
from styra.followup.services import budget_follow_up_set, periods_ensure, report_open
from styra.followup.tests.test_report_documents import docx_text
from styra.plans.interchange import plan_to_dict

D = Decimal

# The seeds' tkr table (001): revenue lines, Summa intäkter, cost lines, Summa kostnader, net.
SEED_TABLE = [
    ("Taxor och avgifter", None, D(430)),
    ("Hyresintäkter", None, D(0)),
    ("Övriga externa intäkter", None, D(1300)),
    ("Summa intäkter", RowKind.REVENUES, None),
    ("Personalkostnader", D(16073), None),
    ("Lokalkostnader", D(3103), None),
    ("Summa kostnader", RowKind.COSTS, None),
    ("Nettobudget", RowKind.NET, None),
]


def seed_table(plan) -> dict[str, BudgetRow]:
    rows = {}
    for name, a, b in SEED_TABLE:
        if isinstance(a, str):
            rows[name] = budget_row_create(plan=plan, name=name, kind=a)
        else:
            rows[name] = budget_row_create(plan=plan, name=name, costs=a, revenues=b)
    return rows


def by_name(items, key="name"):
    return {(item[key] if isinstance(item, dict) else getattr(item, key)): item for item in items}


def test_editing_a_line_from_430_to_1000_moves_every_sum(client, controller, org, plan_a):
    rows = seed_table(plan_a)
    client.force_login(controller)
    edit = reverse("plans:budget_row_edit", args=[plan_a.pk, rows["Taxor och avgifter"].pk])
    body = {"name": "Taxor och avgifter", "revenues": "1 000", "row_kind": "line"}
    assert client.post(edit, body).status_code < 400

    page = client.get(reverse("plans:detail", args=[plan_a.pk]))
    shown = by_name(page.context["ctx"].budget_rows)
    assert shown["Summa intäkter"].revenues == D(2300)
    assert shown["Summa kostnader"].costs == D(19176)
    assert shown["Nettobudget"].net == D(19176 - 2300)
    html = page.content.decode()
    assert "2\xa0300" in html and "16\xa0876" in html

    word = docx_text(client.get(reverse("documents:plan", args=[plan_a.pk, "docx"])).content)
    assert "2\xa0300" in word and "16\xa0876" in word
    exported = by_name(plan_to_dict(plan_a)["budget"]["rows"])
    assert exported["Summa intäkter"] == {"name": "Summa intäkter", "revenues": 2300, "total": True}
    assert exported["Nettobudget"]["net"] == 16876

    t1 = periods_ensure(year=plan_a.year)[0]
    report = report_open(org_unit=org.unit_a, period=t1)
    report_rows = by_name(unit_report_dict(load_report(report))["budget"]["rows"])
    assert report_rows["Summa intäkter"]["budget"] == 2300
    assert report_rows["Nettobudget"]["budget"] == 16876
    figure = next(f for f in rollup_for(org.north, t1).budget if f.node == org.unit_a)
    assert figure.budget == D(16876)


def test_a_sum_row_cannot_be_typed_into_through_the_form(client, controller, plan_a):
    rows = seed_table(plan_a)
    client.force_login(controller)
    edit = reverse("plans:budget_row_edit", args=[plan_a.pk, rows["Summa intäkter"].pk])
    body = {"name": "Summa intäkter", "revenues": "99", "row_kind": "revenues"}
    response = client.post(edit, body)
    assert response.status_code == 400
    assert "En summarad räknas fram ur raderna ovanför" in response.content.decode()
    # Left without a kind, the row stays a sum row and still takes no amounts.
    response = client.post(edit, {"name": "Summa intäkter", "revenues": "99"})
    assert response.status_code == 400
    assert "En summarad räknas fram ur raderna ovanför" in response.content.decode()
    rows["Summa intäkter"].refresh_from_db()
    assert rows["Summa intäkter"].revenues is None and rows["Summa intäkter"].is_sum
    # The report offers no entry on a sum row, and refuses one asked for by address.
    t1 = periods_ensure(year=plan_a.year)[0]
    report = report_open(org_unit=plan_a.unit, period=t1)
    page = client.get(reverse("followup:report", args=[report.pk])).content.decode()
    entry = reverse("followup:report_budget", args=[report.pk, rows["Summa intäkter"].pk])
    assert entry not in page
    assert reverse("followup:report_budget", args=[report.pk, rows["Hyresintäkter"].pk]) in page
    assert client.get(entry).status_code == 404
    assert client.post(entry, {"outcome": "1", "forecast": "2"}).status_code == 404
    assert not rows["Summa intäkter"].follow_ups.exists()
    # The monthly follow-up offers no inputs on a sum row and ignores what is posted for it.
    month = reverse("followup:budget_month", args=[plan_a.pk, "2026M03"])
    page = client.get(month).content.decode()
    assert f'name="row{rows["Summa intäkter"].pk}-forecast"' not in page
    assert f'name="row{rows["Taxor och avgifter"].pk}-forecast"' in page
    posted = {
        f"row{rows['Taxor och avgifter'].pk}-outcome": "100",
        f"row{rows['Taxor och avgifter'].pk}-forecast": "450",
        f"row{rows['Summa intäkter'].pk}-forecast": "99 999",
    }
    assert client.post(month, posted).status_code == 302
    assert not rows["Summa intäkter"].follow_ups.exists()
    assert "99\xa0999" not in client.get(month).content.decode()


def test_the_reports_totalt_equals_the_committee_roll_up(controller, org, plan_a, plan_b):
    # Mixed lines (costs and revenues, net left to Styra): main's roll-up counted their costs.
    for plan, lines in (
        (plan_a, [("Administration", D("7.4"), D("0.4")), ("Extern vård", D(7), D("0.1"))]),
        (plan_b, [("Personal", D(500), None), ("Avgifter", None, D(100))]),
    ):
        made = [budget_row_create(plan=plan, name=n, costs=c, revenues=r) for n, c, r in lines]
        budget_row_create(plan=plan, name="Totalt", kind=RowKind.TOTAL)
        for row, forecast in zip(made, (D(8), D(110)), strict=True):
            budget_follow_up_set(
                row=row, period="2026T1", outcome=None, forecast=forecast, comment="Åtgärder"
            )
    t1 = periods_ensure(year=plan_a.year)[0]
    rollup = rollup_for(org.north, t1)
    columns = {f.node: f for f in rollup.budget}
    totals = []
    for plan in (plan_a, plan_b):
        report = report_open(org_unit=plan.unit, period=t1)
        line = next(b for b in load_report(report).budget if b.row.is_sum)
        figure = columns[plan.unit]
        assert (line.budget, line.forecast, line.deviation) == (
            figure.budget,
            figure.forecast,
            figure.deviation,
        ), plan.unit.name
        totals.append(line.budget)
    assert totals == [D("13.9"), D(400)]
    assert rollup.budget_total.budget == D("413.9")


# ---------------------------------------------------------------- property

amounts = st.one_of(
    st.none(), st.integers(-500, 20000).map(D), st.integers(0, 9999).map(lambda n: D(n) / 10)
)
figures = st.tuples(amounts, amounts, amounts)
operations = st.lists(
    st.one_of(
        st.tuples(st.just("line"), figures),
        st.tuples(st.just("sum"), st.sampled_from(RowKind.values[1:])),
        st.tuples(st.just("edit"), st.integers(0, 30), figures),
        st.tuples(st.just("to_sum"), st.integers(0, 30), st.sampled_from(RowKind.values[1:])),
        st.tuples(st.just("delete"), st.integers(0, 30)),
        st.tuples(st.just("move"), st.integers(0, 30), st.sampled_from([-1, 1])),
    ),
    min_size=1,
    max_size=14,
)


def _line_figures(costs, revenues, net):
    """A line as a user may type it: a net beside costs or revenues is left to Styra."""
    return {
        "costs": costs,
        "revenues": revenues,
        "net": net if costs is None and revenues is None else None,
    }


def _apply(plan, ops, forecasts):
    for op in ops:
        rows = list(BudgetRow.objects.filter(budget__plan=plan).order_by("position", "pk"))
        kind, *args = op
        if kind == "line":
            budget_row_create(plan=plan, name=f"Rad {len(rows)}", **_line_figures(*args[0]))
        elif kind == "sum":
            budget_row_create(plan=plan, name=f"Summa {len(rows)}", kind=args[0])
        elif not rows:
            continue
        else:
            row = rows[args[0] % len(rows)]
            if kind == "edit":
                budget_row_update(row=row, kind=RowKind.LINE, **_line_figures(*args[1]))
            elif kind == "to_sum":
                budget_row_update(row=row, kind=args[1])
            elif kind == "delete":
                budget_row_delete(row=row)
            else:
                budget_row_move(row=row, offset=args[1])
    for row, forecast in zip(
        BudgetRow.objects.filter(budget__plan=plan, kind=RowKind.LINE), forecasts, strict=False
    ):
        if forecast is not None:
            budget_follow_up_set(
                row=row, period="2026T1", outcome=None, forecast=forecast, comment="Åtgärder"
            )


def _total(values):
    values = [v for v in values if v is not None]
    return sum(values, D(0)) if values else None


def expected(rows, forecasts: dict[int, D]):
    """Each sum row's figures, worked out plainly from the stored lines above it."""
    result, above = {}, []
    for row in rows:
        if row.kind == RowKind.LINE:
            above.append(row)
            continue
        nets = [
            (r.costs or 0) - (r.revenues or 0) if (r.costs, r.revenues) != (None, None) else r.net
            for r in above
        ]

        def revenue(r):
            return r.costs is None and r.net is None and r.revenues is not None

        def amount(r, net):
            return r.revenues if revenue(r) else net

        if row.kind == RowKind.REVENUES:
            counted = [(r, r.revenues) for r in above if revenue(r)]
            sign = {}
        elif row.kind == RowKind.COSTS:
            counted = [(r, r.costs) for r in above if r.costs is not None and r.revenues is None]
            sign = {}
        else:
            counted = [(r, amount(r, n)) for r, n in zip(above, nets, strict=True)]
            counted = [(r, a) for r, a in counted if a is not None]
            sign = {r.pk: -1 for r in above if revenue(r)}
        columns = {
            "costs": _total(r.costs for r in above),
            "revenues": _total(r.revenues for r in above),
            "net": _total(nets),
        }
        shown = {
            RowKind.REVENUES: ["revenues"],
            RowKind.COSTS: ["costs"],
            RowKind.NET: ["net"],
        }.get(row.kind, ["costs", "revenues", "net"])
        result[row.pk] = {
            "costs": columns["costs"] if "costs" in shown else None,
            "revenues": columns["revenues"] if "revenues" in shown else None,
            "net": columns["net"] if "net" in shown else None,
            "budget": _total(sign.get(r.pk, 1) * a for r, a in counted if a is not None),
            "forecast": _total(
                sign.get(r.pk, 1) * forecasts[r.pk] for r, _a in counted if r.pk in forecasts
            ),
        }
    net_of_lines = _total(
        (r.costs or 0) - (r.revenues or 0) if (r.costs, r.revenues) != (None, None) else r.net
        for r in rows
        if r.kind == RowKind.LINE
    )
    return result, net_of_lines


def _number(value):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


@pytest.mark.django_db
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=operations, forecasts=st.lists(amounts, max_size=10))
def test_every_sum_row_is_the_sum_of_its_lines_after_any_edits(
    controller, org, plan_a, ops, forecasts
):
    with transaction.atomic():
        t1 = periods_ensure(year=plan_a.year)[0]
        _apply(plan_a, ops, forecasts)
        rows = list(BudgetRow.objects.filter(budget__plan=plan_a).order_by("position", "pk"))
        saved = {
            f.row_id: f.forecast
            for r in rows
            for f in r.follow_ups.filter(period="2026T1")
            if f.forecast is not None
        }
        sums, net_of_lines = expected(rows, saved)

        client = Client()
        client.force_login(controller)
        page = client.get(reverse("plans:detail", args=[plan_a.pk]))
        for shown in page.context["ctx"].budget_rows:
            if shown.is_sum:
                want = sums[shown.pk]
                assert (shown.costs, shown.revenues, shown.net) == (
                    want["costs"],
                    want["revenues"],
                    want["net"],
                )

        exported = plan_to_dict(plan_a)["budget"]
        for row, item in zip(rows, exported["rows"] if exported else [], strict=True):
            if row.is_sum:
                for column in ("costs", "revenues", "net"):
                    assert item.get(column) == _number(sums[row.pk][column]), (column, item)

        report = report_open(org_unit=org.unit_a, period=t1)
        ctx = load_report(report)
        report_rows = unit_report_dict(ctx)["budget"]
        for line, item in zip(ctx.budget, report_rows["rows"] if report_rows else [], strict=True):
            if line.row.is_sum:
                want = sums[line.row.pk]
                assert (line.budget, line.forecast) == (want["budget"], want["forecast"])
                assert item["budget"] == _number(want["budget"])

        figure = next(f for f in rollup_for(org.north, t1).budget if f.node == org.unit_a)
        assert figure.budget == (net_of_lines if figure.rows else None)
        for line in ctx.budget:
            if line.row.kind in (RowKind.NET, RowKind.TOTAL) and len(line_rows(rows)) == len(
                lines_above(rows, line.row)
            ):
                # A Nettobudget or Totalt under every line is what the roll-up shows for the unit.
                assert line.budget == figure.budget
                assert line.forecast == figure.forecast
        transaction.set_rollback(True)


def line_rows(rows):
    return [r for r in rows if r.kind == RowKind.LINE]


def lines_above(rows, sum_row):
    index = [r.pk for r in rows].index(sum_row.pk)
    return [r for r in rows[:index] if r.kind == RowKind.LINE]


# ---------------------------------------------------------------- import

WRONG_SUMS = [
    {"name": "Taxor och avgifter", "revenues": 1000},
    {"name": "Övriga externa intäkter", "revenues": 1300},
    {"name": "Summa intäkter", "revenues": 1730, "total": True},
    {"name": "Administration", "costs": 7.4, "revenues": 0.4, "net": 7.5},
    {"name": "Personalkostnader", "costs": 16073},
    {"name": "Summa kostnader", "costs": 16073, "total": True},
    {"name": "Summa netto", "net": 27700, "total": True},
]


def test_an_import_with_wrong_sums_keeps_the_lines_computes_the_sums_and_warns(
    client, editor_a, org, chain
):
    from styra.importer.tests.test_views_import import PLAN, confirm, upload

    client.force_login(editor_a)
    plan = {**PLAN, "budget": {"currency_unit": "tkr", "rows": WRONG_SUMS}}
    preview = upload(client, json.dumps(plan).encode())
    html = preview.content.decode()
    assert preview.status_code == 200
    for warning in (
        "Summaraden ”Summa intäkter”: dokumentet anger intäkter 1\xa0730, men raderna ovanför "
        "summerar till 2\xa0300.",
        "Budgetraden ”Administration”: dokumentet anger netto 7,5, men kostnader minus "
        "intäkter är 7.",
        "Summaraden ”Summa kostnader”: dokumentet anger kostnader 16\xa0073, men raderna "
        "ovanför summerar till 16\xa0080,4.",
        "Summaraden ”Summa netto”: dokumentet anger netto 27\xa0700, men raderna ovanför "
        "summerar till 13\xa0780.",
    ):
        assert warning in html, warning
    assert confirm(client, preview, unit=org.unit_a.pk, year=2026).status_code == 302

    stored = by_name(BudgetRow.objects.all())
    assert stored["Taxor och avgifter"].revenues == D(1000)
    assert (stored["Administration"].costs, stored["Administration"].net) == (D("7.4"), D(7))
    assert [stored[n].kind for n in ("Summa intäkter", "Summa kostnader", "Summa netto")] == [
        RowKind.REVENUES,
        RowKind.COSTS,
        RowKind.NET,
    ]
    assert all(r.costs is r.revenues is r.net is None for r in stored.values() if r.is_sum)
    exported = by_name(plan_to_dict(stored["Summa netto"].budget.plan)["budget"]["rows"])
    assert exported["Summa intäkter"]["revenues"] == 2300
    assert exported["Summa netto"]["net"] == 13780


def test_the_command_line_import_warns_with_both_figures(org, chain):
    from styra.importer.services import plan_import
    from styra.importer.tests.test_views_import import PLAN

    report = plan_import(
        data={**PLAN, "budget": {"currency_unit": "tkr", "rows": WRONG_SUMS}}, unit=org.unit_a
    )
    assert any("anger intäkter 1\xa0730" in w and "2\xa0300" in w for w in report.warnings)
    rows = table_of(report.plan)
    assert rows["Summa intäkter"].revenues == D(2300)


def table_of(plan):
    from styra.plans.context import load_plan

    return by_name(load_plan(plan).budget_rows)
