"""Internal control plans and their follow-up as PDF/A + PDF/UA and Word files."""

import io
from typing import Any

import docx
import jsonschema
import pikepdf
import pypdf
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from styra.documents.internal_control_layout import (
    CONSEQUENCE,
    PROBABILITY,
    build_internal_control_layout,
    level_of,
)
from styra.documents.layout import Matrix, Table
from styra.documents.render import render
from styra.internal_control.models import RiskLevel

from .pdf_checks import assert_archivable_swedish_pdf
from .sample_internal_control import SCHEMA, many_risks, sample_control_plan
from .sample_plans import FIXED_TIME, HOSTILE, normalise
from .test_docx import all_text

FOLLOW_UP = "Uppföljning av internkontrollplan, Tertialrapport 1 2026 – Norra nämnden"
PLAN = "Internkontrollplan 2026 – Norra nämnden"


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join((page.extract_text() or "") for page in reader.pages)


def lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.split("\n")]


def structure(data: bytes) -> dict[str, int]:
    """How many structure elements of each type the PDF's tag tree holds."""
    found: dict[str, int] = {}
    with pikepdf.open(io.BytesIO(data)) as pdf:
        stack = [pdf.Root.StructTreeRoot]
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Dictionary) and "/S" in node:
                found[str(node.S)] = found.get(str(node.S), 0) + 1
            kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
            if isinstance(kids, pikepdf.Array):
                stack.extend(kids)
            elif isinstance(kids, pikepdf.Dictionary):
                stack.append(kids)
    return found


def every_text(data: dict[str, Any]) -> list[str]:
    """Every risk, control, result and measure the dict holds, as the documents print them."""
    texts = []
    for process in data["processes"]:
        texts.append(process["title"])
        for risk in process["risks"]:
            texts.append(risk["title"])
            texts.extend(filter(None, [risk["omission_reason"], risk["level_label"]]))
            for control in risk["controls"]:
                texts.extend(
                    filter(None, (control[k] for k in ("what", "method", "scope", "responsible")))
                )
                for result in control["results"]:
                    texts.extend(filter(None, [result["status_label"], result["findings"]]))
                    for measure in result["measures"]:
                        texts.extend([measure["name"], measure["status_label"]])
                        texts.extend(filter(None, [measure["start"], measure["end"]]))
    return texts


