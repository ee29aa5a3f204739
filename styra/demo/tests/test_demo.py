"""styra demo [--reset]: the invented city Exempelby kommun."""

from datetime import date
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from styra.accounts.permissions import Action, can
from styra.budget.models import Budget
from styra.demo import city, plans
from styra.goals.models import Goal, Level, PlanningYear
from styra.goals.services import board_goals_for_unit
from styra.indicators.models import Target
from styra.internal_control.models import Control, ControlPlan, ControlResult, Measure, Risk
from styra.organisation.models import Kind, OrgUnit
from styra.plans.interchange import plan_to_dict, validate_plan_dict
from styra.plans.models import Plan, PlanStatus


def _run(*args) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


# Seven users with the real hasher would take seconds.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    """The city loaded once for this module, in a transaction rolled back at its end.

    Loading it takes seconds (more on PostgreSQL); each test still sees it fresh, as the
    `db` fixture runs the test in a savepoint inside this transaction and rolls it back.
    """
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHERS),
        transaction.atomic(),
    ):
        yield _run()
        transaction.set_rollback(True)


@pytest.fixture
def loaded(demo_output, db) -> str:
    return demo_output


def _plan(unit_name: str, year: int) -> Plan:
    return Plan.objects.with_header().get(unit_name=unit_name, year__year=year)


def _counts() -> dict[str, int]:
    return {
        "units": OrgUnit.objects.count(),
        "plans": Plan.objects.count(),
        "goals": Goal.objects.count(),
        "targets": Target.objects.count(),
        "control plans": ControlPlan.objects.count(),
        "risks": Risk.objects.count(),
        "controls": Control.objects.count(),
        "control results": ControlResult.objects.count(),
        "measures": Measure.objects.count(),
    }


def test_it_loads_the_city_with_two_committees(loaded):
    city = OrgUnit.objects.get(parent=None)
    assert city.name == "Exempelby kommun" and city.kind == Kind.CITY
    assert set(OrgUnit.objects.filter(kind=Kind.COMMITTEE).values_list("name", flat=True)) == {
        "Norrdalens stadsdelsnämnd",
        "Socialnämnden",
    }
    assert "Laddade Exempelby kommun: 7 verksamhetsplaner för 2025, 2026." in loaded


def test_it_loads_plans_for_two_years(loaded):
    by_year = {
        year: set(Plan.objects.filter(year__year=year).values_list("unit_name", flat=True))
        for year in (2025, 2026)
    }
    assert by_year[2025] == {"Vuxenenheten", "Mottagningsenheten", "Äldreomsorgen Norrdalen"}
    assert by_year[2026] == {
        "Vuxenenheten",
        "Mottagning och råd",
        "Äldreomsorgen Norrdalen",
        "Fritid och förebyggande",
    }
    assert list(
        Plan.objects.filter(status=PlanStatus.ADOPTED).values_list("unit_name", "year__year")
    ) == [("Vuxenenheten", 2025)]
    assert dict(PlanningYear.objects.values_list("year", "unit_goal_label")) == {
        2025: "atagande",
        2026: "enhetsmal",
    }


def test_it_keeps_the_kf_chain_per_year(loaded):
    for year in (2025, 2026):
        directions = Goal.objects.filter(year__year=year, level=Level.DIRECTION)
        assert list(directions.values_list("number", flat=True)) == ["1", "2", "3"]
    areas = Goal.objects.filter(level=Level.AREA)
    assert areas.filter(year__year=2025).count() == 6
    assert areas.filter(year__year=2026, number="2.3").exists()
    city_targets = Target.objects.filter(org_unit__kind=Kind.CITY, indicator__goal__year__year=2025)
    assert set(city_targets.values_list("text", flat=True)) >= {
        "öka",
        "tas fram av nämnden",
        "85 %",
    }


def test_it_renames_and_moves_a_unit_between_the_years(loaded):
    old, new = _plan("Mottagningsenheten", 2025), _plan("Mottagning och råd", 2026)
    assert old.unit == new.unit
    assert new.unit.name == "Mottagning och råd"
    assert new.unit.parent.name == "Avdelningen för vuxna"


def test_it_writes_plans_with_every_part(loaded):
    plan = _plan("Vuxenenheten", 2025)
    data = plan_to_dict(plan)
    validate_plan_dict(data)
    assert (plan.officer, plan.phone, str(plan.meeting_date)) == (
        "Vera Vuxengren",
        "0123-45 61 00",
        "2024-12-12",
    )
    assert data["addressee"] == "Socialnämnden, sammanträde 2024-12-12"
    assert "\n- försörjningsstöd" in data["sections"][1]["text"]
    assert "\na) kortare väntetider" in data["sections"][2]["text"]
    unit_goals = Goal.objects.filter(owner=plan.unit, year=plan.year, level=Level.UNIT)
    first = unit_goals.first()
    for name in (
        "description",
        "expected_result",
        "method",
        "resources",
        "follow_up",
        "development",
    ):
        assert getattr(first, name), name
    assert {r["name"]: r for r in data["budget"]["rows"]}["Nettobudget"] == {
        "name": "Nettobudget",
        "net": 65930,
        "total": True,
    }
    assert data["budget"]["currency_unit"] == "tkr"
    assert data["appendices"] == ["Internkontrollplan 2025", "Årshjul för Vuxenenheten"]


def test_it_shows_inherited_indicators_with_both_targets(loaded):
    data = plan_to_dict(_plan("Vuxenenheten", 2025))
    rows = {}
    stack = list(data["goals"])
    while stack:
        node = stack.pop()
        rows.update({i["name"]: i for i in node["indicators"]})
        stack.extend(node["children"])
    kf = rows["Andel hushåll som har egen försörjning ett år efter avslutat ekonomiskt bistånd"]
    assert (kf["target"], kf["city_target"]) == ("55 %", "öka")
    own = rows["Genomsnittlig kostnad per dygn i akutboende"]
    assert (own["target"], own["period"]) == ("950 kr", "Tertial")
    assert rows["Genomsnittlig handläggningstid för nyansökan om ekonomiskt bistånd"]["target"] == (
        "10 dagar"
    )


def test_it_shows_committee_activities_in_unit_plans(loaded):
    data = plan_to_dict(_plan("Äldreomsorgen Norrdalen", 2025))
    names = []
    stack = list(data["goals"])
    while stack:
        node = stack.pop()
        names += [(node["level"], a["name"], a["start"]) for a in node["activities"]]
        stack.extend(node["children"])
    assert ("board", "Elcyklar till hemtjänstens innerstadsgrupper", "2025-03-01") in names
    assert ("unit", "Indelning i nya hemtjänstgrupper", "2025-02-01") in names


def test_it_has_budgets_in_tkr_and_mnkr(loaded):
    assert set(Budget.objects.values_list("currency_unit", flat=True)) == {"tkr", "mnkr"}
    rows = plan_to_dict(_plan("Äldreomsorgen Norrdalen", 2026))["budget"]["rows"]
    assert rows[-1] == {
        "name": "Totalt",
        "costs": 114.7,
        "revenues": 13.3,
        "net": 101.4,
        "total": True,
    }


def test_it_exports_every_plan_in_the_interchange_format(loaded):
    for plan in Plan.objects.with_header():
        data = plan_to_dict(plan)
        validate_plan_dict(data)
        assert data["goals"], plan


def _tree(goals: list[dict]) -> list:
    return [
        (g["level"], g.get("number") or "", g["title"], _tree(g.get("children") or []))
        for g in goals
    ]


def test_every_plan_shows_the_chain_its_file_names_listed_as_the_page_lists_it(loaded):
    """The importer lists the committee goals, framed by KF's, as a plan begun on the page."""
    for year, files in plans.PLANS.items():
        for plan_file in files:
            data = plan_file.load()
            plan = _plan(data["unit"], year)
            assert _tree(plan_to_dict(plan)["goals"]) == _tree(data["goals"]), plan_file.name
            committees = board_goals_for_unit(unit=plan.unit, year=plan.year)
            assert set(plan.chain_goals.all()) <= set(committees), plan_file.name


