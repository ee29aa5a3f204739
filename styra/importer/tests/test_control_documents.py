"""Reading internal control plan documents: each shape, the words, the warnings, bad input."""

import io
import json
import os
import time
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
from django.core.exceptions import ValidationError

from styra.importer.control_documents import read_control_plan

SCHEMA = json.loads(
    (
        Path(__file__).resolve().parents[2] / "internal_control" / "internal-control.schema.json"
    ).read_text(encoding="utf-8")
)

TAB_PLAN = (
    "Internkontrollplan 2026 för Kulturnämnden\n\n"
    "Process\tRisk\tSannolikhet\tKonsekvens\tKontrollmoment\tMetod\tAnsvarig\tRapportering\n"
    "Inköp\tFakturor attesteras av fel person\t3\t4\tKontroll av attester\tStickprov\t"
    "Controller\tT1, T2, VB\n"
    "\t\t\t\tGenomgång av attestlistan\tGranskning\tEkonomichef\tHelår\n"
    "\tInköp utanför avtal\t1\t2\t\t\t\t\n"
    "Personal\tBehörigheter tas inte bort\t4\t3\t\t\t\t\n"
)


def fastest(work: Callable[[], object], runs: int = 3) -> float:
    # The best of a few runs: one run on a shared CI machine can be slowed by anything else
    # running there, and a linearity check must measure the reader, not the neighbours.
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def read(text: str, name: str = "plan.txt"):
    return read_control_plan(text.encode("utf-8"), filename=name)


def risks(data):
    return [r for p in data["processes"] for r in p["risks"]]


def test_a_tab_separated_plan_is_a_valid_draft_with_its_risks_and_controls():
    reading = read(TAB_PLAN)
    data = reading.data

    jsonschema.validate(data, SCHEMA)
    assert (data["year"], data["unit"], data["status"]) == (2026, "Kulturnämnden", "draft")
    assert [p["title"] for p in data["processes"]] == ["Inköp", "Personal"]
    first, second, third = risks(data)
    assert (first["probability"], first["consequence"], first["value"]) == (3, 4, 12)
    assert first["level"] == "very_high" and first["selected"]
    assert [c["what"] for c in first["controls"]] == [
        "Kontroll av attester",
        "Genomgång av attestlistan",
    ]
    assert [c["reported_in"] for c in first["controls"]] == [["T1", "T2", "VB"], ["VB"]]
    # A process cell left empty goes on with the process above.
    assert second["title"] == "Inköp utanför avtal" and not second["selected"]
    assert data["matrix"][0][2] == 1  # consequence 4, probability 3
    assert data["summary"] == {
        "risks": 3,
        "assessed": 3,
        "selected": 1,
        "controls": 2,
        "reported": 0,
        "deviations": 0,
    }
    # A high risk left without a control: the reader asks for the reason.
    assert not third["selected"]
    assert any("Behörigheter tas inte bort" in w and "skälet" in w for w in reading.warnings)


def test_a_markdown_table_with_the_columns_in_another_order():
    text = (
        "# Internkontrollplan 2025\n\n"
        "| Kontrollmoment | Ansvarig | När | Risk | Process/rutin | K | S |\n"
        "|---|---|---|---|---|---|---|\n"
        "| Stickprov på beslut | Enhetschef | Tertialvis | Beslut saknar motivering "
        "| Myndighetsutövning | 3 | 2 |\n"
    )
    (risk,) = risks(read(text, "plan.md").data)
    assert (risk["title"], risk["probability"], risk["consequence"]) == (
        "Beslut saknar motivering",
        2,
        3,
    )
    assert risk["controls"][0]["responsible"] == "Enhetschef"
    assert risk["controls"][0]["reported_in"] == ["T1", "T2", "VB"]


