"""The city roll-up: KF's area goals × committees, committee totals, budget, late committees."""

from contextlib import contextmanager
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from styra.budget.services import budget_row_create
from styra.decisions.services import report_reopen, report_submit
from styra.followup.models import Fulfilment, Report, ReportStatus
from styra.followup.rollup import rollup_for
from styra.followup.rollup_tables import aggregate_outcomes, report_url
from styra.followup.services import (
    assessment_set,
    budget_follow_up_set,
    outcome_record,
    report_open,
)
from styra.goals.models import Level
from styra.goals.services import goal_create
from styra.indicators.models import Aggregation, Outcome
from styra.indicators.services import target_set
from styra.plans.services import plan_create

from . import test_rollup
from .test_rollup import shared_indicator

scene = test_rollup.scene  # the committee's scene, extended below


@contextmanager
def entered_before_submission(report):
    """Outcomes written as if before Enhet A handed in: a submitted report takes none."""
    status = report.status
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.DRAFT)
    yield
    Report.objects.filter(pk=report.pk).update(status=status)


@pytest.fixture
def city_scene(org, chain, scene):
    """Norra nämnden has assessed its board goal; Södra nämnden has a unit and no report.

    Enhet A's report is reopened for the KF indicator's outcome and handed in again, so
    the city counts it with what it froze.
    """
    report_reopen(report=scene.report_a, by=None, reason="KF:s indikator")
    committee_report = report_open(org_unit=org.north, period=scene.t1)
    assessment_set(
        report=committee_report,
        goal=chain.board,
        value=Fulfilment.NOT_FULFILLED,
        proposed=Fulfilment.NOT_FULFILLED,
    )
    south_goal = goal_create(
        year=chain.year, level=Level.BOARD, owner=org.south, parent=chain.area, title="Söders mål"
    )
    plan_s = plan_create(unit=org.unit_s, year=chain.year)
    kf = shared_indicator(chain.area, org.city, "KF:s andel", Aggregation.WEIGHTED)
    target_set(indicator=kf, org_unit=org.city, text="70 %")
    target_set(indicator=kf, org_unit=org.south, text="50 %")
    with entered_before_submission(scene.report_a):
        for unit, value, base in (
            (org.unit_a, 80, 100),
            (org.unit_b, 60, 100),
            (org.unit_s, 40, 200),
        ):
            target_set(indicator=kf, org_unit=unit, text="")
            outcome_record(
                indicator=kf,
                org_unit=unit,
                period="2026T1",
                value=Decimal(value),
                base=Decimal(base),
            )
    row = budget_row_create(plan=plan_s, name="Netto", net=Decimal(200))
    budget_follow_up_set(row=row, period="2026T1", outcome=None, forecast=Decimal(150))
    report_submit(report=scene.report_a, by=None)
    return type(
        "CityScene", (), dict(committee_report=committee_report, south_goal=south_goal, kf=kf)
    )


def url(code="2026T1"):
    return reverse("followup:rollup_city", args=[code])