def test_it_prints_the_users_and_their_password(loaded):
    for username, *_ in city.USERS:
        assert f"  {username} " in loaded
    assert city.DEMO_PASSWORD in loaded


def test_it_creates_users_that_can_log_in_with_their_roles(loaded):
    users = {u: authenticate(username=u, password=city.DEMO_PASSWORD) for u, *_ in city.USERS}
    assert all(users.values())
    assert users["admin"].is_superuser
    # Each has an address that reaches nobody, so the demo's notices show as mail.
    assert {u.email for u in users.values()} == {f"{u}@exempelby.example" for u in users}
    adopted, draft = _plan("Vuxenenheten", 2025), _plan("Vuxenenheten", 2026)
    assert can(users["vuxen"], Action.EDIT, draft.unit)
    assert not can(users["vuxen"], Action.EDIT, adopted.unit, locked=adopted.is_locked)
    assert not can(users["vuxen"], Action.VIEW, _plan("Äldreomsorgen Norrdalen", 2026).unit)
    assert can(users["beslut"], Action.APPROVE, draft.unit)
    assert can(users["controller"], Action.BUDGET, _plan("Äldreomsorgen Norrdalen", 2026).unit)
    assert can(users["lasare"], Action.VIEW, draft.unit)
    assert not can(users["lasare"], Action.EDIT, draft.unit)
    assert can(users["mottagning"], Action.EDIT, _plan("Mottagning och råd", 2026).unit)
    assert can(users["namnd"], Action.ADMINISTER, draft.unit)
    assert not can(users["namnd"], Action.VIEW, _plan("Äldreomsorgen Norrdalen", 2026).unit)


