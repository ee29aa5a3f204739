"""An existing internal control plan document (Word, text), not only styra-internal-control/1
JSON, through the same preview-and-confirm page and the same command."""

import io
from io import StringIO

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from styra.internal_control.models import ControlPlan, Risk

pytestmark = pytest.mark.django_db

HEADER = (
    "Process",
    "Risk",
    "Sannolikhet",
    "Konsekvens",
    "Kontrollmoment",
    "Metod",
    "Ansvarig",
    "Rapportering",
)
ROWS = (
    (
        "Inköp",
        "Köp utanför avtal",
        "3",
        "3",
        "Stickprov på tjugo inköp",
        "Granskning",
        "Controller",
        "T1, VB",
    ),
    (
        "",
        "Fakturor utan attest",
        "2",
        "4",
        "Kontroll av attestlistor",
        "Registerkontroll",
        "Ekonomichef",
        "Helår",
    ),
    ("Dokumentation", "Sen journalföring", "2", "2", "", "", "", ""),
)


def _word_plan() -> bytes:
    document = docx.Document()
    document.add_heading("Internkontrollplan 2026 för Norra nämnden", level=1)
    table = document.add_table(rows=1, cols=len(HEADER))
    for cell, text in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = text
    for row in ROWS:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _text_plan() -> str:
    lines = ["Internkontrollplan 2026", "", "\t".join(HEADER)]
    lines += ["\t".join(row) for row in ROWS]
    return "\n".join(lines) + "\n"


def test_a_word_plan_is_previewed_then_stored(client, org, chain, committee_editor):
    client.force_login(committee_editor)
    upload = SimpleUploadedFile("internkontrollplan.docx", _word_plan())
    body = {"file": upload, "node": org.north.pk}
    response = client.post(reverse("internal_control:import"), body)
    assert response.status_code == 200, response.context["form"].errors
    page = response.content.decode()
    assert "Köp utanför avtal" in page and "Stickprov på tjugo inköp" in page
    assert not ControlPlan.objects.exists()
    payload = response.context["form"]["payload"].value()
    response = client.post(reverse("internal_control:import_confirm"), {"payload": payload})
    assert response.status_code == 302
    plan = ControlPlan.objects.get()
    risks = {risk.title: risk for risk in Risk.objects.filter(plan=plan)}
    assert set(risks) == {"Köp utanför avtal", "Fakturor utan attest", "Sen journalföring"}
    assert risks["Fakturor utan attest"].process.title == "Inköp"  # the merged cell goes on
    assert risks["Köp utanför avtal"].selected and risks["Köp utanför avtal"].value == 9
    assert not risks["Sen journalföring"].selected
    assert risks["Köp utanför avtal"].controls.get().reported_in == ("T1", "VB")


def test_a_file_that_is_no_plan_is_refused_in_swedish_and_stores_nothing(
    client, chain, committee_editor
):
    client.force_login(committee_editor)
    upload = SimpleUploadedFile("anteckningar.txt", "Inget här liknar en plan.\n".encode())
    response = client.post(reverse("internal_control:import"), {"file": upload})
    assert response.status_code == 400
    assert response.context["form"].errors["file"]
    assert not ControlPlan.objects.exists()


def test_the_command_reads_a_text_plan(chain, tmp_path):
    path = tmp_path / "ik.txt"
    path.write_text(_text_plan(), encoding="utf-8")
    out = StringIO()
    call_command(
        "import_internal_control",
        str(path),
        "--unit",
        "Norra nämnden",
        "--year",
        "2026",
        "--save",
        stdout=out,
        stderr=StringIO(),
    )
    assert "Köp utanför avtal" in out.getvalue()
    plan = ControlPlan.objects.get()
    assert plan.risks.count() == 3 and plan.risks.filter(selected=True).count() == 2
