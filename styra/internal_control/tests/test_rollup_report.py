"""The roll-up of internal control in a committee's report (its data, PDF and Word, frozen
when the committee hands it in) and in the roll-up's Excel download, against the figures
test_rollup counts by hand."""

import io
from datetime import date, datetime

import openpyxl
import time_machine
from django.urls import reverse

from styra.decisions.services import report_submit
from styra.followup.interchange import committee_report_dict, report_data_file
from styra.followup.models import Fulfilment
from styra.followup.services import assessment_set, report_open
from styra.followup.tests.test_report_documents import docx_text, pdf_text
from styra.followup.tests.test_report_schema import assert_valid
from styra.internal_control import services as ic
from styra.internal_control.models import ControlResult
from styra.internal_control.rollup import control_rollup_for
from styra.internal_control.rollup_report import rollup_report_dict, rollup_sheets_for

from .test_rollup import scene

__all__ = ["scene"]  # the fixture, shared with test_rollup

NORTH = {"controls": 4, "not_reported": 1, "not_done": 1, "deviation": 1, "no_deviation": 1}
UNIT_A = {"controls": 2, "not_reported": 0, "not_done": 0, "deviation": 1, "no_deviation": 1}


def test_the_report_part_holds_the_counts_deviations_and_plans_not_adopted(org, scene):
    data = rollup_report_dict(control_rollup_for(org.north, scene.t1, controls=False))

    assert data["part"] == "T1"
    assert data["plans"] == [
        {"unit": "Norra nämnden", "plan_id": scene.north.pk, **NORTH},
        {"unit": "Enhet A", "plan_id": scene.unit_a.pk, **UNIT_A},
    ]
    assert data["total"] == {
        "controls": 6,
        "not_reported": 1,
        "not_done": 1,
        "deviation": 2,
        "no_deviation": 2,
    }
    first, second = data["deviations"]
    assert (first["unit"], first["process"], first["risk"], first["control"]) == (
        "Norra nämnden",
        "Inköp",
        "Fel attest",
        "Stickprov på attester",
    )
    assert first["findings"] == "Två utan attest"
    assert first["measures"] == [
        {
            "name": "Påminnelse om attestordningen",
            "responsible": "Ekonomichef",
            "start": "2026-05-01",
            "end": "2026-06-30",
            "status": "started",
            "status_label": "Påbörjad",
        },
        {
            "name": "Ny kontroll i systemet",
            "responsible": "",
            "start": None,
            "end": None,
            "status": "finished",
            "status_label": "Slutförd",
        },
    ]
    assert (second["unit"], second["findings"], second["measures"]) == (
        "Enhet A",
        "Tre journaler utan signering",
        [],
    )
    assert data["not_adopted"] == [{"unit": "Enhet B", "status": "draft", "status_label": "Utkast"}]
    assert data["without_plan"] == []


def test_a_committee_without_a_plan_says_so(org, scene):
    data = rollup_report_dict(control_rollup_for(org.south, scene.t1, controls=False))
    assert data["without_plan"] == []  # Södra nämnden has its own
    scene.south.delete()
    data = rollup_report_dict(control_rollup_for(org.south, scene.t1, controls=False))
    assert data["without_plan"] == ["Södra nämnden"]
    assert data["plans"] == [] and data["total"]["controls"] == 0


def test_the_committee_report_carries_it_and_fits_the_schema(org, scene):
    data = committee_report_dict(org.north, scene.t1)
    assert data["internal_control"] == rollup_report_dict(
        control_rollup_for(org.north, scene.t1, controls=False)
    )
    assert_valid(data)


def test_the_committee_documents_print_every_deviation_and_measure(org, scene):
    data = committee_report_dict(org.north, scene.t1)
    for text in (
        pdf_text(report_data_file(data, "pdf")),
        docx_text(report_data_file(data, "docx")),
    ):
        flat = " ".join(text.split())
        assert "Internkontroll" in flat
        for words in (
            "Stickprov på attester",
            "Två utan attest",
            "Påminnelse om attestordningen",
            "Ekonomichef",
            "2026-05-01 – 2026-06-30",
            "Ny kontroll i systemet",
            "Tre journaler utan signering",
            "Ingen åtgärd ännu",
            "Nämnden totalt",
            "Enhet B",  # not adopted
        ):
            assert words in flat, words
        assert "Månadsuppföljning" not in flat  # Södra nämnden's