def test_it_loads_only_once(loaded):
    before = _counts()
    out = _run()
    assert "Exempelby kommun finns redan; inget laddades" in out
    assert "vuxen" in out
    assert _counts() == before


def test_it_renders_the_adopted_plan_as_pdf_and_word(loaded):
    pytest.importorskip("styra.documents.pdf")
    pytest.importorskip("styra.documents.docx")
    from styra.decisions.files import plan_file
    from styra.decisions.models import Snapshot

    plan = _plan("Vuxenenheten", 2025)
    # Adopted with its snapshot, as the adopt button does: the files are the adopted version.
    adopted = Snapshot.objects.adopted_version(plan)
    assert adopted is not None and adopted.decided_by.username == plans.PLAN_ADOPTER
    assert plan_file(plan, "pdf") == bytes(Snapshot.objects.get(pk=adopted.pk).pdf)
    assert plan_file(plan, "docx").startswith(b"PK")


def test_it_loads_reports_for_three_periods_of_2025_and_t1_2026(loaded):
    from styra.followup.models import Report, ReportingPeriod

    assert "Laddade 13 uppföljningsrapporter." in loaded
    assert set(ReportingPeriod.objects.values_list("code", flat=True)) == {
        f"{year}{part}" for year in (2025, 2026) for part in ("T1", "T2", "VB")
    }
    states = {
        (r.period.code, r.unit_name): r.status for r in Report.objects.select_related("period")
    }
    assert states[("2025T1", "Vuxenenheten")] == "approved"
    assert states[("2025VB", "Mottagningsenheten")] == "submitted"
    assert states[("2025VB", "Äldreomsorgen Norrdalen")] == "draft"
    assert states[("2025VB", "Socialnämnden")] == "approved"
    assert states[("2026T1", "Mottagning och råd")] == "draft"
    assert {"approved", "submitted", "draft"} == set(states.values())


def test_it_leaves_one_report_missing_after_its_deadline(loaded):
    from styra.demo.reports import late_report
    from styra.followup.models import Report, ReportingPeriod

    period, unit = late_report()
    reporting_period = ReportingPeriod.objects.get(code=period.code)
    assert _plan(unit, period.year)  # the unit has a plan, so a report is expected
    assert not Report.objects.filter(period=reporting_period, unit_name=unit).exists()
    from styra.followup.interchange import committee_report_dict

    committee = OrgUnit.objects.get(name="Norrdalens stadsdelsnämnd")
    after = committee_report_dict(committee, reporting_period, today=date(2026, 6, 1))
    late = {u["unit"]: u["status"] for u in after["units"] if u["late"]}
    assert late[unit] == "missing"


def test_reports_hold_outcomes_assessments_statuses_and_budget(loaded):
    from styra.followup.context import load_report
    from styra.followup.models import Report

    report = Report.objects.get(period__code="2025VB", unit_name="Vuxenenheten")
    ctx = load_report(report)
    assert ctx.indicators and all(line.outcome is not None for line in ctx.indicators)
    assert not ctx.missing_assessments
    assert all(line.follow_up is not None for line in ctx.activities)
    overruled = [g.assessment for g in ctx.goals if g.assessment.value != g.assessment.proposed]
    assert overruled and overruled[0].reason
    deficits = [line for line in ctx.budget if line.deficit]
    # A sum row's deficit is its lines': they carry the comments.
    assert deficits and all(line.comment for line in deficits if not line.row.is_sum)
    assert {line.row.name for line in deficits} >= {"Entreprenader och köp av verksamhet"}