def test_a_laid_out_text_with_wrapped_cells_and_a_header_broken_inside_a_word():
    text = (
        "Internkontrollplan 2027\n\n"
        "Process      Risk                 Sannolik-  Konse-   Kontrollmoment     Rapportering\n"
        "                                  het        kvens\n"
        "Ekonomisk    Prognoser bygger på  Möjlig     Kännbar  Jämförelse mot     April och\n"
        "uppföljning  inaktuella underlag                      utfall             december\n"
        "             Avgifter faktureras  Sannolik   Lindrig  Stickprov på       Delår\n"
        "             inte i tid                               fakturor\n"
    )
    data = read(text).data
    assert [p["title"] for p in data["processes"]] == ["Ekonomisk uppföljning"]
    first, second = risks(data)
    assert first["title"] == "Prognoser bygger på inaktuella underlag"
    assert (first["probability"], first["consequence"]) == (3, 3)
    assert first["controls"][0]["what"] == "Jämförelse mot utfall"
    assert first["controls"][0]["reported_in"] == ["T1", "VB"]
    assert (second["probability"], second["consequence"]) == (4, 2)
    assert second["controls"][0]["reported_in"] == ["T2"]


def test_two_headers_one_space_apart_are_two_columns():
    text = (
        "Internkontrollplan 2027\n\n"
        "Process   Risk for          Kontroll         Rapportering S   K\n"
        "Inköp     Fel attest        Stickprov        T1           3   4\n"
    )
    (risk,) = risks(read(text).data)
    assert (risk["probability"], risk["consequence"]) == (3, 4)
    assert risk["controls"][0]["reported_in"] == ["T1"]


def test_a_run_of_words_keeps_to_its_column_when_the_layout_set_it_too_far_right():
    # A layout placed a cell's last words where the next column starts, one space after
    # the words before them; the next column's own run stands after them.
    text = (
        "Internkontrollplan 2027\n\n"
        "Process   Risk         Kontrollmoment      Ansvarig   Rapportering\n"
        "Inköp     Fel attest   Kontroll av attest och  Controller  T1\n"
        "                       underlag\n"
    )
    (control,) = risks(read(text).data)[0]["controls"]
    assert control["what"] == "Kontroll av attest och underlag"
    assert control["responsible"] == "Controller"


def test_a_cell_set_a_little_left_of_its_column_one_space_after_the_cell_before():
    text = (
        "Internkontrollplan 2027\n\n"
        "Process   Risk                 Kontrollmoment   Ansvarig\n"
        "Inköp     Fakturor attesteras Granskning av    Controller\n"
        "          av fel person       attesterna\n"
    )
    (risk,) = risks(read(text).data)
    assert risk["title"] == "Fakturor attesteras av fel person"
    assert risk["controls"][0]["what"] == "Granskning av attesterna"


def test_a_laid_out_table_goes_on_on_the_next_page_in_its_own_columns():
    page_one = (
        "Internkontrollplan 2027\n\n"
        "Process      Risk                  Kontrollmoment       Ansvarig\n"
        "Inköp        Fel attest            Kontroll av attest   Controller\n"
    )
    # No header on the next page, a running head at its top, the columns set elsewhere.
    page_two = (
        "Internkontrollplan 2027                                 Dnr 1.2-345/2026\n\n"
        "Personal   Behörigheter kvar   Genomgång av listor   HR-chef\n"
        "                               och behörigheter\n"
    )
    data = read(page_one + "\f" + page_two).data
    assert [p["title"] for p in data["processes"]] == ["Inköp", "Personal"]
    second = data["processes"][1]["risks"][0]
    assert second["title"] == "Behörigheter kvar"
    assert second["controls"][0]["what"] == "Genomgång av listor och behörigheter"
    assert second["controls"][0]["responsible"] == "HR-chef"


def test_a_header_repeated_on_every_page_is_kept_though_it_looks_like_a_running_head():
    header = "Verksamhetsområde   Identifierad risk   Kontrollmoment   Kontrollansvarig\n"
    names = ("Inköp", "Personal", "Arkiv", "Lokaler")
    pages = [
        f"{header}{name:20s}Fel i {name.lower():14s}Stickprov        Controller\n" for name in names
    ]
    data = read("Internkontrollplan 2027\n\n" + "\f".join(pages)).data
    assert [p["title"] for p in data["processes"]] == list(names)


