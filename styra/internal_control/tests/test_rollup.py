"""The roll-up of internal control: statuses, counts, deviations with measures, plans not
adopted, and what the person may not see left out, against figures counted by hand."""

from datetime import date

import pytest

from styra.followup.models import ActivityStatus
from styra.internal_control import services as ic
from styra.internal_control.models import ControlPlan, ResultStatus
from styra.internal_control.rollup import Counts, control_rollup_for
from styra.plans.models import PlanStatus


def adopt(plan: ControlPlan) -> None:
    """Adopted as the decision door will adopt it (decisions' door is another part's)."""
    ControlPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.ADOPTED)
    plan.refresh_from_db()


def planned(node, year, risks):
    """A plan of `node` with {process: {risk: [(what, parts), …]}}; the controls, by what."""
    plan = ic.control_plan_create(org_unit=node, year=year)
    controls = {}
    for process_title, process_risks in risks.items():
        process = ic.process_create(plan=plan, title=process_title)
        for risk_title, risk_controls in process_risks.items():
            risk = ic.risk_create(process=process, title=risk_title, probability=3, consequence=3)
            ic.risk_update(risk=risk, selected=True)
            for what, parts in risk_controls:
                flags = {f"report_{p.lower()}": True for p in parts}
                flags.setdefault("report_vb", False)
                controls[what] = ic.control_create(risk=risk, what=what, **flags)
    return plan, controls


def report(control, period, result="", findings=""):
    control.refresh_from_db()
    return ic.result_report(
        control=control,
        period=period,
        done=bool(result),
        result=result,
        findings=findings,
        by=None,
    )


@pytest.fixture
def scene(org, chain, periods):
    """Norra nämnden's and Enhet A's plans adopted and reported in T1, Enhet B's a draft,
    Södra nämnden's adopted with a deviation; Enhet S has no plan.

    T1 by hand: Norra nämnden 1 not reported, 1 not done, 1 deviation (two measures),
    1 without (its VB control is not due); Enhet A 1 deviation (no measure), 1 without;
    Södra nämnden 1 deviation (one measure).
    """
    t1 = periods["T1"]
    north, north_controls = planned(
        org.north,
        chain.year,
        {
            "Inköp": {
                "Fel attest": [
                    ("Stickprov på attester", ["T1"]),
                    ("Avtalstrohet", ["T1", "T2"]),
                    ("Årlig genomgång", ["VB"]),
                ]
            },
            "Personal": {"Bisysslor": [("Bisysslor anmälda", ["T1"]), ("Löneutbetalning", ["T1"])]},
        },
    )
    unit_a, a_controls = planned(
        org.unit_a,
        chain.year,
        {"Dokumentation": {"Brister i journaler": [("Journalgranskning", ["T1"])]}},
    )
    unit_a_more = ic.control_create(
        risk=a_controls["Journalgranskning"].risk, what="Loggkontroll", report_t1=True
    )
    unit_b, _ = planned(org.unit_b, chain.year, {"Kassa": {"Svinn": [("Kassaavstämning", ["T1"])]}})
    south, south_controls = planned(
        org.south, chain.year, {"Ekonomi": {"Underskott": [("Månadsuppföljning", ["T1"])]}}
    )
    for plan in (north, unit_a, south):
        adopt(plan)
    attest = report(north_controls["Stickprov på attester"], t1, "deviation", "Två utan attest")
    ic.measure_create(
        result=attest,
        name="Påminnelse om attestordningen",
        responsible="Ekonomichef",
        start=date(2026, 5, 1),
        end=date(2026, 6, 30),
        status=ActivityStatus.STARTED,
    )
    ic.measure_create(result=attest, name="Ny kontroll i systemet", status=ActivityStatus.FINISHED)
    report(north_controls["Avtalstrohet"], t1, "no_deviation")
    report(north_controls["Bisysslor anmälda"], t1)  # not done
    report(a_controls["Journalgranskning"], t1, "deviation", "Tre journaler utan signering")
    report(unit_a_more, t1, "no_deviation")
    deficit = report(south_controls["Månadsuppföljning"], t1, "deviation", "Prognos −2 mnkr")
    ic.measure_create(result=deficit, name="Åtgärdsplan för ekonomin")
    return type("Scene", (), dict(t1=t1, north=north, unit_a=unit_a, unit_b=unit_b, south=south))