def test_a_unit_renamed_later_keeps_its_name_in_earlier_reports(loaded):
    from styra.followup.models import Report

    names = set(Report.objects.filter(period__code="2025T1").values_list("unit_name", flat=True))
    assert "Mottagningsenheten" in names and "Mottagning och råd" not in names


def test_it_renders_the_demo_reports(loaded):
    from styra.followup.interchange import (
        committee_report_data,
        report_data_file,
        unit_report_data,
    )
    from styra.followup.models import Report

    report = Report.objects.get(period__code="2026T1", unit_name="Äldreomsorgen Norrdalen")
    assert report_data_file(unit_report_data(report), "docx").startswith(b"PK")
    committee = OrgUnit.objects.get(name="Socialnämnden")
    assert report_data_file(committee_report_data(committee, "2025VB"), "pdf").startswith(b"%PDF")


def test_the_committee_report_totals_the_indicators_that_add_up(loaded):
    from styra.followup.interchange import committee_report_data

    data = committee_report_data(OrgUnit.objects.get(name="Socialnämnden"), "2025T1")
    totals = {i["name"]: i["total"] for i in data["indicators"]}
    assert totals["Antal hushåll som bor i akut- eller korttidsboende"]["outcome"] is not None


def test_every_adopted_plan_and_approved_report_has_its_snapshot(loaded):
    from styra.decisions.services import current_snapshot
    from styra.followup.models import Report, ReportStatus

    adopted = list(Plan.objects.filter(status=PlanStatus.ADOPTED))
    approved = list(Report.objects.filter(status=ReportStatus.APPROVED).select_related("period"))
    assert len(adopted) == 1 and len(approved) == 7  # six units, one committee
    for decided in adopted + approved:
        snapshot = current_snapshot(decided)
        assert snapshot is not None, decided
        by = decided.adopted_by if isinstance(decided, Plan) else decided.approved_by
        assert snapshot.decided_by == by and snapshot.pdf.startswith(b"%PDF"), decided


def test_each_year_has_its_dates_in_arshjulet(loaded):
    from styra.cycle.models import DateKind, YearDate

    for year in (2025, 2026):
        kinds = set(YearDate.objects.filter(year__year=year).values_list("kind", flat=True))
        assert {
            DateKind.PLAN_SUBMISSION,
            DateKind.PLAN_ADOPTION,
            DateKind.BUDGET_FOLLOWUP,
            DateKind.COUNCIL_MEETING,
            DateKind.COMMITTEE_MEETING,
        } <= kinds


def test_it_shows_the_approver_what_waits_for_a_decision(loaded, client):
    """beslut finds Mottagning och råd's plan and Vuxenenheten's T1 report in "Att göra"."""
    plan = _plan("Mottagning och råd", 2026)
    assert plan.status == PlanStatus.SUBMITTED
    client.force_login(authenticate(username="beslut", password=city.DEMO_PASSWORD))
    page = client.get("/").content.decode()
    assert f"/planer/{plan.pk}/" in page
    assert "Tertialrapport 1 2026" in page and "Vuxenenheten" in page


def test_it_has_a_dialog_between_a_unit_and_its_approver(loaded):
    from styra.conversations.models import Message, MessageKind
    from styra.followup.models import Report

    report = Report.objects.get(unit_name="Vuxenenheten", period__code="2026T1")
    thread = list(Message.objects.filter(thread__org_unit=report.org_unit, thread__key="2026T1"))
    assert [(m.kind, m.author.username) for m in thread] == [
        (MessageKind.SUBMITTED, "vuxen"),
        (MessageKind.COMMENT, "beslut"),
        (MessageKind.COMMENT, "vuxen"),
    ]
    submitted_plan = Message.objects.get(thread__org_unit__name="Mottagning och råd")
    assert submitted_plan.kind == MessageKind.SUBMITTED and "nämndens beslut" in submitted_plan.text


def test_it_publishes_the_adopted_plan_and_an_approved_report(loaded, client):
    from styra.decisions.models import Publication

    published = {(p.snapshot.kind, p.snapshot.unit_name) for p in Publication.objects.all()}
    assert published == {("plan", "Vuxenenheten"), ("report", "Vuxenenheten")}
    public = client.get("/offentligt/")
    assert public.status_code == 200
    assert public.content.decode().count("Vuxenenheten") >= 2


