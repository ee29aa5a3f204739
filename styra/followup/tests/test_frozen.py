"""Decided is decided: a submitted or approved report says what it said when it was handed in.

Its page, PDF, JSON export, the committee and city roll-ups (and their Excel)
and the committee's document are read from what the report froze on
submission (`followup.frozen`), whatever happens to the plan afterwards;
reopening reads it live again and the next submission freezes anew.
"""

import importlib
import io
from decimal import Decimal as D

import openpyxl
import pypdf
import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from styra.budget.services import budget_row_create, budget_row_update
from styra.conftest import add_indicator, add_unit_goal
from styra.decisions.models import Snapshot
from styra.decisions.services import report_approve, report_reopen, report_submit
from styra.followup.interchange import committee_report_data, unit_report_data
from styra.goals.services import activity_create, activity_update, goal_update
from styra.indicators.models import Aggregation
from styra.indicators.services import indicator_create, target_set

from ..models import ActivityStatus, Fulfilment, Report, ReportStatus
from ..rollup import rollup_for
from ..services import (
    activity_status_set,
    assessment_set,
    budget_follow_up_set,
    outcome_record,
    periods_ensure,
    report_open,
)
from .test_context import build_report
from .test_rollup import shared_indicator

HTMX = {"HTTP_HX_REQUEST": "true"}
BLOCKS = ("indicators", "goals", "activities", "budget", "sections")
NEW_NAMES = ("Nytt KF-mått", "Nytt mål efteråt", "Ny aktivitet efteråt", "Ny rad efteråt")


@pytest.fixture
def setup(org, chain, plan_a):
    """Enhet A's T1 report, filled in and assessed, with a shared indicator of Norra nämnden."""
    s = build_report(org, chain, plan_a)
    s.shared = shared_indicator(chain.board, org.north, "Väntetid", Aggregation.MEAN)
    target_set(indicator=s.shared, org_unit=org.unit_a, text="högst 10")
    for indicator, value in ((s.visits, "95"), (s.kf, "70"), (s.shared, "8")):
        outcome_record(
            indicator=indicator, org_unit=org.unit_a, period="2026T1", value=value, comment="Bra."
        )
    activity_status_set(
        report=s.report, activity=s.activity, status=ActivityStatus.STARTED, comment="På gång"
    )
    budget_follow_up_set(row=s.staff, period="2026T1", outcome=D(300), forecast=D(950))
    for goal in (s.goal, s.bare_goal):
        assessment_set(report=s.report, goal=goal, value=Fulfilment.FULFILLED, proposed="")
    return s


def _pdf_text(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)


def _rollup_summary(rollup) -> list:
    """Every figure a roll-up shows, as plain values."""
    goals = [
        (row.goal.pk, [[(i.goal.title, i.mark.value) for i in cell.items] for cell in row.cells])
        for row in rollup.goal_rows
    ]
    indicators = [
        (
            row.indicator.pk,
            [(f.value, f.text, f.target, f.status.status, f.applies) for f in row.cells],
            (row.total.value, row.total.target, row.total.count, row.total.note),
        )
        for row in rollup.indicator_rows
    ]
    money = [
        (f.budget, f.outcome, f.forecast, f.deviation, f.rows, f.rows_without_forecast)
        for f in [*rollup.budget, rollup.budget_total]
    ]
    return [goals, indicators, money]


def _excel(client, org) -> list:
    response = client.get(reverse("followup:rollup_excel", args=[org.north.pk, "2026T1"]))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    return [[[c.value for c in row] for row in ws.iter_rows()] for ws in book.worksheets]


def reading(client, report: Report, org) -> dict:
    """Everything that shows the report: JSON, PDF, page blocks, roll-ups, Excel."""
    blocks = {
        name: client.get(
            reverse("followup:report_block", args=[report.pk, name]), **HTMX
        ).content.decode()
        for name in BLOCKS
    }
    period = report.period
    return {
        "json": client.get(reverse("documents:report", args=[report.pk, "json"])).content,
        "pdf": _pdf_text(client.get(reverse("documents:report", args=[report.pk, "pdf"])).content),
        "blocks": blocks,
        "committee": _rollup_summary(rollup_for(org.north, period)),
        "city": _rollup_summary(rollup_for(org.city, period)),
        "excel": _excel(client, org),
    }


def change_the_plan(org, chain, plan, s) -> None:
    """What the plan may gain after the report is handed in: an indicator, goal, activity, row."""
    kf = indicator_create(goal=chain.area, owner=org.city, name="Nytt KF-mått", periodicity="")
    target_set(indicator=kf, org_unit=org.unit_a, text="minst 5")
    goal = add_unit_goal(chain, org.unit_a, "Nytt mål efteråt")
    add_indicator(goal, org.unit_a, "Eget mått", target="10", periodicity="tertial")
    activity_create(goal=s.goal, owner=org.unit_a, name="Ny aktivitet efteråt")
    budget_row_create(plan=plan, name="Ny rad efteråt", costs=D(500))
    shared = shared_indicator(chain.board, org.north, "Nytt nämndmått", Aggregation.SUM)
    target_set(indicator=shared, org_unit=org.unit_a, text="3")