def test_it_shows_area_goals_against_committees(client, city_admin, org, chain, scene, city_scene):
    client.force_login(city_admin)
    response = client.get(url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Invånarna får stöd i tid" in html
    assert "✗</span> Bedöms inte uppfyllas" in html
    assert "Ingen ska vänta längre än nödvändigt" in html
    assert "Söders mål" in html
    assert report_url(city_scene.committee_report.pk) in html


def test_it_has_one_column_per_committee(org, scene, city_scene):
    rollup = rollup_for(org.city, scene.t1)
    assert [c.node.name for c in rollup.columns] == ["Norra nämnden", "Södra nämnden"]
    [row] = rollup.goal_rows
    north, south = row.cells
    assert [str(i.mark) for i in north.items] == ["✗ Bedöms inte uppfyllas"]
    assert north.report == city_scene.committee_report
    assert [(i.goal.title, str(i.mark)) for i in south.items] == [("Söders mål", "– Ej bedömt")]


def test_it_totals_indicators_per_committee_and_for_the_city(org, scene, city_scene):
    rollup = rollup_for(org.city, scene.t1)
    rows = {r.indicator.pk: r for r in rollup.indicator_rows}
    north, south = rows[city_scene.kf.pk].cells
    assert north.value == Decimal(70)  # (80·100 + 60·100) / 200
    assert (south.value, south.target, south.status.label) == (Decimal(40), "50 %", "Ej uppnått")
    total = rows[city_scene.kf.pk].total
    # (8000 + 6000 + 8000) / 400
    assert (total.value, total.target, total.status.label) == (
        Decimal(55),
        "70 %",
        "Ej uppnått",
    )
    # The committee's own indicators roll up too.
    counted = rows[scene.counted.pk]
    assert [c.value for c in counted.cells] == [Decimal(15), None]
    assert [c.applies for c in counted.cells] == [True, False]


def test_it_totals_the_budget_per_committee(org, scene, city_scene):
    rollup = rollup_for(org.city, scene.t1)
    north, south = rollup.budget
    assert (north.budget, north.forecast, north.deviation) == (1400, 1430, -30)
    assert (south.budget, south.forecast, south.deviation, south.deficit) == (200, 150, 50, False)
    assert rollup.budget_total.deviation == 20
    # The outcome to date: Norra's units have reported part of theirs, Enhet S none.
    assert (north.outcome, north.rows_without_outcome) == (Decimal("500.60"), 1)
    assert (south.outcome, south.rows_without_outcome) == (None, 1)
    assert (rollup.budget_total.outcome, rollup.budget_total.rows_without_outcome) == (
        Decimal("500.60"),
        2,
    )


@pytest.mark.parametrize("aggregation", Aggregation.values)
def test_the_database_totals_as_summing_in_python_does(org, chain, scene, aggregation):
    """Totals summed by the database equal `aggregate_outcomes` over the same outcomes.

    Socialförvaltningen has a plan of its own, so Norra's column groups two parents;
    Enhet B is hidden from the caller and must count nowhere.
    """
    # Enhet A's handed-in report counts with what it froze: it is resubmitted with the outcome.
    report_reopen(report=scene.report_a, by=None, reason="Ny indikator")
    plan_create(unit=org.dept, year=chain.year)
    plan_create(unit=org.unit_s, year=chain.year)
    indicator = shared_indicator(chain.area, org.city, "Kvot", aggregation)
    outcomes = {
        org.unit_a: (Decimal("12.3456"), Decimal("2.5")),
        org.unit_b: (Decimal("99.9999"), Decimal(7)),
        org.dept: (Decimal("0.1"), None),
        org.unit_s: (Decimal("33.3333"), Decimal("0.0003")),
    }
    with entered_before_submission(scene.report_a):
        for unit, (value, base) in outcomes.items():
            outcome_record(
                indicator=indicator, org_unit=unit, period="2026T1", value=value, base=base
            )
    outcome_record(indicator=indicator, org_unit=org.south, period="2026T1", value=Decimal(1))
    report_submit(report=scene.report_a, by=None)
    visible = {org.city.pk, org.north.pk, org.south.pk, org.dept.pk, org.unit_a.pk, org.unit_s.pk}

    rollup = rollup_for(org.city, scene.t1, visible=visible)
    row = next(r for r in rollup.indicator_rows if r.indicator.pk == indicator.pk)
    # As read from the database, which is what the totals were summed from in Python.
    stored = {
        unit: (value, base)
        for unit, value, base in Outcome.objects.filter(indicator=indicator).values_list(
            "org_unit", "value", "base"
        )
    }
    north = [stored[org.unit_a.pk], stored[org.dept.pk]]
    south = [stored[org.unit_s.pk]]
    for figure, expected in zip(
        [*row.cells, row.total], [north, south, north + south], strict=True
    ):
        value, note = aggregate_outcomes(aggregation, expected)
        assert (str(figure.value), figure.note) == (str(value), note)
        assert figure.count == len(expected)
    # The hidden unit's budget counts nowhere either.
    north_budget = rollup.budget[0]
    assert (north_budget.budget, north_budget.outcome, north_budget.forecast) == (1000, 350, 1100)
    assert rollup.budget_total.budget == 1000


def test_it_lists_committees_with_reports_outstanding(org, scene, city_scene):
    rollup = rollup_for(org.city, scene.t1, today=date(2026, 5, 20))
    assert [
        (p.node.name, p.status_label, p.units_pending, p.units_total, p.late)
        for p in rollup.pending
    ] == [
        ("Norra nämnden", "Utkast", 1, 2, True),
        ("Södra nämnden", "Ingen rapport", 1, 1, True),
    ]


@pytest.mark.parametrize(
    ("persona", "status"),
    [("city_admin", 200), ("reader", 404), ("editor_a", 404), ("outsider", 404)],
)
def test_it_needs_view_on_the_city(client, request, scene, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url()).status_code == status
    excel = reverse("followup:rollup_excel", kwargs={"period": "2026T1"})
    assert client.get(excel).status_code == status


def test_it_sends_anonymous_visitors_to_log_in(client, scene):
    assert client.get(url()).status_code == 302
