"""The header block (Handläggare, Telefon, Till) and related reading rules, in every layout."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from styra.importer.legacy import parse_document
from styra.importer.legacy.lines import drop_toc, join_wrapped, text_to_lines

BODY = """
Verksamhetsplan 2024
Ekby fritidsenhet

Inledning

Enheten driver fritidsgårdar.
"""


def header_of(text: str) -> tuple[str, str | None, str | None, int]:
    plan = parse_document(text.encode("utf-8"), "plan.txt").plan
    return plan["unit"], plan["officer"], plan["addressee"], plan["year"]


@pytest.mark.parametrize(
    "head",
    [
        "Handläggare: Anna Lind\nTelefon: 08-123 456\n\nTill: Ekby stadsdelsnämnd\n",
        "Handläggare\nAnna Lind\nTelefon 08-123 456\n\nTill\nEkby stadsdelsnämnd\n",
        "Handläggare:\nAnna Lind\n\nTill\nEkby stadsdelsnämnd\nSammanträde: 12 december 2023\n",
        "Handläggare Anna Lind\nTill Ekby stadsdelsnämnd\n",
    ],
    ids=["same-line-colon", "own-line-no-colon", "meeting-line", "same-line-no-colon"],
)
def test_header_labels_with_or_without_colon(head: str) -> None:
    assert header_of(head + BODY) == ("Ekby fritidsenhet", "Anna Lind", "Ekby stadsdelsnämnd", 2024)


def test_two_column_letter_head_from_pdf_text() -> None:
    gap = " " * 40
    head = (
        f"Handläggare: Anna Lind{gap}Till\n"
        f"Telefon: 08-123 456{' ' * 43}Ekby stadsdelsnämnd, sammanträde\n"
        f"{' ' * 62}2023-12-12\n"
    )
    unit, officer, addressee, _ = header_of(head + BODY)
    assert (unit, officer) == ("Ekby fritidsenhet", "Anna Lind")
    assert addressee == "Ekby stadsdelsnämnd, sammanträde 2023-12-12"


def test_a_label_is_never_taken_as_a_value() -> None:
    # Columns that could not be told apart: "Till" is the next label, not the officer.
    _, officer, _, _ = header_of("Handläggare: Till\nEkby stadsdelsnämnd\n" + BODY)
    assert officer != "Till"


def test_word_letter_head_table_and_toc_field() -> None:
    d = docx.Document()
    table = d.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    p = left.paragraphs[0]
    p.add_run("Handläggare: ").bold = True
    p.add_run("Anna Lind")
    left.add_paragraph("Telefon: 08-123 456")
    right.paragraphs[0].add_run("Till").bold = True
    right.add_paragraph("Ekby stadsdelsnämnd")
    d.add_paragraph("Verksamhetsplan 2024", style="Title")
    d.add_paragraph("Ekby fritidsenhet", style="Subtitle")
    _toc_field(d, ["Inledning", "Övrigt"])
    d.add_heading("Inledning", level=1)
    d.add_paragraph("Enheten driver fritidsgårdar.")
    buffer = io.BytesIO()
    d.save(buffer)
    plan = parse_document(buffer.getvalue(), "plan.docx").plan
    assert (plan["unit"], plan["officer"], plan["addressee"]) == (
        "Ekby fritidsenhet",
        "Anna Lind",
        "Ekby stadsdelsnämnd",
    )
    assert [s["heading"] for s in plan["sections"]] == ["Inledning"]


def _toc_field(d: docx.document.Document, entries: list[str]) -> None:
    """A TOC field whose cached result is plain paragraphs, as Word and our renderer write it."""

    def char(paragraph, kind: str) -> None:
        node = OxmlElement("w:fldChar")
        node.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(node)

    first = d.add_paragraph()
    char(first, "begin")
    instr = OxmlElement("w:instrText")
    instr.text = ' TOC \\o "1-3" '
    first.add_run()._r.append(instr)
    char(first, "separate")
    paragraphs = [first] + [d.add_paragraph() for _ in entries[1:]]
    for paragraph, entry in zip(paragraphs, entries, strict=True):
        paragraph.add_run(entry)
    char(paragraphs[-1], "end")


def test_hyphen_of_an_abbreviation_is_kept_at_a_line_end() -> None:
    assert join_wrapped("inspelning av MI-", "samtal") == "inspelning av MI-samtal"
    assert join_wrapped("via e-", "post") == "via e-post"
    assert join_wrapped("LSS-", "och SoL-insatser") == "LSS- och SoL-insatser"
    assert join_wrapped("verksam-", "heten") == "verksamheten"


def test_a_wrapped_toc_entry_is_dropped_whole() -> None:
    text = (
        "Innehåll\n"
        "Inledning ........ 3\n"
        "  3.1 Alla chefer tar ansvar för att budgeten är i balans vid\n"
        "  befarat överskridande ........ 22\n"
        "Budget ........ 24\n"
        "\n"
        "Inledning\n"
    )
    kept = [ln.text for ln in drop_toc(text_to_lines(text)) if not ln.blank]
    assert kept == ["Inledning"]


@pytest.mark.parametrize(
    "head",
    [
        "Handläggare: Eva Berg\nTelefon: 08-508 80 443\n\nTill\nEkby stadsdelsnämnd\n",
        "Handläggare: Eva Berg Telefon: 08-508 80 443\n\nTill Ekby stadsdelsnämnd\n",
        # Laid out in two columns, as pdftotext -layout and the PDF reader give it.
        "Handläggare: Eva Berg                       Till\n"
        "Telefon: 08-508 80 443                      Ekby stadsdelsnämnd\n",
        "Handläggare: Eva Berg\nTel. 08-508 80 443\nTill: Ekby stadsdelsnämnd\n",
    ],
)
def test_the_officers_telephone_is_read_from_the_header_block(head):
    result = parse_document((head + BODY).encode(), "plan.txt")
    assert result.phone == "08-508 80 443"
    assert (result.plan["officer"], result.plan["addressee"]) == ("Eva Berg", "Ekby stadsdelsnämnd")


def test_a_telephone_in_a_page_foot_is_not_the_officers():
    text = (
        "Handläggare: Eva Berg\n\nTill\nEkby stadsdelsnämnd\n"
        + BODY
        + "\nEkby stadsdelsförvaltning, Box 12. Telefon 08-508 00 000\n"
    )
    assert parse_document(text.encode(), "plan.txt").phone is None


@pytest.mark.parametrize(
    ("title", "unit"),
    [
        ("Verksamhetsplan 2026 Beställarenheten för\näldre\n", "Beställarenheten för äldre"),
        ("Verksamhetsplan 2026 Hemtjänstenheten\nNorra\n", "Hemtjänstenheten Norra"),
        # A page's number and the text's first heading are not the title's.
        ("Verksamhetsplan 2026 Hemtjänstenheten\n1\n", "Hemtjänstenheten"),
        ("Verksamhetsplan 2026 Hemtjänstenheten\nFörslag till beslut\n", "Hemtjänstenheten"),
    ],
)
def test_a_title_too_long_for_its_line_goes_on_on_the_next(title, unit):
    text = f"Handläggare: Eva Berg\n\n{title}\nInledning\n\nEnheten ger stöd.\n"
    assert parse_document(text.encode(), "plan.txt").plan["unit"] == unit


def test_a_goals_title_that_stops_on_a_preposition_goes_on_on_the_next_line():
    text = (
        "Verksamhetsplan 2026 Enhet X\n\nKF:s inriktningsmål: 1. Det byggs många bostäder i\n"
        "Stockholm\n\nNämnden bidrar till bostadsbyggandet.\n"
    )
    goal = parse_document(text.encode(), "plan.txt").plan["goals"][0]
    assert goal["title"] == "Det byggs många bostäder i Stockholm"