def test_the_login_page_links_to_the_public_pages(client, db):
    page = client.get("/konto/logga-in/").content.decode()
    assert 'href="/offentligt/"' in page


# --- internal control ----------------------------------------------------------------------


def _control_plans(year: int):
    return {
        plan.unit_name: plan for plan in ControlPlan.objects.with_header().filter(year__year=year)
    }


def test_it_loads_adopted_control_plans_for_both_committees_both_years_and_two_units(loaded):
    from styra.internal_control.services import submission_problems

    assert "Laddade 6 internkontrollplaner." in loaded
    committees = {"Socialnämnden", "Norrdalens stadsdelsnämnd"}
    assert set(_control_plans(2025)) == committees
    assert set(_control_plans(2026)) == committees | {"Vuxenenheten", "Äldreomsorgen Norrdalen"}
    for year in (2025, 2026):
        for name, plan in _control_plans(year).items():
            risks = list(plan.risks.all())
            size = (6, 10) if name in committees else (3, 5)
            assert size[0] <= len(risks) <= size[1], (name, year)
            assert all(risk.is_assessed for risk in risks), (name, year)
            assert submission_problems(plan) == [], (name, year)
            assert plan.status == PlanStatus.ADOPTED, (name, year)
            assert plan.submitted_by and plan.adopted_by and plan.submitted_by != plan.adopted_by
            processes = plan.processes.count()
            assert 3 <= processes <= 4 if name in committees else processes == 2, (name, year)


def test_every_committee_plan_has_the_years_city_risks(loaded):
    from styra.internal_control.models import CityRisk

    for year, count in ((2025, 2), (2026, 3)):
        city_risks = set(CityRisk.objects.filter(year__year=year))
        assert len(city_risks) == count
        titles = {c.title for c in city_risks}
        assert any("dataskydd" in title for title in titles)
        assert "Inköp görs utanför kommunens ramavtal" in titles
        for name in ("Socialnämnden", "Norrdalens stadsdelsnämnd"):
            plan = _control_plans(year)[name]
            received = {r.city_risk for r in plan.risks.filter(city_risk__isnull=False)}
            assert received == city_risks, (name, year)
        # Units get none: the city gives its risks to the committees.
        for name in ("Vuxenenheten", "Äldreomsorgen Norrdalen"):
            plan = _control_plans(year).get(name)
            assert plan is None or not plan.risks.filter(city_risk__isnull=False).exists()


def test_the_committees_plans_spread_over_the_matrix_with_a_high_risk_left_out(loaded):
    from styra.internal_control.models import RiskLevel

    for name in ("Socialnämnden", "Norrdalens stadsdelsnämnd"):
        plan = _control_plans(2026)[name]
        risks = list(plan.risks.prefetch_related("controls"))
        levels = {risk.level for risk in risks}
        assert {RiskLevel.MEDIUM, RiskLevel.HIGH, RiskLevel.VERY_HIGH} <= levels, name
        assert len({(r.probability, r.consequence) for r in risks}) >= 5, name
        left_out = [r for r in risks if r.is_high and not r.selected]
        assert left_out and all(r.omission_reason for r in left_out), name
        selected = [r for r in risks if r.selected]
        assert all(1 <= len(r.controls.all()) <= 2 for r in selected), name
        assert any(r.goal_id for r in risks), name
        for risk in selected:
            for control in risk.controls.all():
                assert control.method and control.scope and control.frequency, control
                assert control.responsible and control.reported_in, control


def test_the_controls_are_reported_in_t1_with_a_deviation_and_its_measure(loaded):
    from styra.internal_control.models import Control, ControlResult, ResultStatus

    for name in ("Socialnämnden", "Norrdalens stadsdelsnämnd"):
        plan = _control_plans(2026)[name]
        due = Control.objects.filter(risk__plan=plan, report_t1=True)
        results = ControlResult.objects.filter(control__in=due, period__code="2026T1")
        assert results.count() == due.count(), name  # every control due in T1 is reported
        statuses = [r.status for r in results]
        assert statuses.count(ResultStatus.NO_DEVIATION) > len(statuses) / 2, name
        deviations = [r for r in results if r.status == ResultStatus.DEVIATION]
        assert deviations, name
        for result in deviations:
            assert result.findings and result.reported_by, result
            measures = list(result.measures.all())
            assert measures, result
            assert all(m.responsible and m.start and m.end and m.status for m in measures)
    # Nothing is reported for a period the demo has not reached.
    assert not ControlResult.objects.filter(period__code__in=["2026T2", "2026VB"]).exists()


