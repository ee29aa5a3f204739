"""Quality guarantees: the model's rules (shares, kept ≤ cases, the target's 0–100), the
services and their locks by the plan's state and by the period's report."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from styra.followup.models import Report, ReportStatus
from styra.followup.services import report_open
from styra.internal_control import guarantee_services
from styra.internal_control.models import (
    GuaranteeOutcome,
    GuaranteeStatus,
    QualityGuarantee,
)
from styra.plans.models import Plan, PlanStatus

pytestmark = pytest.mark.django_db


def _plan_status(plan, status):
    Plan.objects.filter(pk=plan.pk).update(status=status)


def _report_status(org_unit, period, status):
    report = report_open(org_unit=org_unit, period=period)
    Report.objects.filter(pk=report.pk).update(status=status)


def _record(guarantee, period, cases=10, kept=9, comment=""):
    return guarantee_services.guarantee_outcome_record(
        guarantee=guarantee, period=period, cases=cases, kept=kept, comment=comment
    )


# --- the model's rules -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cases", "kept", "share", "status"),
    [
        (10, 9, "90.0", GuaranteeStatus.MET),
        (10, 8, "80.0", GuaranteeStatus.NOT_MET),
        (3, 2, "66.7", GuaranteeStatus.NOT_MET),
        (3, 3, "100.0", GuaranteeStatus.MET),
        (0, 0, None, GuaranteeStatus.NO_CASES),
    ],
)
def test_the_share_and_status_follow_from_cases_and_kept(
    guarantee, periods, cases, kept, share, status
):
    outcome = _record(guarantee, periods["T1"], cases, kept)
    assert (str(outcome.share) if outcome.share is not None else None, outcome.status) == (
        share,
        status,
    )


def test_the_status_is_judged_on_the_exact_share_not_the_rounded_one(org, chain, plan_a, periods):
    strict = guarantee_services.guarantee_create(
        unit=org.unit_a, year=chain.year, promise="Svar", term="inom en dag"
    )
    outcome = _record(strict, periods["T1"], cases=2001, kept=2000)
    assert str(outcome.share) == "100.0"  # as shown
    assert outcome.status == GuaranteeStatus.NOT_MET  # one case was not kept


def test_kept_cannot_exceed_cases(guarantee, periods):
    with pytest.raises(ValidationError) as refused:
        _record(guarantee, periods["T1"], cases=3, kept=4)
    assert "kept" in refused.value.message_dict
    assert not GuaranteeOutcome.objects.exists()


def test_the_database_refuses_kept_above_cases_too(guarantee, periods):
    with pytest.raises(IntegrityError), transaction.atomic():
        GuaranteeOutcome.objects.create(guarantee=guarantee, period=periods["T1"], cases=1, kept=2)


@pytest.mark.parametrize(("cases", "kept"), [(-1, 0), (5, -1)])
def test_counts_are_never_negative(guarantee, periods, cases, kept):
    with pytest.raises(ValidationError):
        _record(guarantee, periods["T1"], cases, kept)


@pytest.mark.parametrize("target", [-1, 101])
def test_the_target_is_a_share_from_0_to_100(org, chain, plan_a, target):
    with pytest.raises(ValidationError) as refused:
        guarantee_services.guarantee_create(
            unit=org.unit_a,
            year=chain.year,
            promise="Svar",
            term="inom en dag",
            target_percent=target,
        )
    assert "target_percent" in refused.value.message_dict
    assert not QualityGuarantee.objects.exists()


@pytest.mark.parametrize("target", [0, 100])
def test_the_ends_of_the_target_are_allowed(org, chain, plan_a, target):
    made = guarantee_services.guarantee_create(
        unit=org.unit_a, year=chain.year, promise="Svar", term="inom en dag", target_percent=target
    )
    assert made.target_percent == target


def test_a_guarantee_needs_its_promise_and_its_term(org, chain, plan_a):
    with pytest.raises(ValidationError) as refused:
        guarantee_services.guarantee_create(unit=org.unit_a, year=chain.year, promise=" ", term="")
    assert {"promise", "term"} <= set(refused.value.message_dict)


def test_the_target_defaults_to_every_case(org, chain, plan_a):
    made = guarantee_services.guarantee_create(
        unit=org.unit_a, year=chain.year, promise="Svar", term="inom en dag"
    )
    assert made.target_percent == 100


# --- the plan they are part of -----------------------------------------------------------------


def test_a_guarantee_needs_the_units_plan_of_the_year(org, chain):
    with pytest.raises(ValidationError, match="ingen verksamhetsplan"):
        guarantee_services.guarantee_create(
            unit=org.unit_a, year=chain.year, promise="Svar", term="snart"
        )


def test_a_committee_gives_no_guarantees(org, chain):
    from styra.plans.services import plan_create

    plan_create(unit=org.north, year=chain.year)
    with pytest.raises(ValidationError) as refused:
        guarantee_services.guarantee_create(
            unit=org.north, year=chain.year, promise="Svar", term="snart"
        )
    assert "unit" in refused.value.message_dict


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (
            PlanStatus.SUBMITTED,
            "Planen är inlämnad och kan inte ändras förrän den har öppnats igen.",
        ),
        (PlanStatus.ADOPTED, "Planen är fastställd och kan inte ändras."),
    ],
)
def test_guarantees_change_only_while_the_plan_is_a_draft(
    org, chain, plan_a, guarantee, status, message
):
    second = guarantee_services.guarantee_create(
        unit=org.unit_a, year=chain.year, promise="Andra", term="inom en dag"
    )
    _plan_status(plan_a, status)
    attempts = [
        lambda: guarantee_services.guarantee_create(
            unit=org.unit_a, year=chain.year, promise="Ny", term="snart"
        ),
        lambda: guarantee_services.guarantee_update(guarantee=guarantee, promise="Ändrad"),
        lambda: guarantee_services.guarantee_delete(guarantee=guarantee),
        lambda: guarantee_services.guarantee_move(guarantee=second, offset=-1),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError) as refused:
            attempt()
        assert refused.value.messages == [message]
    guarantee.refresh_from_db()
    second.refresh_from_db()
    assert (guarantee.promise, guarantee.position, second.position) == (
        "Du får ett första samtal",
        1,
        2,
    )
    assert QualityGuarantee.objects.count() == 2


def test_a_draft_plans_guarantees_are_updated_moved_and_deleted(org, chain, plan_a, guarantee):
    second = guarantee_services.guarantee_create(
        unit=org.unit_a, year=chain.year, promise="  Andra\r\n", term="<b>inom</b> en dag"
    )
    assert (second.promise, second.term, second.position) == ("Andra", "inom en dag", 2)
    guarantee_services.guarantee_update(guarantee=guarantee, term="inom 5 dagar", target_percent=95)
    guarantee.refresh_from_db()
    assert (guarantee.term, guarantee.target_percent) == ("inom 5 dagar", 95)
    guarantee_services.guarantee_move(guarantee=second, offset=-1)
    assert list(QualityGuarantee.objects.of_plan(org.unit_a.pk, chain.year.pk)) == [
        second,
        guarantee,
    ]
    guarantee_services.guarantee_delete(guarantee=guarantee)
    assert list(QualityGuarantee.objects.all()) == [second]


def test_an_update_names_only_the_guarantees_fields(guarantee):
    with pytest.raises(TypeError):
        guarantee_services.guarantee_update(guarantee=guarantee, unit_id=1)


# --- follow-up, locked by the period's report -------------------------------------------------


def test_an_outcome_is_recorded_again_with_the_last_word(guarantee, periods, editor_a):
    _record(guarantee, periods["T1"], 10, 8, "Sjukdom i personalgruppen")
    outcome = guarantee_services.guarantee_outcome_record(
        guarantee=guarantee, period=periods["T1"], cases=10, kept=9, comment="Rättat", by=editor_a
    )
    assert GuaranteeOutcome.objects.get() == outcome
    assert (outcome.kept, outcome.comment, outcome.updated_by) == (9, "Rättat", editor_a)


def test_outcomes_are_written_whatever_the_plans_state(plan_a, guarantee, periods):
    # As the plan's indicators' outcomes: follow-up of an adopted plan is the point.
    _plan_status(plan_a, PlanStatus.ADOPTED)
    assert _record(guarantee, periods["T1"]).pk


@pytest.mark.parametrize(
    ("status", "words"),
    [(ReportStatus.SUBMITTED, "är inlämnad"), (ReportStatus.APPROVED, "är godkänd")],
)
def test_an_outcome_is_locked_once_the_units_report_for_the_period_is_handed_in(
    org, guarantee, periods, status, words
):
    before = _record(guarantee, periods["T1"], 10, 9, "Före")
    _report_status(org.unit_a, periods["T1"], status)
    with pytest.raises(ValidationError, match=words) as refused:
        _record(guarantee, periods["T1"], 10, 1, "Efter")
    assert refused.value.error_list[0].code == "locked"
    before.refresh_from_db()
    assert (before.kept, before.comment) == (9, "Före")
    # The next period is still open.
    assert _record(guarantee, periods["T2"]).pk


def test_a_draft_report_does_not_lock_and_another_units_report_neither(org, guarantee, periods):
    report_open(org_unit=org.unit_a, period=periods["T1"])
    _report_status(org.unit_b, periods["T1"], ReportStatus.APPROVED)
    assert _record(guarantee, periods["T1"]).pk


def test_the_period_must_be_of_the_guarantees_year(org, guarantee):
    from datetime import date

    from styra.followup.models import ReportingPeriod
    from styra.goals.models import PlanningYear

    other = PlanningYear.objects.create(year=2027)
    period = ReportingPeriod.objects.create(
        year=other, code="2027T1", cutoff=date(2027, 4, 30), deadline=date(2027, 5, 10)
    )
    with pytest.raises(ValidationError, match="kvalitetsgarantins år"):
        _record(guarantee, period)


def test_decided_is_decided_no_delete_and_no_new_target_over_a_handed_in_outcome(
    org, guarantee, periods
):
    _record(guarantee, periods["T1"], 10, 9)
    _report_status(org.unit_a, periods["T1"], ReportStatus.SUBMITTED)
    with pytest.raises(ValidationError, match="2026T1"):
        guarantee_services.guarantee_delete(guarantee=guarantee)
    with pytest.raises(ValidationError) as refused:
        guarantee_services.guarantee_update(guarantee=guarantee, target_percent=50)
    assert "target_percent" in refused.value.message_dict
    # The words may still be mended while the plan is a draft; the target stays.
    guarantee_services.guarantee_update(
        guarantee=guarantee, promise="Du får ett första samtal med oss"
    )
    guarantee.refresh_from_db()
    assert (guarantee.target_percent, GuaranteeOutcome.objects.count()) == (90, 1)


def test_a_guarantee_with_draft_outcomes_is_deleted_with_them(guarantee, periods):
    _record(guarantee, periods["T1"])
    guarantee_services.guarantee_delete(guarantee=guarantee)
    assert not GuaranteeOutcome.objects.exists()
