"""A Word document built with python-docx imports back with the same structure."""

from __future__ import annotations

import io

import docx
import pytest

from styra.importer.legacy import DocumentError, parse_document


def _table(d, *rows: tuple[str, ...]) -> None:
    """A table in the document with one row per tuple, as a plan's tables are written."""
    table = d.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text


def build_docx() -> bytes:
    d = docx.Document()
    p = d.add_paragraph()
    p.add_run("Handläggare: ").bold = True
    p.add_run("Maria Holm")
    d.add_paragraph("Till")
    d.add_paragraph("Ekby stadsdelsnämnd")
    d.add_heading("Verksamhetsplan 2023 Ekonomiskt bistånd", level=1)
    d.add_heading("Inledning", level=1)
    d.add_paragraph("Enheten handlägger ansökningar om ekonomiskt bistånd.")
    d.add_paragraph("KF:s inriktningsmål:")
    d.add_heading("1. En stad där alla kan försörja sig", level=2)
    d.add_paragraph("KF:s mål för verksamhetsområdet:")
    d.add_heading("1.2 Fler går till arbete", level=3)
    _table(
        d,
        ("Indikator", "Årsmål", "KF:s\nårsmål", "Periodicitet"),
        ("Andel som går till arbete", "30 %", "35 %", "Tertial"),
        ("Antal praktikplatser", "25 st", "", "År"),
    )
    p = d.add_paragraph()
    p.add_run("Nämndmål:").bold = True
    p.add_run(" Fler blir självförsörjande")
    d.add_paragraph().add_run("Åtagande:").bold = True
    d.add_paragraph("Alla får en planering inom en månad")
    d.add_heading("Förväntat resultat", level=4)
    d.add_paragraph("Fler lämnar biståndet för arbete.")
    d.add_paragraph("Kortare tid med bistånd.")
    d.add_heading("Arbetssätt", level=4)
    d.add_paragraph("Samverkan med arbetsförmedlingen.", style="List Bullet")
    _table(
        d,
        ("Aktivitet", "Startdatum", "Slutdatum"),
        ("Starta en jobbgrupp", "2023-02-01", "2023-12-31"),
    )
    d.add_heading("Budget 2023", level=1)
    _table(
        d,
        ("", "Kostnader", "Intäkter", "Netto"),
        ("Bistånd", "40,0", "2,0", "38,0"),
        ("Totalt", "40,0", "2,0", "38,0"),
    )
    d.add_heading("Övrigt", level=1)
    d.add_paragraph("Planen följs upp vid varje tertial.")
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def test_it_reads_headings_bold_labels_and_tables_from_docx():
    plan = parse_document(build_docx(), "plan.docx").plan
    assert (plan["unit"], plan["year"], plan["officer"], plan["addressee"]) == (
        "Ekonomiskt bistånd",
        2023,
        "Maria Holm",
        "Ekby stadsdelsnämnd",
    )
    direction = plan["goals"][0]
    assert (direction["level"], direction["number"]) == ("direction", "1")
    area = direction["children"][0]
    assert (area["number"], area["title"]) == ("1.2", "Fler går till arbete")
    assert area["indicators"] == [
        {
            "name": "Andel som går till arbete",
            "target": "30 %",
            "city_target": "35 %",
            "period": "Tertial",
        },
        {"name": "Antal praktikplatser", "target": "25 st", "city_target": None, "period": "År"},
    ]
    board = area["children"][0]
    assert (board["level"], board["title"]) == ("board", "Fler blir självförsörjande")
    unit = board["children"][0]
    assert unit["title"] == "Alla får en planering inom en månad"
    assert (
        unit["expected_result"] == "Fler lämnar biståndet för arbete.\n\nKortare tid med bistånd."
    )
    assert unit["method"] == "- Samverkan med arbetsförmedlingen."
    assert unit["activities"] == [
        {"name": "Starta en jobbgrupp", "start": "2023-02-01", "end": "2023-12-31"}
    ]
    assert plan["budget"]["currency_unit"] == "mnkr"
    assert plan["budget"]["rows"][-1] == {
        "name": "Totalt",
        "costs": 40.0,
        "revenues": 2.0,
        "net": 38.0,
        "total": True,
    }
    assert [s["heading"] for s in plan["sections"]] == ["Inledning", "Övrigt"]


def test_it_detects_docx_by_content_not_name():
    plan = parse_document(build_docx(), "plan.txt").plan
    assert plan["unit"] == "Ekonomiskt bistånd"


def test_it_refuses_a_truncated_docx_with_a_swedish_message():
    data = build_docx()
    try:
        parse_document(data[: len(data) // 2], "plan.docx")
    except DocumentError as exc:
        assert "Word" in str(exc)
    else:
        raise AssertionError("expected DocumentError")


def _with_styles(data: bytes, *, styles: int, rename: str | None = None) -> bytes:
    """The .docx with `styles` more styles in styles.xml; `rename` moves that part to
    another name (its relationship and content type follow it)."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    style = b'<w:style w:type="paragraph" w:styleId="X"><w:name w:val="X"/></w:style>'
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            part, name = source.read(info), info.filename
            if name == "word/styles.xml":
                end = part.rindex(b"</w:styles>")
                part = part[:end] + style * styles + part[end:]
                name = rename or name
            elif rename and name == "word/_rels/document.xml.rels":
                part = part.replace(
                    b'Target="styles.xml"', b'Target="' + rename[5:].encode() + b'"'
                )
            elif rename and name == "[Content_Types].xml":
                part = part.replace(
                    b'PartName="/word/styles.xml"', f'PartName="/{rename}"'.encode()
                )
            archive.writestr(name, part)
    return out.getvalue()


@pytest.mark.parametrize("rename", [None, "word/media/image9.png"])
def test_a_docx_whose_other_xml_unpacks_past_any_plan_is_refused_before_it_is_opened(
    monkeypatch, rename
):
    # Found: a 1.2 MB .docx whose styles.xml unpacked to 338 MB cost 34 s of CPU and
    # 5.5 GB: python-docx parses every XML part when it opens the file, and only
    # document.xml was bounded. A part is parsed for its declared type, whatever its name.
    data = _with_styles(build_docx(), styles=200_000, rename=rename)
    assert len(data) < 200_000
    monkeypatch.setattr(docx, "Document", lambda *a, **k: pytest.fail("opened"))
    with pytest.raises(DocumentError) as refused:
        parse_document(data, "plan.docx")
    assert str(refused.value) == "Word-dokumentet är för stort för att läsas in."


def test_a_docx_with_its_styles_moved_and_of_a_real_size_is_still_read():
    data = _with_styles(build_docx(), styles=100, rename="word/media/image9.png")
    assert parse_document(data, "plan.docx").plan["goals"]