def test_the_handed_in_report_keeps_the_results_it_was_handed_in_with(org, chain, scene, approver):
    own = report_open(org_unit=org.north, period=scene.t1)
    assessment_set(report=own, goal=chain.board, value=Fulfilment.PARTLY, proposed="")
    report_submit(report=own, by=approver)
    # Enhet A's own report is not handed in: its results may still change, the committee's
    # report does not.
    journal = ControlResult.objects.get(findings="Tre journaler utan signering")
    ic.result_report(
        control=journal.control,
        period=scene.t1,
        done=True,
        result="deviation",
        findings="Fem journaler utan signering",
        by=None,
    )
    frozen = committee_report_dict(org.north, scene.t1)["internal_control"]
    assert [d["findings"] for d in frozen["deviations"]] == [
        "Två utan attest",
        "Tre journaler utan signering",
    ]
    live = rollup_report_dict(control_rollup_for(org.north, scene.t1, controls=False))
    assert live["deviations"][1]["findings"] == "Fem journaler utan signering"


def test_a_report_frozen_before_it_prints_without_it(org, scene):
    data = committee_report_dict(org.north, scene.t1)
    del data["internal_control"]
    assert_valid(data)
    assert "Internkontroll" not in " ".join(pdf_text(report_data_file(data, "pdf")).split())


def read(content: bytes) -> dict[str, list[list[object]]]:
    book = openpyxl.load_workbook(io.BytesIO(content))
    return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in book}


def test_the_committee_workbook_has_the_counts_and_a_row_per_measure(client, reader, org, scene):
    client.force_login(reader)
    with time_machine.travel(date(2026, 5, 1)):
        url = reverse("followup:rollup_excel", args=[org.north.pk, "2026T1"])
        sheets = read(client.get(url).content)
    assert sheets["Internkontroll"] == [
        ["Plan", "Ej rapporterad", "Kontrollen är inte gjord", "Avvikelser", "Inga avvikelser"]
        + ["Kontrollmoment"],
        ["Norra nämnden", 1, 1, 1, 1, 4],
        ["Enhet A", 0, 0, 1, 1, 2],
        ["Nämnden totalt", 1, 1, 2, 2, 6],
    ]
    deviations = sheets["Avvikelser"]
    assert deviations[0][:7] == [
        "Plan",
        "Process",
        "Risk",
        "Kontrollmoment",
        "Ansvarig",
        "Iakttagelser",
        "Åtgärd",
    ]
    assert [row[6] for row in deviations[1:]] == [
        "Påminnelse om attestordningen",
        "Ny kontroll i systemet",
        "Ingen åtgärd ännu",
    ]
    assert deviations[1][7:] == [
        "Ekonomichef",
        datetime(2026, 5, 1),
        datetime(2026, 6, 30),
        "Påbörjad",
    ]
    assert deviations[3][:6] == [
        "Enhet A",
        "Dokumentation",
        "Brister i journaler",
        "Journalgranskning",
        None,
        "Tre journaler utan signering",
    ]


def test_the_city_workbook_counts_per_committee(client, city_admin, org, scene):
    client.force_login(city_admin)
    with time_machine.travel(date(2026, 5, 1)):
        sheets = read(client.get(reverse("followup:rollup_excel", args=["2026T1"])).content)
    counts = sheets["Internkontroll"]
    assert counts[0][0] == "Nämnd" and counts[0][-2:] == ["Kontrollmoment", "Fastställda planer"]
    by_name = {row[0]: row[1:] for row in counts[1:]}
    assert by_name["Norra nämnden"] == [1, 1, 2, 2, 6, 2]
    assert by_name["Södra nämnden"] == [0, 0, 1, 0, 1, 1]
    assert by_name["Staden totalt"] == [1, 1, 3, 2, 7, 3]
    assert "Avvikelser" not in sheets  # they stay on each committee's


def test_the_workbook_leaves_out_the_plans_the_reader_may_not_see(org, scene):
    # The view passes accounts.permissions.visible_unit_ids, as to the page's section.
    counts, deviations = rollup_sheets_for(org.north, scene.t1, {org.north.pk, org.unit_b.pk})
    assert [row[0] for row in counts.rows] == ["Norra nämnden", "Nämnden totalt"]
    assert {row[0] for row in deviations.rows} == {"Norra nämnden"}


def test_an_outsider_gets_no_workbook(client, outsider, org, scene):
    client.force_login(outsider)
    url = reverse("followup:rollup_excel", args=[org.north.pk, "2026T1"])
    assert client.get(url).status_code in (403, 404)
