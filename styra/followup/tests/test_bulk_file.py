"""followup.bulk_file: reading an outcome file, and refusing one that cannot be read safely."""

import io
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError

from styra.followup import bulk_file

from .test_bulk import csv_file, xlsx_file


@pytest.mark.parametrize(
    "data,name",
    [
        (b"%PDF-1.7\n1 0 obj <<>> endobj", "utfall.pdf"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "utfall.xls"),
        (b"hej", "utfall.docx"),
        (b"\x89PNG\r\n\x1a\n", "utfall.csv"),
    ],
)
def test_a_file_that_is_not_excel_or_csv_is_refused(data, name):
    with pytest.raises(ValidationError) as caught:
        bulk_file.read_rows(data, name)
    message = " ".join(caught.value.messages)
    assert "Excel" in message and ("CSV" in message or ".xls" in message)


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_a_word_file_is_not_excel():
    data = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
    with pytest.raises(ValidationError, match="varken en Excelfil"):
        bulk_file.read_rows(data, "plan.docx")


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    data = _zip({"xl/workbook.xml": b"<workbook/>", "xl/worksheets/sheet1.xml": b"\0" * (60 << 20)})
    assert len(data) < 1 << 20
    with pytest.raises(ValidationError, match="packas upp till mer än 50 MB"):
        bulk_file.read_rows(data, "utfall.xlsx")


def test_a_zip_with_too_many_entries_is_refused():
    entries = {f"xl/part{i}.xml": b"<x/>" for i in range(bulk_file.MAX_ZIP_ENTRIES + 1)}
    with pytest.raises(ValidationError, match="för många delar"):
        bulk_file.read_rows(_zip({"xl/workbook.xml": b"<w/>", **entries}), "utfall.xlsx")


def test_a_damaged_workbook_is_refused():
    data = _zip({"xl/workbook.xml": b"<not a workbook", "[Content_Types].xml": b"<"})
    with pytest.raises(ValidationError, match="kunde inte läsas"):
        bulk_file.read_rows(data, "utfall.xlsx")


def _sheet_rewritten(data: bytes, rewrite) -> bytes:
    """The workbook with its first sheet's XML passed through `rewrite`."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            part = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                part = rewrite(part.decode()).encode()
            archive.writestr(info, part)
    return out.getvalue()


_ONE_ROW = [["indikator", "enhet", "period", "värde"], ["Besök", "Enhet A", "2026T1", 3]]


def test_a_sheet_claiming_16384_columns_is_refused_before_its_rows_are_read():
    # Found: a 1.5 KB xlsx declaring A1:XFD5000 over 5,000 empty rows cost 5 s and
    # 650 MB per request: openpyxl filled every row out to the declared 16,384 columns.
    def claim(xml: str) -> str:
        rows = "".join(f'<row r="{i}"/>' for i in range(3, 5001))
        xml = re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD5000"/>', xml)
        return xml.replace("</sheetData>", rows + "</sheetData>")

    data = _sheet_rewritten(xlsx_file(_ONE_ROW), claim)
    assert len(data) < 20_000
    with pytest.raises(ValidationError) as refused:
        bulk_file.read_rows(data, "utfall.xlsx")
    assert refused.value.messages == [
        "Excelfilens blad anger 16\u00a0384 kolumner; en fil med utfall har högst 50. "
        "Kopiera raderna till mallen och ladda upp den igen."
    ]


def test_a_sheet_claiming_a_million_rows_is_refused_before_its_rows_are_read():
    def claim(xml: str) -> str:
        return re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:D1048576"/>', xml)

    data = _sheet_rewritten(xlsx_file(_ONE_ROW), claim)
    with pytest.raises(ValidationError) as refused:
        bulk_file.read_rows(data, "utfall.xlsx")
    assert refused.value.messages == ["Filen har fler än 5\u00a0000 rader; dela upp den."]


def test_only_the_template_columns_are_read_whatever_else_the_sheet_holds():
    # No <dimension> to refuse, but a cell far to the right on every row: the rows are
    # read no wider than the header's last template column.
    def widen(xml: str) -> str:
        xml = re.sub(r"<dimension [^>]*/>", "", xml)
        return re.sub(r"</row>", '<c r="XFD1"><v>1</v></c></row>', xml)

    data = _sheet_rewritten(xlsx_file([[*_ONE_ROW[0], "", "egen"], _ONE_ROW[1]]), widen)
    table = bulk_file._read_xlsx(data)
    assert [len(row) for row in table] == [4, 4]
    assert table[1][:3] == ["Besök", "Enhet A", "2026T1"]


def test_a_sheet_without_a_dimension_holding_millions_of_cells_is_refused_unread(monkeypatch):
    # Found: a 60 KB xlsx without <dimension> whose first row holds two million cells cost
    # 22 s of CPU: openpyxl parses every cell of a row however few columns are asked for.
    def flood(xml: str) -> str:
        xml = re.sub(r"<dimension [^>]*/>", "", xml)
        return xml.replace("</row>", "<c><v>1</v></c>" * 300_000 + "</row>", 1)

    data = _sheet_rewritten(xlsx_file(_ONE_ROW), flood)
    assert len(data) < 30_000
    import openpyxl

    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: pytest.fail("opened"))
    with pytest.raises(ValidationError) as refused:
        bulk_file.read_rows(data, "utfall.xlsx")
    assert refused.value.messages == [
        "Excelfilens blad har fler än 250\u00a0050 celler; en fil med utfall har högst "
        "5\u00a0000 rader och 50 kolumner. Kopiera raderna till mallen och ladda upp den igen."
    ]


@pytest.mark.parametrize("name", ["xl/sharedStrings.xml", "xl/strings.bin"])
def test_a_workbook_of_millions_of_shared_strings_is_refused_unread(monkeypatch, name):
    # Found: a 118 KB xlsx whose sharedStrings.xml held 2.8 million strings cost 23 s of
    # CPU: openpyxl parses the shared strings (and styles) in full when it opens a file,
    # and finds them by their declared type, whatever the part is called.
    source = zipfile.ZipFile(io.BytesIO(xlsx_file(_ONE_ROW)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            if info.filename != name:
                archive.writestr(info.filename, source.read(info))
        archive.writestr(name, b"<sst>" + b"<si><t>a</t></si>" * 700_000 + b"</sst>")
    import openpyxl

    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: pytest.fail("opened"))
    with pytest.raises(ValidationError) as refused:
        bulk_file.read_rows(out.getvalue(), "utfall.xlsx")
    assert refused.value.messages == [
        "Excelfilen innehåller mer än en fil med utfall kan innehålla och kan inte läsas. "
        "Kopiera raderna till mallen och ladda upp den igen."
    ]


def test_cells_are_counted_across_the_chunks_the_sheet_is_read_in():
    body = b"<x:c r='A1'/>" * 100_000 + b"<c>" + b"<col min='1'/>" * 10
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/worksheets/sheet1.xml", body)
    assert bulk_file._count_tags(zipfile.ZipFile(out), "xl/worksheets/sheet1.xml") == (
        100_001,
        100_011,
    )


def test_a_csv_cell_longer_than_the_csv_field_limit_is_a_message_not_a_500():
    data = csv_file('"' + "x" * 200_000 + '";Enhet A;2026T1;1;')
    with pytest.raises(ValidationError) as refused:
        bulk_file.read_rows(data, "utfall.csv")
    assert refused.value.messages == [
        "CSV-filen kunde inte läsas: en cell är för lång eller så stämmer inte citattecknen."
    ]