def test_a_header_cell_set_on_a_line_of_its_own_above_the_header():
    text = (
        "Internkontrollplan 2027\n\n"
        "Verksamhetsområde\n"
        "               Identifierad risk   Kontrollmoment   Ansvarig\n"
        "Inköp          Fel attest          Stickprov        Controller\n"
    )
    data = read(text).data
    assert [p["title"] for p in data["processes"]] == ["Inköp"]
    assert risks(data)[0]["title"] == "Fel attest"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Verksamhetsomr", "process"),  # cut where its cell ends
        ("ådIdeentifierad risk", "risk"),  # the cell before ran into it
        ("Verksam", None),  # too short a piece to tell
    ],
)
def test_a_header_word_cut_or_run_into(cell, expected):
    from styra.importer.control_documents import columns

    assert columns.role(cell) == expected


def test_a_viewer_copy_with_an_empty_line_after_every_line():
    lines = TAB_PLAN.replace("\n\n", "\n").splitlines()
    text = "".join(f"{line} \n\n" for line in lines)
    assert len(risks(read(text).data)) == 3


@pytest.mark.parametrize(
    ("probability", "consequence", "expected"),
    [
        ("Osannolik", "Försumbar", (1, 1)),
        ("Mindre sannolik", "Lindrig", (2, 2)),
        ("Möjlig", "Kännbar", (3, 3)),
        ("3 – Möjlig", "4 (Allvarlig)", (3, 4)),
        ("Mycket stor", "Mycket allvarlig", (4, 4)),
        ("Låg", "Liten", (1, 1)),
    ],
)
def test_the_scales_words(probability, consequence, expected):
    text = TAB_PLAN.replace("\t3\t4\t", f"\t{probability}\t{consequence}\t")
    first = risks(read(text).data)[0]
    assert (first["probability"], first["consequence"]) == expected


def test_allvarlig_is_the_third_step_where_the_column_ends_in_mycket_allvarlig():
    text = TAB_PLAN.replace("\t3\t4\t", "\t3\tAllvarlig\t").replace(
        "\t4\t3\t", "\t4\tMycket allvarlig\t"
    )
    first, _, third = risks(read(text).data)
    assert (first["consequence"], third["consequence"]) == (3, 4)


def test_a_word_of_no_scale_is_left_empty_and_said():
    reading = read(TAB_PLAN.replace("\t3\t4\t", "\tKanske\t4\t"))
    assert risks(reading.data)[0]["probability"] is None
    assert any("Kanske" in w and "sannolikhet" in w for w in reading.warnings)


def test_a_risk_value_alone_is_never_split_and_is_said():
    text = (
        "Internkontrollplan 2026\n"
        "Process\tRisk\tRiskvärde\tKontrollmoment\tAnsvarig\tRapportering\n"
        "Inköp\tFel attest\t6\tKontroll av attester\tController\tT1\n"
    )
    reading = read(text)
    (risk,) = risks(reading.data)
    assert risk["probability"] is None and risk["consequence"] is None
    assert not risk["selected"]  # a control, but no assessment: not in the plan yet
    assert any("riskvärde men inte sannolikhet" in w for w in reading.warnings)


def test_a_risk_value_that_is_not_p_times_k_is_said():
    text = TAB_PLAN.replace("Konsekvens\t", "Konsekvens\tRV\t").replace("\t3\t4\t", "\t3\t4\t9\t")
    text = text.replace("\t\t\t\tGenomgång", "\t\t\t\t\tGenomgång").replace(
        "\t1\t2\t", "\t1\t2\t2\t"
    )
    text = text.replace("\t4\t3\t", "\t4\t3\t12\t")
    reading = read(text)
    assert risks(reading.data)[0]["value"] == 12
    assert any("riskvärdet 9" in w and "12" in w for w in reading.warnings)


@pytest.mark.parametrize(
    ("when", "parts"),
    [
        ("T1", ["T1"]),
        ("Tertial 1", ["T1"]),
        ("tertialvis", ["T1", "T2", "VB"]),
        ("April, augusti, december", ["T1", "T2", "VB"]),
        ("Delår", ["T2"]),
        ("Delårsbokslut och årsbokslut", ["T2", "VB"]),
        ("Helår", ["VB"]),
        ("Årsbokslut", ["VB"]),
        ("VB", ["VB"]),
        ("Halvår", ["T2"]),
        ("T1/T2/VB", ["T1", "T2", "VB"]),
    ],
)
def test_when_words(when, parts):
    text = TAB_PLAN.replace("T1, T2, VB", when)
    assert risks(read(text).data)[0]["controls"][0]["reported_in"] == parts


