"""The committee roll-up: goals × units, indicators with totals, budget, who has not reported."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from styra.budget.models import RowKind
from styra.budget.services import budget_row_create, budget_set_unit
from styra.conftest import add_unit_goal
from styra.decisions.services import report_reopen, report_submit
from styra.followup.models import Fulfilment
from styra.followup.rollup import rollup_for
from styra.followup.rollup_tables import aggregate_outcomes, report_url
from styra.followup.services import (
    assessment_set,
    budget_follow_up_set,
    outcome_record,
    periods_ensure,
    report_open,
)
from styra.indicators.models import Aggregation, Indicator, Periodicity
from styra.indicators.services import indicator_create, target_set


def shared_indicator(goal, owner, name, aggregation, *, measure="%", periodicity="tertial"):
    indicator = indicator_create(
        goal=goal, owner=owner, name=name, measure=measure, periodicity=periodicity
    )
    Indicator.objects.filter(pk=indicator.pk).update(aggregation=aggregation)
    indicator.aggregation = aggregation
    return indicator


@pytest.fixture
def scene(org, chain, plan_a, plan_b):
    """Norra nämnden in T1 2026: Enhet A has submitted, Enhet B has a draft."""
    t1 = periods_ensure(year=chain.year)[0]
    goal_a = add_unit_goal(chain, org.unit_a, "Svar i tid")
    goal_b = add_unit_goal(chain, org.unit_b, "Få köer")
    report_a = report_open(org_unit=org.unit_a, period=t1)
    assessment_set(
        report=report_a, goal=goal_a, value=Fulfilment.FULFILLED, proposed=Fulfilment.FULFILLED
    )
    report_b = report_open(org_unit=org.unit_b, period=t1)
    assessment_set(
        report=report_b, goal=goal_b, value=Fulfilment.PARTLY, proposed=Fulfilment.PARTLY
    )

    board = chain.board
    counted = shared_indicator(board, org.north, "Antal besök", Aggregation.SUM, measure="st")
    mean = shared_indicator(board, org.north, "Andel nöjda", Aggregation.MEAN)
    weighted = shared_indicator(board, org.north, "Andel i tid", Aggregation.WEIGHTED)
    apart = shared_indicator(board, org.north, "Index", Aggregation.NONE, measure="index")
    yearly = shared_indicator(
        board, org.north, "Årsindikatorn", Aggregation.SUM, periodicity=Periodicity.YEAR
    )
    target_set(indicator=counted, org_unit=org.north, text="20 st")
    target_set(indicator=counted, org_unit=org.unit_a, text="12 st")
    target_set(indicator=counted, org_unit=org.unit_b, text="5 st")
    for indicator in (mean, weighted, apart, yearly):
        target_set(indicator=indicator, org_unit=org.unit_a, text="75")
        target_set(indicator=indicator, org_unit=org.unit_b, text="75")
    values = {
        (counted, org.unit_b): (Decimal(5), None),
        (mean, org.unit_a): (Decimal(80), None),
        (mean, org.unit_b): (Decimal(60), None),
        (weighted, org.unit_a): (Decimal(80), Decimal(100)),
        (weighted, org.unit_b): (Decimal(60), Decimal(300)),
        (apart, org.unit_a): (Decimal(3), None),
        (counted, org.unit_a): (Decimal(10), None),
    }
    for (indicator, unit), (value, base) in values.items():
        outcome_record(indicator=indicator, org_unit=unit, period="2026T1", value=value, base=base)

    row_a = budget_row_create(plan=plan_a, name="Verksamheten", net=Decimal(1000))
    budget_follow_up_set(
        row=row_a,
        period="2026T1",
        outcome=Decimal(350),
        forecast=Decimal(1100),
        comment="Fler placeringar",
    )
    costs_b = budget_row_create(plan=plan_b, name="Kostnader", costs=Decimal(500))
    revenues_b = budget_row_create(plan=plan_b, name="Intäkter", revenues=Decimal(100))
    budget_row_create(plan=plan_b, name="Summa", kind=RowKind.NET)
    budget_follow_up_set(
        row=costs_b, period="2026T1", outcome=Decimal("150.6"), forecast=Decimal(450)
    )
    budget_follow_up_set(row=revenues_b, period="2026T1", outcome=None, forecast=Decimal(120))
    # Submitted last: a submitted report takes no more outcomes or budget follow-ups, and
    # holds what it had at submission (followup.frozen).
    report_submit(report=report_a, by=None)
    return type(
        "Scene",
        (),
        dict(
            t1=t1,
            goal_a=goal_a,
            goal_b=goal_b,
            report_a=report_a,
            report_b=report_b,
            counted=counted,
            mean=mean,
            weighted=weighted,
            apart=apart,
            yearly=yearly,
        ),
    )


def url(org, code="2026T1"):
    return reverse("followup:rollup_committee", args=[org.north.pk, code])


def by_indicator(rollup):
    return {row.indicator.pk: row for row in rollup.indicator_rows}


# ---------------------------------------------------------------- content


def test_it_shows_board_goals_against_units_with_assessments(client, reader, org, scene):
    client.force_login(reader)
    response = client.get(url(org))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ingen ska vänta längre än nödvändigt" in html
    assert '<th scope="col">Enhet A</th>' in html and '<th scope="col">Enhet B</th>' in html
    # Symbol and words, worded as a forecast in T1; never colour alone.
    assert "✓</span> Bedöms uppfyllas" in html
    assert "◐</span> Bedöms delvis uppfyllas" in html
    assert "Svar i tid" in html and "Få köer" in html
    assert f'href="{report_url(scope_report_id := scene.report_a.pk)}"' in html
    assert f"/uppfoljning/rapporter/{scope_report_id}/" in html


def test_it_words_assessments_as_results_in_the_annual_report(org, chain, scene):
    vb = periods_ensure(year=chain.year)[2]
    report = report_open(org_unit=org.unit_a, period=vb)
    assessment_set(report=report, goal=scene.goal_a, value=Fulfilment.NOT_FULFILLED, proposed="")
    rollup = rollup_for(org.north, vb)
    [row] = rollup.goal_rows
    cell_a, cell_b = row.cells
    assert [str(item.mark) for item in cell_a.items] == ["✗ Inte uppfyllt"]
    assert [str(item.mark) for item in cell_b.items] == ["– Ej bedömt"]
    assert cell_b.report is None


def test_it_only_has_columns_for_units_with_a_plan(org, chain, scene):
    rollup = rollup_for(org.north, scene.t1)
    assert [c.node.name for c in rollup.columns] == ["Enhet A", "Enhet B"]


def test_it_shows_each_unit_outcome_with_its_target_and_status(org, scene):
    rows = by_indicator(rollup_for(org.north, scene.t1))
    a, b = rows[scene.counted.pk].cells
    assert (a.value, a.target, a.status.label) == (Decimal(10), "12 st", "Ej uppnått")
    assert (b.value, b.target, b.status.label) == (Decimal(5), "5 st", "Uppnått")
    assert a.url == report_url(scene.report_a.pk)


def test_it_leaves_out_indicators_not_due_in_the_period(org, scene):
    assert scene.yearly.pk not in by_indicator(rollup_for(org.north, scene.t1))


def test_it_totals_by_each_indicators_aggregation(org, scene):
    rows = by_indicator(rollup_for(org.north, scene.t1))
    counted = rows[scene.counted.pk].total
    assert (counted.value, counted.target, counted.status.label) == (
        Decimal(15),
        "20 st",
        "Ej uppnått",
    )
    assert rows[scene.mean.pk].total.value == Decimal(70)
    assert rows[scene.weighted.pk].total.value == Decimal(65)  # (80·100 + 60·300) / 400
    apart = rows[scene.apart.pk].total
    assert (apart.value, apart.note) == (None, "kan inte summeras")


def test_it_shows_totals_on_the_page(client, reader, org, scene):
    client.force_login(reader)
    html = client.get(url(org)).content.decode()
    assert "Nämnden totalt" in html
    # Every figure carries its unit: main showed "70,0" for a percentage.
    assert ">15\xa0st<" in html and ">70,0\xa0%<" in html and ">65,0\xa0%<" in html
    assert ">70,0<" not in html
    assert "kan inte summeras" in html


@pytest.mark.parametrize(
    ("aggregation", "outcomes", "expected"),
    [
        ("sum", [(Decimal(1), None), (Decimal("2.5"), None), (None, None)], (Decimal("3.5"), "")),
        ("mean", [(Decimal(1), None), (Decimal(2), None)], (Decimal("1.5"), "")),
        ("mean", [], (None, "inga utfall")),
        ("weighted", [(Decimal(50), Decimal(1)), (Decimal(100), Decimal(3))], (Decimal(87.5), "")),
        ("weighted", [(Decimal(50), None)], (None, "bas saknas")),
        (
            "weighted",
            [(Decimal(50), Decimal(2)), (Decimal(10), None), (Decimal(90), Decimal(0))],
            (Decimal(50), "2 utfall utan bas räknas inte"),
        ),
        ("none", [(Decimal(1), None)], (None, "kan inte summeras")),
    ],
)
def test_it_aggregates_outcomes(aggregation, outcomes, expected):
    assert aggregate_outcomes(aggregation, outcomes) == expected


def test_it_totals_the_budget_with_deficits_marked(org, scene):
    rollup = rollup_for(org.north, scene.t1)
    a, b = rollup.budget
    assert (a.budget, a.outcome, a.forecast, a.deviation, a.deficit) == (
        1000,
        350,
        1100,
        -100,
        True,
    )
    # Revenue rows count against costs; the total row is not counted twice.
    assert (b.budget, b.forecast, b.deviation, b.deficit) == (400, 330, 70, False)
    total = rollup.budget_total
    assert (total.budget, total.forecast, total.deviation, total.deficit) == (
        1400,
        1430,
        -30,
        True,
    )


def test_it_totals_the_outcome_to_date(org, scene):
    rollup = rollup_for(org.north, scene.t1)
    a, b = rollup.budget
    assert (a.outcome, a.rows_without_outcome) == (350, 0)
    # Enhet B has an outcome for its costs, none yet for its revenues.
    assert (b.outcome, b.rows_without_outcome) == (Decimal("150.60"), 1)
    total = rollup.budget_total
    assert (total.outcome, total.rows_without_outcome) == (Decimal("500.60"), 1)


def test_it_shows_the_outcome_to_date_on_the_page(client, reader, org, scene, plan_a):
    # Enhet A's report holds what it had when handed in: the new row counts once resubmitted.
    report_reopen(report=scene.report_a, by=None, reason="Ny budgetrad")
    budget_row_create(plan=plan_a, name="Ny rad", net=Decimal(10))
    report_submit(report=scene.report_a, by=None)
    client.force_login(reader)
    html = client.get(url(org)).content.decode()
    budget = html.split('id="budget"', 1)[1].split("</section>", 1)[0]
    assert '<th scope="col" class="num">Utfall hittills (tkr)</th>' in budget
    assert '<td class="num">350</td>' in budget and '<td class="num">501</td>' in budget
    assert "1 rad utan utfall" in budget and "2 rader utan utfall" in budget
    assert "<caption>Budget, utfall hittills, prognos för helåret och avvikelse, tkr." in budget


def test_it_converts_mnkr_to_tkr(org, scene, plan_b):
    budget_set_unit(plan=plan_b, currency_unit="mnkr")
    b = rollup_for(org.north, scene.t1).budget[1]
    assert (b.budget, b.outcome, b.forecast, b.deviation) == (400_000, 150_600, 330_000, 70_000)


def test_it_counts_rows_without_a_forecast(org, scene, plan_a):
    # Enhet A's report holds what it had when handed in: the new row counts once resubmitted.
    report_reopen(report=scene.report_a, by=None, reason="Ny budgetrad")
    budget_row_create(plan=plan_a, name="Ny rad", net=Decimal(10))
    report_submit(report=scene.report_a, by=None)
    a = rollup_for(org.north, scene.t1).budget[0]
    assert (a.budget, a.forecast, a.rows_without_forecast) == (1010, 1100, 1)


def test_it_lists_units_that_have_not_reported(org, scene):
    before = rollup_for(org.north, scene.t1, today=date(2026, 5, 14))
    assert [(p.node.name, p.status_label, p.late) for p in before.pending] == [
        ("Enhet B", "Utkast", False)
    ]
    after = rollup_for(org.north, scene.t1, today=date(2026, 5, 15))
    assert [(p.node.name, p.late) for p in after.pending] == [("Enhet B", True)]


def test_it_marks_late_units_on_the_page(client, reader, org, scene):
    client.force_login(reader)
    with time_machine.travel(date(2026, 6, 1)):
        html = client.get(url(org)).content.decode()
    assert "⚠</span> Försenad" in html
    assert "Har passerat" in html


# ---------------------------------------------------------------- access


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("reader", 200),
        ("approver", 200),
        ("controller", 200),
        ("committee_editor", 200),
        ("city_admin", 200),
        ("editor_a", 404),
        ("editor_b", 404),
        ("outsider", 404),
    ],
)
def test_it_needs_view_on_the_committee(client, request, org, scene, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url(org)).status_code == status
    excel = reverse(
        "followup:rollup_excel", kwargs={"committee_id": org.north.pk, "period": "2026T1"}
    )
    assert client.get(excel).status_code == status


def test_it_sends_anonymous_visitors_to_log_in(client, org, scene):
    response = client.get(url(org))
    assert response.status_code == 302
    assert "/konto/" in response["Location"]


def test_it_refuses_nodes_that_are_not_committees_and_unknown_periods(
    client, city_admin, org, scene
):
    client.force_login(city_admin)
    dept = reverse("followup:rollup_committee", args=[org.dept.pk, "2026T1"])
    assert client.get(dept).status_code == 404
    assert client.get(url(org, "2026T2x")).status_code == 404
    assert client.get(url(org, "2031T1")).status_code == 404


def test_it_shows_a_unit_only_to_those_who_may_see_it(org, scene):
    rollup = rollup_for(org.north, scene.t1, visible={org.north.pk, org.unit_b.pk})
    assert [c.node.name for c in rollup.columns] == ["Enhet B"]
    assert [f.node.name for f in rollup.budget] == ["Enhet B"]