def edit_the_plan(org, s) -> None:
    """What may be edited after submission: targets, titles, names, amounts and outcomes."""
    target_set(indicator=s.visits, org_unit=org.unit_a, text="50 %")
    target_set(indicator=s.shared, org_unit=org.unit_a, text="högst 2")
    goal_update(goal=s.goal, title="Omdöpt mål")
    activity_update(activity=s.activity, name="Omdöpt aktivitet", start=None, end=None)
    budget_row_update(row=s.staff, name="Omdöpt rad", costs=D(2000))
    # The services refuse a handed-in report's outcomes and budget follow-ups (one lock,
    # followup.services.outcome_refusal); the frozen content would hold even if they did not.
    with pytest.raises(ValidationError):
        outcome_record(indicator=s.shared, org_unit=org.unit_a, period="2026T1", value="99")
    with pytest.raises(ValidationError):
        budget_follow_up_set(row=s.staff, period="2026T1", outcome=D(1), forecast=D(1))


def test_an_approved_report_keeps_its_content_when_the_plan_gains_things(
    client, reader, approver, org, chain, plan_a, setup
):
    report_submit(report=setup.report, by=None)
    report_approve(report=setup.report, by=approver)
    client.force_login(reader)
    before = reading(client, setup.report, org)

    change_the_plan(org, chain, plan_a, setup)

    after = reading(client, setup.report, org)
    assert after == before
    assert before["json"].count(b'"status": "approved"') == 1
    for name in NEW_NAMES:
        assert name not in after["pdf"] and name.encode() not in after["json"]
        assert all(name not in html for html in after["blocks"].values())
    assert "Kan inte bedömas" not in after["blocks"]["indicators"].split("Andel besök")[1]


def test_a_submitted_report_keeps_its_content_when_the_plan_is_edited(
    client, reader, org, chain, plan_a, setup
):
    report_submit(report=setup.report, by=None)
    client.force_login(reader)
    before = reading(client, setup.report, org)

    edit_the_plan(org, setup)

    after = reading(client, setup.report, org)
    assert after == before
    for text in ("Omdöpt mål", "Omdöpt aktivitet", "Omdöpt rad", "50 %", "högst 2"):
        assert text not in after["pdf"] and text.encode() not in after["json"]
    assert "Alla besök bokas inom tre dagar" in after["blocks"]["goals"]
    assert "Ny bokningsrutin" in after["blocks"]["activities"]
    assert "Personalkostnader" in after["blocks"]["budget"]


def test_a_reopened_report_is_read_live_again_and_freezes_anew(
    client, reader, org, chain, plan_a, setup
):
    report_submit(report=setup.report, by=None)
    edit_the_plan(org, setup)
    client.force_login(reader)
    assert "Omdöpt mål".encode() not in reading(client, setup.report, org)["json"]

    report_reopen(report=setup.report, by=None, reason="Rätta målet")
    live = reading(client, setup.report, org)
    assert "Omdöpt mål".encode() in live["json"] and "Omdöpt rad" in live["blocks"]["budget"]

    report_submit(report=setup.report, by=None)
    frozen = reading(client, setup.report, org)
    change_the_plan(org, chain, plan_a, setup)
    goal_update(goal=setup.goal, title="Ännu ett namn")
    assert reading(client, setup.report, org) == frozen
    assert "Omdöpt mål".encode() in frozen["json"]
    assert "Ny rad efteråt".encode() not in frozen["json"]


def test_approving_keeps_what_was_submitted(approver, org, chain, plan_a, setup):
    report_submit(report=setup.report, by=None)
    submitted = unit_report_data(setup.report)
    edit_the_plan(org, setup)
    change_the_plan(org, chain, plan_a, setup)

    snapshot = report_approve(report=setup.report, by=approver)

    approved = unit_report_data(Report.objects.with_header().get(pk=setup.report.pk))
    status = ("status", "status_label", "approved_at")
    assert approved["status"] == ReportStatus.APPROVED
    assert {k: v for k, v in approved.items() if k not in status} == {
        k: v for k, v in submitted.items() if k not in status
    }
    assert Snapshot.objects.get(pk=snapshot.pk).data == approved


def test_export_report_writes_the_frozen_content(capsys, org, chain, plan_a, setup):
    report_submit(report=setup.report, by=None)
    args = ["export_report", "--unit", "Enhet A", "--year", "2026", "--period", "T1"]
    call_command(*args)
    before = capsys.readouterr().out
    edit_the_plan(org, setup)
    change_the_plan(org, chain, plan_a, setup)
    call_command(*args)
    assert capsys.readouterr().out == before
    assert "Alla besök bokas inom tre dagar" in before