def test_a_when_word_not_known_is_vb_and_said():
    reading = read(TAB_PLAN.replace("T1, T2, VB", "Vid behov"))
    assert risks(reading.data)[0]["controls"][0]["reported_in"] == ["VB"]
    assert any("Vid behov" in w for w in reading.warnings)


def test_the_year_comes_from_the_title_never_from_a_dnr_or_a_date():
    text = "Dnr 1.2-345/2024\n2024-10-12\n" + TAB_PLAN
    assert read(text).data["year"] == 2026
    reading = read("Dnr 1.2-345/2024\n2024-10-12\n" + TAB_PLAN.split("\n", 1)[1])
    assert reading.data["year"] != 2024 or any("vilket år" in w for w in reading.warnings)
    assert any("vilket år" in w for w in reading.warnings)


def test_the_node_from_a_possessive_title():
    text = TAB_PLAN.replace(
        "Internkontrollplan 2026 för Kulturnämnden", "Socialnämndens internkontrollplan 2026"
    )
    assert read(text).data["unit"] == "Socialnämnden"


def test_a_control_table_names_the_risks_of_the_risk_table():
    text = (
        "Internkontrollplan 2026\n\nRiskanalys\n"
        "Process\tRisk\tS\tK\n"
        "Inköp\tFel attest\t3\t3\n"
        "Inköp\tAvtal följs inte\t1\t1\n\n"
        "Kontrollplan\n\n"
        "Risk\tKontrollmoment\tAnsvarig\tNär\n"
        "Fel attest\tKontroll av attester\tController\tT2\n"
    )
    first, second = risks(read(text).data)
    assert first["selected"] and first["controls"][0]["reported_in"] == ["T2"]
    assert not second["selected"] and second["controls"] == []


def _docx(rows, *, merge_process=False, split=False) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Internkontrollplan 2026 – Äldrenämnden", level=1)
    parts = [rows[1:3], rows[3:]] if split else [rows[1:]]
    for part in parts:
        table = document.add_table(rows=0, cols=len(rows[0]))
        for row in [rows[0], *part]:
            cells = table.add_row().cells
            for cell, text in zip(cells, row, strict=True):
                cell.text = text
        if merge_process:
            top = table.rows[1].cells[0]
            text = top.text
            top.merge(table.rows[len(table.rows) - 1].cells[0]).text = text
        document.add_paragraph("")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


DOCX_ROWS = [
    ["Process/rutin", "Risk", "Sannolikhet", "Konsekvens", "Kontroll", "Ansvarig", "När"],
    ["Arkiv", "Handlingar diarieförs inte", "Möjlig", "Kännbar", "Stickprov", "Registrator", "T1"],
    ["", "Gallring i strid med planen", "Sannolik", "Allvarlig", "Genomgång", "Arkivarie", "VB"],
    ["", "Journaler förs inte", "Osannolik", "Lindrig", "", "", ""],
]


@pytest.mark.parametrize(("merged", "split"), [(True, False), (False, True), (True, True)])
def test_a_word_table_with_merged_process_cells_or_split_in_two(merged, split):
    reading = read_control_plan(
        _docx(DOCX_ROWS, merge_process=merged, split=split), filename="p.docx"
    )
    data = reading.data
    assert data["unit"] == "Äldrenämnden"
    assert [p["title"] for p in data["processes"]] == ["Arkiv"]
    assert [r["title"] for r in risks(data)] == [r[1] for r in DOCX_ROWS[1:]]
    assert [r["probability"] for r in risks(data)] == [3, 4, 1]
    assert reading.pages == []  # a Word file has no pages to name


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"", "tom.txt"),
        (b"Det har var ett brev om annat.\nInga tabeller alls.\n", "brev.txt"),
        (b"Process\tRisk\tSannolikhet\tKontrollmoment\n", "tom-tabell.txt"),
        (os.urandom(4096), "slump.bin"),
        (b"%PDF-1.7\n garbage", "trasig.pdf"),
        (b"PK\x03\x04 not a zip", "trasig.docx"),
    ],
)
def test_bad_input_is_a_clear_swedish_message(data, name):
    with pytest.raises(ValidationError) as caught:
        read_control_plan(data, filename=name)
    message = " ".join(caught.value.messages)
    assert message.startswith(("Filen", "Dokumentet", "Tabellen", "PDF-filen", "Word-dokumentet"))


