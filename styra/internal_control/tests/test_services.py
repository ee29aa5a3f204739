"""The services: making plans, the city's risks, the locks, follow-up and the next year."""

import pytest
from django.core.exceptions import ValidationError

from styra.followup.models import Report, ReportStatus
from styra.goals.models import Goal, PlanningYear
from styra.internal_control import services
from styra.internal_control.models import Control, ControlPlan, Measure, Process, Risk
from styra.plans.models import PlanStatus

pytestmark = pytest.mark.django_db


def _selected_risk(process, title="Felaktig attest", p=3, c=3):
    risk = services.risk_create(process=process, title=title, probability=p, consequence=c)
    return services.risk_update(risk=risk, selected=True)


def _control(risk, **fields):
    fields.setdefault("report_t1", True)
    return services.control_create(risk=risk, what="Stickprov på tio fakturor", **fields)


def _set_status(plan, status):
    ControlPlan.objects.filter(pk=plan.pk).update(status=status)
    plan.refresh_from_db()


# --- making a plan ---------------------------------------------------------------------------


def test_a_committee_plan_gets_the_citys_risks(org, chain):
    services.city_risk_create(year=chain.year, process="Informationssäkerhet", title="Dataläcka")
    plan = services.control_plan_create(org_unit=org.north, year=chain.year)
    risk = plan.risks.get()
    assert (risk.title, risk.process.title, risk.city_risk is not None) == (
        "Dataläcka",
        "Informationssäkerhet",
        True,
    )


def test_a_unit_plan_gets_no_city_risks(org, chain):
    services.city_risk_create(year=chain.year, process="Informationssäkerhet", title="Dataläcka")
    plan = services.control_plan_create(org_unit=org.unit_a, year=chain.year)
    assert not plan.risks.exists()


def test_the_city_keeps_no_control_plan_and_a_node_one_a_year(org, chain):
    with pytest.raises(ValidationError):
        services.control_plan_create(org_unit=org.city, year=chain.year)
    services.control_plan_create(org_unit=org.unit_a, year=chain.year)
    with pytest.raises(ValidationError, match="redan"):
        services.control_plan_create(org_unit=org.unit_a, year=chain.year)


def test_no_plan_in_a_draft_year(org):
    year = PlanningYear.objects.create(year=2030, state="draft")
    with pytest.raises(ValidationError):
        services.control_plan_create(org_unit=org.north, year=year)


# --- the city's risks ------------------------------------------------------------------------


def test_a_new_city_risk_reaches_draft_committee_plans_only(org, chain, control_plan):
    adopted = services.control_plan_create(org_unit=org.south, year=chain.year)
    _set_status(adopted, PlanStatus.ADOPTED)
    unit_plan = services.control_plan_create(org_unit=org.unit_a, year=chain.year)
    services.city_risk_create(year=chain.year, process="Inköp och upphandling", title="Mutor")
    assert control_plan.risks.get().process == control_plan.processes.get()  # the same process
    assert not adopted.risks.exists()
    assert not unit_plan.risks.exists()
    _set_status(adopted, PlanStatus.DRAFT)
    services.receive_city_risks(adopted)
    services.receive_city_risks(adopted)  # twice is once
    assert adopted.risks.count() == 1


def test_a_city_risk_is_assessed_never_removed_or_reworded(chain, control_plan):
    city = services.city_risk_create(year=chain.year, process="Ekonomi", title="Budgetunderskott")
    risk = control_plan.risks.get(city_risk=city)
    with pytest.raises(ValidationError):
        services.risk_delete(risk=risk)
    with pytest.raises(ValidationError):
        services.process_delete(process=risk.process)
    with pytest.raises(ValidationError):
        services.risk_update(risk=risk, title="Något annat")
    services.risk_update(risk=risk, probability=2, consequence=4, omission_reason="Låg volym")
    assert Risk.objects.get(pk=risk.pk).value == 8


def test_a_city_risk_is_withdrawn_from_drafts_but_not_behind_a_decision(chain, control_plan):
    city = services.city_risk_create(year=chain.year, process="Ekonomi", title="Underskott")
    _set_status(control_plan, PlanStatus.SUBMITTED)
    with pytest.raises(ValidationError):
        services.city_risk_delete(city_risk=city)
    _set_status(control_plan, PlanStatus.DRAFT)
    services.city_risk_delete(city_risk=city)
    assert not control_plan.risks.exists()