def test_the_committee_document_of_a_submitted_committee_report_is_kept(
    org, chain, plan_a, plan_b, setup
):
    committee = report_open(org_unit=org.north, period=setup.report.period)
    assessment_set(
        report=committee, goal=chain.board, value=Fulfilment.PARTLY, proposed=Fulfilment.PARTLY
    )
    report_submit(report=committee, by=None)
    before = committee_report_data(org.north, "2026T1")
    # Enhet A is still a draft: its figures move the live roll-up, not the decided document.
    outcome_record(indicator=setup.shared, org_unit=org.unit_a, period="2026T1", value="42")
    goal_update(goal=chain.board, title="Nytt nämndmål")
    after = committee_report_data(org.north, "2026T1")
    assert after == before
    assert before["status"] == ReportStatus.SUBMITTED
    live = _rollup_summary(rollup_for(org.north, setup.report.period))
    assert D(42) in [f[0] for row in live[1] for f in row[1]]


def test_drafts_stay_live_in_the_roll_ups(org, chain, plan_a, plan_b, setup):
    """Only handed-in reports are frozen: a draft unit's new figures reach the roll-ups."""
    report_submit(report=setup.report, by=None)
    target_set(indicator=setup.shared, org_unit=org.unit_b, text="högst 10")
    outcome_record(indicator=setup.shared, org_unit=org.unit_b, period="2026T1", value="4")
    row = budget_row_create(plan=plan_b, name="Netto", net=D(100))
    budget_follow_up_set(row=row, period="2026T1", outcome=None, forecast=D(90))
    rollup = rollup_for(org.north, setup.report.period)
    shared = next(r for r in rollup.indicator_rows if r.indicator.pk == setup.shared.pk)
    assert [c.value for c in shared.cells] == [D(8), D(4)]
    assert shared.total.value == D(6)
    assert [f.budget for f in rollup.budget] == [D(800), D(100)]
    city = rollup_for(org.city, setup.report.period)
    assert city.budget_total.forecast == D(950) - D(0) + D(90)


def test_the_migration_freezes_reports_already_handed_in(client, reader, org, chain, plan_a, setup):
    report_submit(report=setup.report, by=None)
    Report.objects.filter(pk=setup.report.pk).update(frozen_content="", frozen_figures=None)
    migration = importlib.import_module("styra.followup.migrations.0006_freeze_decided_reports")
    migration.freeze_decided_reports(apps, None)
    report = Report.objects.get(pk=setup.report.pk)
    assert report.content_as_submitted and report.frozen_figures
    client.force_login(reader)
    before = reading(client, report, org)
    edit_the_plan(org, setup)
    assert reading(client, report, org) == before


def test_an_approved_reports_page_runs_a_bounded_number_of_queries(
    client, approver, org, setup, django_assert_max_num_queries
):
    report_submit(report=setup.report, by=None)
    report_approve(report=setup.report, by=approver)
    client.force_login(approver)
    with django_assert_max_num_queries(25):
        response = client.get(reverse("followup:report", args=[setup.report.pk]))
    assert "Andel besök inom tre dagar" in response.content.decode()


def test_a_committees_own_report_without_a_plan_keeps_its_board_goals(client, approver, org, chain):
    period = periods_ensure(year=chain.year)[0]
    committee = report_open(org_unit=org.north, period=period)
    assessment_set(
        report=committee, goal=chain.board, value=Fulfilment.PARTLY, proposed="", analysis="Ok."
    )
    report_submit(report=committee, by=None)
    goal_update(goal=chain.board, title="Omdöpt nämndmål")
    client.force_login(approver)
    html = client.get(
        reverse("followup:report_block", args=[committee.pk, "goals"]), **HTMX
    ).content.decode()
    assert "Ingen ska vänta längre än nödvändigt" in html and "Omdöpt" not in html
    assert "Bedöms delvis uppfyllas" in html


def test_the_frozen_page_shows_what_the_live_page_showed(client, reader, org, setup):
    """Freezing changes where the page reads from, not what it shows."""
    client.force_login(reader)
    live = reading(client, setup.report, org)["blocks"]
    report_submit(report=setup.report, by=None)
    assert reading(client, setup.report, org)["blocks"] == live


def test_the_city_roll_up_keeps_a_handed_in_committees_target(org, chain, plan_a, setup):
    target_set(indicator=setup.kf, org_unit=org.north, text="minst 60")
    committee = report_open(org_unit=org.north, period=setup.report.period)
    assessment_set(report=committee, goal=chain.board, value=Fulfilment.PARTLY, proposed="")
    report_submit(report=committee, by=None)
    target_set(indicator=setup.kf, org_unit=org.north, text="minst 99")
    rollup = rollup_for(org.city, setup.report.period)
    row = next(r for r in rollup.indicator_rows if r.indicator.pk == setup.kf.pk)
    assert row.cells[0].target == "minst 60"


def test_a_frozen_report_keeps_why_a_status_cannot_be_judged(client, reader, org, setup):
    """The page's note ("Årsmålet säger ”högst” men …") is in the JSON and the PDF, so a
    handed-in report and its documents give the reason too."""
    client.force_login(reader)
    report_submit(report=setup.report, by=None)
    after = reading(client, setup.report, org)
    note = "Årsmålet säger ”högst” men indikatorn har riktningen ”Högre är bättre”."
    assert note in after["blocks"]["indicators"]
    assert note.encode() in after["json"]
    assert "Kan inte bedömas: Årsmålet säger" in " ".join(after["pdf"].split())