def test_a_pdf_says_the_pages_each_process_came_from():
    typst = pytest.importorskip("typst")
    source = (
        '#set page(paper: "a4")\n= Internkontrollplan 2026\n'
        "#table(columns: 5, [Process], [Risk], [S], [K], [Kontrollmoment],\n"
        "[Inköp], [Fel attest], [3], [4], [Kontroll av attester],\n"
        "[Personal], [Registerutdrag saknas], [2], [2], [])\n"
        "#pagebreak()\n"
        "#table(columns: 5, [Process], [Risk], [S], [K], [Kontrollmoment],\n"
        "[Arkiv], [Gallring fel], [1], [1], [])\n"
    )
    pdf = typst.compile(source.encode("utf-8"))
    reading = read_control_plan(pdf, filename="plan.pdf")
    assert [p["title"] for p in reading.data["processes"]] == ["Inköp", "Personal", "Arkiv"]
    assert reading.pages == [(1, 1), (1, 1), (2, 2)]


def test_reading_is_linear_in_the_input():
    def plan(rows: int) -> bytes:
        body = "".join(
            f"Process {n // 5}\tRisk nummer {n}\t{n % 4 + 1}\t{n % 3 + 1}\tKontroll {n}\t"
            "Controller\tT1\n"
            for n in range(rows)
        )
        head = "Internkontrollplan 2026\nProcess\tRisk\tS\tK\tKontrollmoment\tAnsvarig\tNär\n"
        return (head + body).encode()

    def timed(rows: int) -> float:
        data = plan(rows)
        return fastest(lambda: read_control_plan(data, filename="stor.txt"))

    timed(200)  # warm up
    small, big = timed(1000), timed(4000)
    assert big < 6 * small + 0.05


# --- Streamed text: cells one after another (pypdf, pdftotext -raw, a viewer's copy) -----

STREAMED = (
    "Internkontrollplan 2027 för Kulturnämnden\n"
    "Process Risk för Sannolikhet Konse\u00ad\n"
    "kvens Kontrollmoment Omfattning Ansvarig Rapportering\n"
    "Fakturor attesteras av fel \n"
    "person\n"
    "3 4 Kontroll av attester Stickprov\n"
    "10 fakturor Controller Tertial 1, tertial 2 och helår\n"
    "Genomgång av attestlistan 20 fakturor Ekonomichef VB\n"
    "Inköp\n"
    "Inköp görs utanför avtal 1 2\n"
    "Personal Behörigheter tas inte bort 4 3 Granskning av behörigheter Samtliga enheter "
    "HR-chef T2\n"
)


def test_a_streamed_text_is_read_by_the_headers_order_and_the_values_shapes():
    data = read(STREAMED).data
    assert [p["title"] for p in data["processes"]] == ["Inköp", "Personal"]
    first, second, third = risks(data)
    assert first["title"] == "Fakturor attesteras av fel person"
    assert (first["probability"], first["consequence"]) == (3, 4)
    assert [
        (c["what"], c["scope"], c["responsible"], c["reported_in"]) for c in first["controls"]
    ] == [
        ("Kontroll av attester Stickprov", "10 fakturor", "Controller", ["T1", "T2", "VB"]),
        ("Genomgång av attestlistan", "20 fakturor", "Ekonomichef", ["VB"]),
    ]
    # A risk without controls, then a row of its own with its process.
    assert second["title"] == "Inköp görs utanför avtal" and not second["controls"]
    assert third["title"] == "Behörigheter tas inte bort"
    assert third["controls"][0]["responsible"] == "HR-chef"
    assert third["controls"][0]["reported_in"] == ["T2"]