# --- the risk analysis and the control plan --------------------------------------------------


def test_a_risk_is_tied_only_to_this_years_kf_or_committee_goal(chain, process, org):
    services.risk_create(process=process, title="Mot KF", goal=chain.area)
    services.risk_create(process=process, title="Mot nämnden", goal=chain.board)
    unit_goal = Goal.objects.create(
        year=chain.year, level="unit", owner=org.unit_a, parent=chain.board, title="Enhetens"
    )
    with pytest.raises(ValidationError):
        services.risk_create(process=process, title="Mot enheten", goal=unit_goal)


def test_controls_only_on_a_selected_risk_and_kept_while_it_is(process):
    risk = services.risk_create(process=process, title="R", probability=2, consequence=2)
    with pytest.raises(ValidationError):
        _control(risk)
    services.risk_update(risk=risk, selected=True)
    control = _control(risk, method="Granskning", responsible="Controller")
    with pytest.raises(ValidationError):
        services.risk_update(risk=risk, selected=False)
    services.control_delete(control=control)
    services.risk_update(risk=risk, selected=False)


def test_what_stands_in_the_way_of_handing_in(process):
    assert services.submission_problems(process.plan) == ["Riskanalysen har inga risker."]
    unassessed = services.risk_create(process=process, title="Obedömd")
    high = services.risk_create(process=process, title="Hög", probability=4, consequence=3)
    bare = _selected_risk(process, title="Utan kontroll")
    problems = services.submission_problems(process.plan)
    assert len(problems) == 3
    assert all(title in " ".join(problems) for title in ("Obedömd", "Hög", "Utan kontroll"))
    services.risk_update(risk=unassessed, probability=1, consequence=1)
    services.risk_update(risk=high, omission_reason="Hanteras i stadens kontroll")
    _control(bare)
    assert services.submission_problems(process.plan) == []


@pytest.mark.parametrize("status", [PlanStatus.SUBMITTED, PlanStatus.ADOPTED])
def test_a_submitted_or_adopted_plan_changes_through_no_write(process, status):
    risk = _selected_risk(process)
    control = _control(risk)
    _set_status(process.plan, status)
    process.refresh_from_db()
    risk.refresh_from_db()
    control.refresh_from_db()
    writes = [
        lambda: services.process_create(plan=process.plan, title="Ny"),
        lambda: services.process_update(process=process, title="Ändrad"),
        lambda: services.process_delete(process=process),
        lambda: services.risk_create(process=process, title="Ny"),
        lambda: services.risk_update(risk=risk, probability=1),
        lambda: services.risk_delete(risk=risk),
        lambda: _control(risk),
        lambda: services.control_update(control=control, what="Ändrad"),
        lambda: services.control_delete(control=control),
    ]
    for write in writes:
        with pytest.raises(ValidationError) as refused:
            write()
        assert refused.value.code == "locked"
    assert (Process.objects.count(), Risk.objects.count(), Control.objects.count()) == (1, 1, 1)
    assert Risk.objects.get().probability == 3 and Control.objects.get().what.startswith("Stick")


# --- follow-up -------------------------------------------------------------------------------


def _adopted_control(process, **fields):
    control = _control(_selected_risk(process), **fields)
    _set_status(process.plan, PlanStatus.ADOPTED)
    control.refresh_from_db()
    return control


def test_results_are_reported_on_an_adopted_plan_only(process, periods, editor_a):
    control = _control(_selected_risk(process))
    with pytest.raises(ValidationError, match="fastställd"):
        services.result_report(control=control, period=periods["T1"], done=False, by=editor_a)


def test_a_result_is_reported_once_a_period_and_the_last_word_holds(process, periods, editor_a):
    control = _adopted_control(process)
    services.result_report(control=control, period=periods["T1"], done=False, by=editor_a)
    result = services.result_report(
        control=control,
        period=periods["T1"],
        done=True,
        result="deviation",
        findings="Två fakturor saknade attest.",
        by=editor_a,
    )
    assert control.results.get() == result
    assert result.status == "deviation" and result.reported_by == editor_a