def matrix_lines(data: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The matrix's rows as drawn ("4 – Allvarlig Medel 0 Hög 0 …") and as the table's rows
    ("4 – Allvarlig 1 – Osannolik 4 Medel 0")."""
    drawn, table = [], []
    for row, c in enumerate((4, 3, 2, 1)):
        cells = []
        for p in (1, 2, 3, 4):
            count = data["matrix"][row][p - 1]
            level = {"low": "Låg", "medium": "Medel", "high": "Hög", "very_high": "Mycket hög"}[
                level_of(p * c)
            ]
            cells.append(f"{level} {count}")
            table.append(f"{CONSEQUENCE[c]} {PROBABILITY[p]} {p * c} {level} {count}")
        drawn.append(f"{CONSEQUENCE[c]} {' '.join(cells)}")
    return drawn, table


@pytest.fixture(scope="module", params=[None, "2026T1"], ids=["plan", "follow-up"])
def data(request) -> dict[str, Any]:
    return sample_control_plan(request.param)


@pytest.fixture(scope="module")
def pdf(data) -> bytes:
    return render(data, "pdf", generated_at=FIXED_TIME)


@pytest.fixture(scope="module")
def word(data) -> Any:
    return docx.Document(io.BytesIO(render(data, "docx", generated_at=FIXED_TIME)))


def test_the_samples_are_the_format():
    for data in (sample_control_plan(), sample_control_plan("2026T1"), many_risks()):
        jsonschema.validate(data, SCHEMA)


def test_the_levels_are_internal_controls():
    for value in range(1, 17):
        assert level_of(value) == RiskLevel.of(value).value


def test_the_pdf_is_archivable_and_accessible(data, pdf):
    assert_archivable_swedish_pdf(pdf, title=FOLLOW_UP if data["period"] else PLAN)


def test_the_pdf_holds_every_risk_control_result_and_measure(data, pdf):
    text = normalise(pdf_text(pdf))
    for expected in every_text(data):
        assert normalise(expected) in text, expected
    title = "Uppföljning av internkontrollplan" if data["period"] else "Internkontrollplan 2026"
    assert title in text and "Norra nämnden" in text and "Teststad" in text
    assert "Status: Fastställd 20 februari 2026" in text
    for heading in ("Riskanalys", "Riskmatris", "Kontrollplan"):
        assert heading in text
    assert ("Resultat av kontrollerna" in text) == bool(data["period"])
    assert ("Åtgärder" in text) == bool(data["period"])


def test_the_follow_up_says_what_was_not_reported():
    text = normalise(pdf_text(render(sample_control_plan("2026T1"), "pdf")))
    # The second control is reported in T2 only: not asked for in T1.
    plan_part, results = text.rsplit("Resultat av kontrollerna", 1)  # the first is the contents'
    assert "Attestlistan är aktuell" in plan_part
    assert "Attestlistan är aktuell" not in results
    data = sample_control_plan("2026T1")
    data["processes"][1]["risks"][0]["controls"][0]["results"] = []
    text = normalise(pdf_text(render(data, "pdf")))
    assert "Månadsuppföljning av prognos Ej rapporterad" in text


def test_the_matrix_is_drawn_and_a_table_in_the_pdf(data, pdf):
    seen = lines(pdf_text(pdf))
    drawn, table = matrix_lines(data)
    for line in drawn + table:
        assert line in seen, line
    # The drawing is an artifact; the table is tagged with its header cells, as every table.
    tags = structure(pdf)
    tables = 5 if data["period"] else 3
    headers = 9 + 5 + 7 + (4 + 6 if data["period"] else 0)
    assert (tags.get("/Table"), tags.get("/TH")) == (tables, headers)


def test_the_layout_gives_the_dicts_counts_in_both_forms(data):
    blocks = build_internal_control_layout(data).blocks
    (drawing,) = [b for b in blocks if isinstance(b, Matrix)]
    assert [[c.count for c in row] for row in drawing.rows] == data["matrix"]
    table = blocks[blocks.index(drawing) + 2]
    assert isinstance(table, Table)
    counts = [int(row.cells[-1]) for row in table.rows]
    assert counts == [n for row in data["matrix"] for n in row]
    assert sum(counts) == data["summary"]["assessed"]


def test_the_word_file_holds_everything_and_the_matrix(data, word):
    text = normalise(all_text(word))
    for expected in every_text(data):
        assert normalise(expected) in text, expected
    drawn, table = matrix_lines(data)
    grids = {
        tuple(" ".join(c.text.split()) for c in row.cells) for t in word.tables for row in t.rows
    }
    rows = [" ".join(" ".join(cells).split()) for cells in grids]
    for line in drawn + table:
        assert line in rows, line


def test_the_word_file_is_landscape_with_repeated_headers(data, word):
    section = word.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert section.page_width > section.page_height
    headed = [t for t in word.tables if t.rows[0].cells[0].text in ("Process", "Konsekvens")]
    assert len(headed) == 2
    for table in headed:
        assert table.rows[0]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    shaded = {
        shading.get(qn("w:fill"))
        for table in word.tables
        for shading in table._tbl.iter(qn("w:shd"))
    }
    assert {"CDE8CD", "FBE6A0", "F6C08A", "EE9D94"} <= shaded
    assert word.core_properties.title == (FOLLOW_UP if data["period"] else PLAN)


def test_hostile_text_prints_literally(pdf):
    text = normalise(pdf_text(pdf))
    assert normalise(HOSTILE[3]) in text


def test_a_draft_says_so():
    data = sample_control_plan() | {"status": "draft", "status_label": "Utkast"}
    text = normalise(pdf_text(render(data, "pdf")))
    assert "Förslag till beslut" in text and "Status: Utkast" in text
    assert "Förslag till beslut" not in normalise(pdf_text(render(sample_control_plan(), "pdf")))


def test_sixty_risks_break_across_pages_with_their_header():
    data = many_risks(60)
    pdf = render(data, "pdf", generated_at=FIXED_TIME)
    assert_archivable_swedish_pdf(pdf, title=PLAN)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    pages = [page.extract_text() or "" for page in reader.pages]
    text = normalise("\n".join(pages))
    for process in data["processes"]:
        for risk in process["risks"]:
            assert risk["title"] in text
            assert risk["controls"][0]["what"] in text
    # The one risk analysis runs over several pages, its header on each.
    headed = [p for p in pages if "Process Risk Sannolikhet Konsekvens" in normalise(p)]
    assert len(headed) > 2
    word = docx.Document(io.BytesIO(render(data, "docx", generated_at=FIXED_TIME)))
    assert len(word.tables[1].rows) == 61


def test_the_output_is_reproducible():
    data = sample_control_plan("2026T1")
    assert render(data, "pdf", generated_at=FIXED_TIME) == render(
        data, "pdf", generated_at=FIXED_TIME
    )
    assert render(data, "docx", generated_at=FIXED_TIME) == render(
        data, "docx", generated_at=FIXED_TIME
    )