def test_a_process_drawn_once_for_its_rows_names_the_risks_above_it():
    # A merged process cell drawn at its last row: the rows above without one are its.
    data = read(STREAMED).data
    assert [r["title"] for r in data["processes"][0]["risks"]] == [
        "Fakturor attesteras av fel person",
        "Inköp görs utanför avtal",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tertial 1, tertial 2 och helår", ["Tertial 1, tertial 2 och helår"]),
        ("Stickprov i systemet 10 ärenden", ["Stickprov i systemet", "10 ärenden"]),
        ("Ett urval om 5 % HR-chef VB", ["Ett urval om 5 %", "HR-chef", "VB"]),
        ("enligt LOU Controller", ["enligt LOU", "Controller"]),
        ("3 – Möjlig 4 Kontroll av", ["3 – Möjlig", "4", "Kontroll av"]),
    ],
)
def test_streamed_words_become_the_chunks_cells_start_with(text, expected):
    from styra.importer.control_documents.stream import _chunks
    from styra.importer.legacy.blocks import Line

    assert [c.text for c in _chunks([Line(text=text)])] == expected


@pytest.mark.parametrize(
    ("text", "fits"),
    [
        ("3 – Möjlig", {"probability", "consequence"}),
        ("12", {"value"}),
        ("Delår och helår", {"when"}),
        ("Två gånger per år", {"frequency", "when"}),  # the header's order tells
        ("Kvalitetsutvecklare", {"responsible"}),
        ("Granskning av akter", None),
    ],
)
def test_the_shapes_of_streamed_values(text, fits):
    from styra.importer.control_documents.stream import shape

    assert shape(text) == fits


def test_streamed_cells_run_together_are_told_apart():
    from styra.importer.control_documents.stream import _chunks
    from styra.importer.legacy.blocks import Line

    line = Line(text="i tid 1 1 1Ekonomisk uppföljning T1, VBArkiv")
    assert [c.text for c in _chunks([line])] == [
        "i tid",
        "1",
        "1",
        "1",
        "Ekonomisk uppföljning",
        "T1, VB",
        "Arkiv",
    ]


def test_a_value_at_a_pages_edge_is_no_running_head():
    # "Två gånger per år" ends every page and stands inside them too: a cell's value.
    head = "Process Risk Kontrollmoment Ansvarig Rapportering Frekvens\n"
    pages = [
        head
        + "".join(
            f"Inköp Fel attest nummer {n} Kontroll av attester\nController T1\nTvå gånger per år\n"
            for n in range(page * 3, page * 3 + 3)
        )
        for page in range(3)
    ]
    text = "Internkontrollplan 2027\n" + "\f".join(pages)
    controls = [c for r in risks(read(text).data) for c in r["controls"]]
    assert len(controls) == 9
    assert {c["frequency"] for c in controls} == {"Två gånger per år"}


def test_a_streamed_risk_without_controls_before_its_assessment_columns():
    # The assessment after the controls: a risk without one fills its own columns only,
    # and text after a reporting time with no column left begins the next row.
    text = (
        "Internkontrollplan 2027\n"
        "Process Risk Kontrollmoment Metod Ansvarig Rapportering S K\n"
        "Inköp Fel attest Kontroll av attester Stickprov Controller T1 3 4\n"
        "Genomgång av listor Intervju Ekonomichef T2\n"
        "Personal Behörigheter kvar 2 2\n"
    )
    first, second = risks(read(text).data)
    assert [c["what"] for c in first["controls"]] == ["Kontroll av attester", "Genomgång av listor"]
    assert second["title"] == "Behörigheter kvar" and not second["controls"]
    assert (second["probability"], second["consequence"]) == (2, 2)


def test_reading_streamed_text_is_linear_in_the_input():
    def plan(rows: int) -> bytes:
        def name(n: int) -> str:  # letters: a number inside a text would be a value's shape
            return "".join("abcdefghij"[int(d)] for d in str(n))

        body = "".join(
            f"Process {name(n // 5)} Risk av slag {name(n)} {n % 4 + 1} {n % 3 + 1} "
            f"Kontroll av rad {name(n)}\nController T1\n"
            for n in range(rows)
        )
        head = "Internkontrollplan 2026\nProcess Risk S K Kontrollmoment Ansvarig Rapportering\n"
        return (head + body).encode()

    def timed(rows: int) -> float:
        data = plan(rows)
        assert len(risks(read_control_plan(data, filename="stor.txt").data)) == rows
        return fastest(lambda: read_control_plan(data, filename="stor.txt"))

    timed(100)  # warm up
    small, big = timed(300), timed(1200)
    assert big < 6 * small + 0.05