def test_the_2026_committee_plans_are_the_2025_ones_copied_and_revised(loaded):
    for name in ("Socialnämnden", "Norrdalens stadsdelsnämnd"):
        last, this = _control_plans(2025)[name], _control_plans(2026)[name]
        assert this.copied_from == last
        before = {(r.title, r.value) for r in last.risks.all()}
        after = {(r.title, r.value) for r in this.risks.all()}
        assert before != after and {t for t, _ in before} & {t for t, _ in after}
        # The 2025 plan was followed up through the year, its annual report included.
        assert last.risks.filter(controls__results__period__code="2025VB").exists()


def test_every_control_plan_exports_in_the_interchange_format(loaded):
    import json
    from pathlib import Path

    import jsonschema

    from styra.followup.models import ReportingPeriod
    from styra.internal_control import interchange

    schema_path = Path(interchange.__file__).parents[1] / "internal-control.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    t1 = ReportingPeriod.objects.get(code="2026T1")
    for plan in _control_plans(2026).values():
        data = interchange.control_plan_dict(plan, period=t1)
        jsonschema.validate(data, schema)


def test_every_demo_control_plan_is_adopted_through_the_doors_with_its_version(loaded):
    """Each adopted demo control plan was handed in and adopted by two people and has the
    snapshot the adoption stores (its data and PDF/A), as decisions' doors leave it."""
    from styra.decisions.models import Snapshot

    plans = ControlPlan.objects.adopted()
    assert plans.count() >= 6
    for plan in plans:
        assert plan.submitted_by is not None and plan.adopted_by not in (None, plan.submitted_by)
        snapshot = Snapshot.objects.adopted_control_plan(plan)
        assert snapshot is not None and snapshot.data["status"] == "adopted"


def test_a_handed_in_t1_report_freezes_its_units_control_results(loaded):
    """Vuxenenheten's T1 report is handed in: its controls were reported before, and stay."""
    from django.core.exceptions import ValidationError

    from styra.internal_control.services import result_report

    plan = _control_plans(2026)["Vuxenenheten"]
    result = ControlResult.objects.filter(control__risk__plan=plan).select_related("period")[0]
    assert result.period.code == "2026T1" and result.done
    with pytest.raises(ValidationError, match="inlämnad"):
        result_report(
            control=result.control, period=result.period, done=False, by=result.reported_by
        )


def test_the_current_plans_copy_to_the_next_year(loaded):
    """ "Kopiera till nästa år" from the demo's adopted 2026 plans, once 2027 is opened."""
    from styra.cycle.services import year_release
    from styra.internal_control.services import control_plan_copy_to_year

    call_command("year_open", "2027", "--from", "2026", "--all-committees", stdout=StringIO())
    next_year = year_release(year=PlanningYear.objects.get(year=2027), by=None)
    for plan in _control_plans(2026).values():
        copy = control_plan_copy_to_year(plan=plan, year=next_year)
        assert (copy.copied_from, copy.status) == (plan, PlanStatus.DRAFT)
        assert copy.risks.count() == plan.risks.count(), plan.unit_name
        assert copy.risks.filter(selected=True).count() == plan.risks.filter(selected=True).count()
        # The goals a risk threatened, as their copies in the new year.
        tied = list(copy.risks.filter(goal__isnull=False).select_related("goal"))
        assert tied or plan.org_unit.kind != "committee", plan.unit_name
        assert all(risk.goal.year == next_year for risk in tied), plan.unit_name


def test_units_promise_quality_guarantees_followed_up_in_t1(loaded):
    """Three units of the current year have quality guarantees in their plan, most with a
    T1 outcome; one promise was kept every time, others were not."""
    from styra.internal_control.models import GuaranteeOutcome, QualityGuarantee

    guarantees = QualityGuarantee.objects.filter(year__year=2026).select_related("unit")
    assert {g.unit.name for g in guarantees} == {
        "Vuxenenheten",
        "Mottagning och råd",
        "Äldreomsorgen Norrdalen",
    }
    outcomes = list(GuaranteeOutcome.objects.filter(period__code="2026T1"))
    assert len(outcomes) == 4
    assert any(o.kept == o.cases for o in outcomes) and any(o.kept < o.cases for o in outcomes)
    assert all(g.promise and g.term for g in guarantees)
