"""The follow-up services: proposals, parsing, periods, assessments, budget and the workflow."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from styra.decisions.services import report_approve, report_reopen, report_submit
from styra.indicators.models import Outcome

from ..models import ActivityStatus, Fulfilment, ReportEvent, ReportStatus
from ..services import (
    DEFICIT_NEEDS_COMMENT,
    activity_status_set,
    assessment_set,
    budget_follow_up_set,
    outcome_record,
    parse_outcome,
    period_update,
    periods_ensure,
    propose_assessment,
    report_section_update,
    year_set_tolerance,
)
from .test_context import build_report

FULFILLED, PARTLY, NOT = Fulfilment.FULFILLED, Fulfilment.PARTLY, Fulfilment.NOT_FULFILLED


@pytest.fixture
def setup(org, chain, plan_a):
    return build_report(org, chain, plan_a)


# ---------------------------------------------------------------- proposals


@pytest.mark.parametrize(
    ("indicators", "activities", "forecast", "proposed"),
    [
        (["reached"], [], False, FULFILLED),
        (["reached", "reached", "reached", "reached", "not_reached"], [], False, FULFILLED),
        (["reached", "not_reached"], [], False, PARTLY),  # mean 0.5
        (["partly", "not_reached"], [], False, NOT),  # mean 0.25
        (["partly"], [], False, PARTLY),
        (["not_reached"], [], False, NOT),
        ([], ["finished"], False, FULFILLED),
        ([], ["started"], False, PARTLY),
        ([], ["started"], True, FULFILLED),  # on track in a forecast
        ([], ["not_started"], True, NOT),
        ([], ["cancelled"], False, ""),  # cancelled activities do not count
        (["unknown"], [], False, ""),  # nor indicators that cannot be judged
        ([], [], True, ""),
        (["reached", "partly"], ["not_started"], False, PARTLY),  # mean 0.5
        (["reached", "reached", "reached", "partly"], [], False, FULFILLED),  # 0.875
        (["reached", "not_reached", "not_reached", "partly", "partly"], [], False, PARTLY),  # 0.4
    ],
)
def test_it_proposes_an_assessment(indicators, activities, forecast, proposed):
    assert propose_assessment(indicators, activities, forecast=forecast) == proposed


def test_it_proposes_exactly_at_the_thresholds():
    # 4 of 5 reached is 0.8: fulfilled; 2 of 5 is 0.4: partly.
    assert propose_assessment(["reached"] * 4 + ["not_reached"], [], forecast=False) == FULFILLED
    assert propose_assessment(["reached"] * 2 + ["not_reached"] * 3, [], forecast=False) == PARTLY
    assert propose_assessment(["reached"] + ["not_reached"] * 2, [], forecast=False) == NOT


# ---------------------------------------------------------------- outcomes


@pytest.mark.parametrize(
    ("typed", "parsed"),
    [
        ("1 234,5", (D("1234.5"), "")),
        ("1\u00a0234,5", (D("1234.5"), "")),
        ("65 %", (D("65"), "")),
        ("65%", (D("65"), "")),
        ("12 st", (D("12"), "")),
        ("−3,5", (D("-3.5"), "")),
        ("1234.5", (D("1234.5"), "")),
        ("ej mätbart", (None, "ej mätbart")),
        ("Stabilt", (None, "Stabilt")),  # "st" inside a word is not a measure
        ("%", (None, "%")),
        ("", (None, "")),
    ],
)
def test_it_parses_an_outcome_as_typed(typed, parsed):
    assert parse_outcome(typed) == parsed


def test_it_refuses_an_absurd_outcome():
    with pytest.raises(ValidationError):
        parse_outcome("1 000 000 000 000")


def test_it_records_an_outcome_and_keeps_text_as_written(setup, org, editor_a):
    outcome = outcome_record(
        indicator=setup.visits, org_unit=org.unit_a, period="2026T1", value="1 234,5", by=editor_a
    )
    assert outcome.value == D("1234.5") and outcome.updated_by == editor_a
    outcome = outcome_record(
        indicator=setup.visits, org_unit=org.unit_a, period="2026T1", value="ej mätbart"
    )
    assert (outcome.value, outcome.text) == (None, "ej mätbart")
    assert Outcome.objects.count() == 1


# ---------------------------------------------------------------- periods and tolerance


def test_it_creates_the_default_periods_once(chain):
    periods = periods_ensure(year=chain.year)
    assert [(p.code, p.cutoff, p.deadline) for p in periods] == [
        ("2026T1", date(2026, 4, 30), date(2026, 5, 14)),
        ("2026T2", date(2026, 8, 31), date(2026, 9, 14)),
        ("2026VB", date(2026, 12, 31), date(2027, 1, 14)),
    ]
    assert [p.pk for p in periods_ensure(year=chain.year)] == [p.pk for p in periods]


def test_it_refuses_a_deadline_before_the_cutoff(chain):
    period = periods_ensure(year=chain.year)[0]
    with pytest.raises(ValidationError) as exc:
        period_update(period=period, cutoff=date(2026, 4, 30), deadline=date(2026, 4, 1))
    assert "deadline" in exc.value.message_dict
    period_update(period=period, cutoff=date(2026, 4, 30), deadline=date(2026, 5, 20))
    period.refresh_from_db()
    assert period.deadline == date(2026, 5, 20)


def test_it_sets_the_years_tolerance_within_bounds(chain):
    year_set_tolerance(year=chain.year, tolerance=D("5"))
    chain.year.refresh_from_db()
    assert chain.year.status_tolerance == D("5")
    for bad in (D("-1"), D("101")):
        with pytest.raises(ValidationError) as exc:
            year_set_tolerance(year=chain.year, tolerance=bad)
        assert "status_tolerance" in exc.value.message_dict


# ---------------------------------------------------------------- assessments, budget


def test_it_requires_a_reason_to_differ_from_the_proposal(setup):
    report = setup.report
    with pytest.raises(ValidationError) as exc:
        assessment_set(report=report, goal=setup.goal, value=PARTLY, proposed=FULFILLED)
    assert exc.value.message_dict["reason"] == [
        "Ange varför bedömningen skiljer sig från förslaget."
    ]
    kept = assessment_set(
        report=report,
        goal=setup.goal,
        value=PARTLY,
        proposed=FULFILLED,
        reason="Rekryteringen drog ut på tiden.",
    )
    assert kept.reason == "Rekryteringen drog ut på tiden."
    same = assessment_set(report=report, goal=setup.bare_goal, value=FULFILLED, proposed="")
    assert same.value == FULFILLED  # no proposal, no reason needed


def test_it_requires_a_comment_on_a_deficit(setup):
    with pytest.raises(ValidationError) as exc:
        budget_follow_up_set(row=setup.staff, period="2026T1", outcome=None, forecast=D("1001"))
    assert exc.value.message_dict["comment"] == [DEFICIT_NEEDS_COMMENT]
    # A revenue row below budget is a deficit too; above budget it is not.
    with pytest.raises(ValidationError):
        budget_follow_up_set(row=setup.fees, period="2026T1", outcome=None, forecast=D("150"))
    budget_follow_up_set(row=setup.fees, period="2026T1", outcome=None, forecast=D("250"))
    budget_follow_up_set(row=setup.staff, period="2026T1", outcome=None, forecast=D("1000"))


# ---------------------------------------------------------------- workflow


def _assess_all(setup):
    for goal in (setup.goal, setup.bare_goal):
        assessment_set(report=setup.report, goal=goal, value=FULFILLED, proposed="")


def test_it_refuses_to_submit_with_goals_missing_an_assessment(setup, editor_a):
    assessment_set(report=setup.report, goal=setup.goal, value=FULFILLED, proposed="")
    with pytest.raises(ValidationError) as exc:
        report_submit(report=setup.report, by=editor_a)
    assert "1 mål saknar bedömning: Personalen trivs" in exc.value.messages[0]
    assert setup.report.status == ReportStatus.DRAFT


def test_it_moves_a_report_through_the_workflow_and_records_it(setup, editor_a, approver):
    report = setup.report
    _assess_all(setup)
    report_submit(report=report, by=editor_a)
    assert report.status == ReportStatus.SUBMITTED and report.submitted_by == editor_a
    with pytest.raises(ValidationError):
        report_section_update(section=report.sections.first(), text="Sent ändrat.")
    with pytest.raises(ValidationError):
        report_submit(report=report, by=editor_a)
    report_approve(report=report, by=approver)
    assert report.is_locked and report.approved_by == approver
    with pytest.raises(ValidationError):
        report_approve(report=report, by=approver)
    with pytest.raises(ValidationError) as exc:
        report_reopen(report=report, by=approver, reason="  ")
    assert "reason" in exc.value.message_dict
    report_reopen(report=report, by=approver, reason="Fel siffror i budgeten.")
    assert report.status == ReportStatus.DRAFT and report.approved_by is None
    events = list(report.events.values_list("kind", "reason"))
    assert events == [
        (ReportEvent.Kind.SUBMIT, ""),
        (ReportEvent.Kind.APPROVE, ""),
        (ReportEvent.Kind.REOPEN, "Fel siffror i budgeten."),
    ]
    with pytest.raises(ValidationError):
        report_reopen(report=report, by=approver, reason="Igen.")


def test_it_refuses_every_write_to_an_approved_report(setup, org, editor_a, approver):
    report = setup.report
    _assess_all(setup)
    report_submit(report=report, by=editor_a)
    report_approve(report=report, by=approver)
    writes = [
        lambda: outcome_record(
            indicator=setup.visits, org_unit=org.unit_a, period="2026T1", value="90"
        ),
        lambda: assessment_set(report=report, goal=setup.goal, value=NOT, proposed=NOT),
        lambda: activity_status_set(
            report=report, activity=setup.activity, status=ActivityStatus.FINISHED
        ),
        lambda: budget_follow_up_set(
            row=setup.staff, period="2026T1", outcome=None, forecast=D("900")
        ),
        lambda: report_section_update(section=report.sections.first(), text="x"),
    ]
    for write in writes:
        with pytest.raises(ValidationError):
            write()
    # Monthly budget follow-up goes on; only the tertial's figures are locked.
    budget_follow_up_set(row=setup.staff, period="2026M05", outcome=None, forecast=D("900"))