def counts(c: Counts) -> tuple[int, int, int, int]:
    return c.not_reported, c.not_done, c.deviation, c.no_deviation


def test_it_counts_each_adopted_plans_controls_due_in_the_period(org, scene):
    rollup = control_rollup_for(org.north, scene.t1)

    assert [p.node.name for p in rollup.plans] == ["Norra nämnden", "Enhet A", "Enhet B"]
    by_name = {p.node.name: p for p in rollup.plans}
    assert counts(by_name["Norra nämnden"].counts) == (1, 1, 1, 1)
    assert counts(by_name["Enhet A"].counts) == (0, 0, 1, 1)
    assert counts(rollup.total) == (1, 1, 2, 2)
    assert rollup.total.total == 6


def test_it_lists_each_plans_controls_with_their_status(org, scene):
    rollup = control_rollup_for(org.north, scene.t1)

    north = rollup.plans[0]
    assert [(c.process, c.risk, c.what, c.mark.status) for c in north.controls] == [
        ("Inköp", "Fel attest", "Stickprov på attester", ResultStatus.DEVIATION),
        ("Inköp", "Fel attest", "Avtalstrohet", ResultStatus.NO_DEVIATION),
        ("Personal", "Bisysslor", "Bisysslor anmälda", ResultStatus.NOT_DONE),
        ("Personal", "Bisysslor", "Löneutbetalning", ResultStatus.NOT_REPORTED),
    ]
    assert north.controls[0].findings == "Två utan attest"
    assert str(north.controls[0].mark) == "◐ Avvikelser"
    assert north.controls[3].mark.css == "status status--unknown"


def test_it_leaves_the_controls_out_when_not_asked_for(org, scene):
    rollup = control_rollup_for(org.north, scene.t1, controls=False)
    assert all(not p.controls for p in rollup.plans)
    assert counts(rollup.total) == (1, 1, 2, 2)


def test_it_lists_the_deviations_with_their_findings_and_measures(org, scene):
    rollup = control_rollup_for(org.north, scene.t1)

    found = [(d.plan.node.name, d.risk, d.what, d.findings) for d in rollup.deviations]
    assert found == [
        ("Norra nämnden", "Fel attest", "Stickprov på attester", "Två utan attest"),
        ("Enhet A", "Brister i journaler", "Journalgranskning", "Tre journaler utan signering"),
    ]
    first, second = rollup.deviations
    assert [(m.name, m.responsible, m.start, m.end, m.status) for m in first.measures] == [
        (
            "Påminnelse om attestordningen",
            "Ekonomichef",
            date(2026, 5, 1),
            date(2026, 6, 30),
            ActivityStatus.STARTED,
        ),
        ("Ny kontroll i systemet", "", None, None, ActivityStatus.FINISHED),
    ]
    assert second.measures == []


def test_it_names_the_plans_not_adopted_and_leaves_them_out_of_the_counts(org, scene):
    rollup = control_rollup_for(org.north, scene.t1)

    assert [(p.node.name, p.plan.status) for p in rollup.not_adopted] == [
        ("Enhet B", PlanStatus.DRAFT)
    ]
    assert counts(rollup.not_adopted[0].counts) == (0, 0, 0, 0)
    assert rollup.without_plan == []


def test_it_says_when_the_committee_has_no_plan_of_its_own(org, scene):
    rollup = control_rollup_for(org.south, scene.t1)
    assert rollup.without_plan == []
    ControlPlan.objects.filter(pk=scene.south.pk).delete()
    rollup = control_rollup_for(org.south, scene.t1)
    assert rollup.plans == []
    assert rollup.without_plan == [org.south]
    assert rollup.total.total == 0