def test_a_result_only_in_the_periods_the_control_names(process, periods, editor_a):
    control = _adopted_control(process)  # T1 and VB
    with pytest.raises(ValidationError, match="Tertialrapport 2"):
        services.result_report(control=control, period=periods["T2"], done=False, by=editor_a)


def test_a_handed_in_report_freezes_the_periods_results_and_measures(
    org, process, periods, editor_a
):
    control = _adopted_control(process)
    result = services.result_report(
        control=control,
        period=periods["T1"],
        done=True,
        result="deviation",
        findings="Attest saknades.",
        by=editor_a,
    )
    measure = services.measure_create(result=result, name="Påminn om attestordningen")
    Report.objects.create(
        org_unit=org.north,
        period=periods["T1"],
        unit_name="Norra nämnden",
        status=ReportStatus.SUBMITTED,
    )
    frozen = [
        lambda: services.result_report(
            control=control, period=periods["T1"], done=False, by=editor_a
        ),
        lambda: services.measure_create(result=result, name="Ny"),
        lambda: services.measure_update(measure=measure, status="finished"),
        lambda: services.measure_delete(measure=measure),
    ]
    for write in frozen:
        with pytest.raises(ValidationError) as refused:
            write()
        assert refused.value.code == "locked"
    assert control.results.get().done and Measure.objects.get().status == "not_started"
    # The next period is still open.
    services.result_report(
        control=control, period=periods["VB"], done=True, result="no_deviation", by=editor_a
    )


def test_measures_belong_to_deviations(process, periods, editor_a):
    control = _adopted_control(process)
    result = services.result_report(
        control=control, period=periods["T1"], done=True, result="no_deviation", by=editor_a
    )
    with pytest.raises(ValidationError):
        services.measure_create(result=result, name="Åtgärd")
    result = services.result_report(
        control=control,
        period=periods["T1"],
        done=True,
        result="deviation",
        findings="Fel",
        by=editor_a,
    )
    measure = services.measure_create(result=result, name="Åtgärd")
    with pytest.raises(ValidationError):
        services.measure_update(measure=measure, start="2026-06-01", end="2026-05-01")
    with pytest.raises(ValidationError):
        services.result_report(
            control=control, period=periods["T1"], done=True, result="no_deviation", by=editor_a
        )
    assert control.results.get().result == "deviation"


# --- the next year ---------------------------------------------------------------------------


def test_copying_to_next_year_keeps_the_analysis_and_maps_the_citys_risks(chain, control_plan):
    city = services.city_risk_create(year=chain.year, process="Ekonomi", title="Underskott")
    gone = services.city_risk_create(year=chain.year, process="Ekonomi", title="Avvecklas")
    own = _selected_risk(control_plan.processes.get(title="Inköp och upphandling"))
    services.risk_update(risk=own, goal=chain.board)
    _control(own, method="Granskning", frequency="Tertialvis")
    for risk in control_plan.risks.filter(city_risk__in=[city, gone]):
        services.risk_update(risk=risk, probability=1, consequence=2)
    next_year = PlanningYear.objects.create(year=2027)
    next_board = Goal.objects.create(
        year=next_year,
        level="board",
        owner=chain.board.owner,
        title=chain.board.title,
        copied_from=chain.board,
    )
    again = services.city_risk_create(year=next_year, process="Ekonomi", title="Underskott")

    copy = services.control_plan_copy_to_year(plan=control_plan, year=next_year)

    assert copy.copied_from == control_plan and copy.status == PlanStatus.DRAFT
    risks = {risk.title: risk for risk in copy.risks.all()}
    assert set(risks) == {"Underskott", "Avvecklas", "Felaktig attest"}
    assert risks["Underskott"].city_risk == again and risks["Underskott"].value == 2
    assert risks["Avvecklas"].city_risk is None  # the city no longer gives it: the node's own
    assert risks["Felaktig attest"].selected and risks["Felaktig attest"].goal == next_board
    copied = risks["Felaktig attest"].controls.get()
    assert (copied.method, copied.frequency, copied.reported_in) == (
        "Granskning",
        "Tertialvis",
        ("T1", "VB"),
    )
    with pytest.raises(ValidationError):
        services.control_plan_copy_to_year(plan=copy, year=chain.year)