def test_it_reads_another_period_by_its_own_controls(org, scene, periods):
    rollup = control_rollup_for(org.north, periods["T2"])
    # Only Avtalstrohet is reported in T2, and nothing has been reported there yet.
    assert counts(rollup.total) == (1, 0, 0, 0)
    assert rollup.deviations == []
    vb = control_rollup_for(org.north, periods["VB"])
    assert [c.what for c in vb.plans[0].controls] == ["Årlig genomgång"]


def test_it_totals_the_city_per_committee(org, scene):
    rollup = control_rollup_for(org.city, scene.t1)

    assert rollup.is_city
    by_name = {c.node.name: c for c in rollup.committees}
    assert list(by_name) == ["Norra nämnden", "Södra nämnden"]
    assert counts(by_name["Norra nämnden"].counts) == (1, 1, 2, 2)
    assert (by_name["Norra nämnden"].adopted, by_name["Norra nämnden"].not_adopted) == (2, 1)
    assert counts(by_name["Södra nämnden"].counts) == (0, 0, 1, 0)
    assert counts(rollup.total) == (1, 1, 3, 2)
    # The deviations themselves are the committees' pages'.
    assert rollup.deviations == []
    assert [p.node.name for p in rollup.not_adopted] == ["Enhet B"]
    assert all(not p.controls for p in rollup.plans)


def test_it_names_the_committees_without_a_plan_on_the_city_page(org, scene):
    ControlPlan.objects.filter(pk=scene.south.pk).delete()
    rollup = control_rollup_for(org.city, scene.t1)
    assert rollup.without_plan == [org.south]
    south = next(c for c in rollup.committees if c.node == org.south)
    assert south.own_plan is None
    assert south.counts.total == 0


def test_it_leaves_out_the_plans_the_person_may_not_see(org, scene):
    rollup = control_rollup_for(org.north, scene.t1, visible={org.north.pk, org.unit_b.pk})

    assert [p.node.name for p in rollup.plans] == ["Norra nämnden", "Enhet B"]
    assert counts(rollup.total) == (1, 1, 1, 1)
    assert [d.plan.node.name for d in rollup.deviations] == ["Norra nämnden"]


def test_it_leaves_out_the_committees_the_person_may_not_see(org, scene):
    visible = {org.city.pk, org.south.pk, org.unit_s.pk}
    rollup = control_rollup_for(org.city, scene.t1, visible=visible)

    assert [c.node.name for c in rollup.committees] == ["Södra nämnden"]
    assert counts(rollup.total) == (0, 0, 1, 0)
    assert rollup.not_adopted == []


def test_a_plan_reopened_after_reporting_stands_as_not_adopted(org, scene):
    ControlPlan.objects.filter(pk=scene.unit_a.pk).update(status=PlanStatus.DRAFT)
    rollup = control_rollup_for(org.north, scene.t1)
    assert counts(rollup.total) == (1, 1, 1, 1)
    assert [p.node.name for p in rollup.not_adopted] == ["Enhet A", "Enhet B"]
    assert [d.plan.node.name for d in rollup.deviations] == ["Norra nämnden"]


def test_the_year_is_the_periods(org, scene, chain):
    """Another year's plans are no part of this period's roll-up."""
    from styra.followup.models import ReportingPeriod
    from styra.goals.models import PlanningYear

    other = PlanningYear.objects.create(year=2027)
    period = ReportingPeriod.objects.create(
        year=other, code="2027T1", cutoff=date(2027, 4, 28), deadline=date(2027, 5, 10)
    )
    rollup = control_rollup_for(org.north, period)
    assert rollup.plans == []
    assert rollup.without_plan == [org.north]


def test_it_is_internal_control_that_answers_followups_hook(org, scene):
    from styra.followup.rollup_internal_control import (
        internal_control_hook,
        internal_control_rollup,
    )
    from styra.internal_control.rollup import followup_rollup

    assert internal_control_hook.answered
    # A different answer would be refused; the same one again is a no-op.
    assert internal_control_hook.register(followup_rollup) is followup_rollup
    answer = internal_control_rollup(org.north, scene.t1, {org.north.pk})
    assert [p.node.name for p in answer.plans] == ["Norra nämnden"]
    assert all(not p.controls for p in answer.plans)
