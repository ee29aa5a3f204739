"""followup.bulk: reading outcome files and checking every row before anything is stored."""

import io
import re
import zipfile
from decimal import Decimal

import pytest
import xlsxwriter
from django.core.exceptions import ValidationError

from styra.decisions.services import report_approve, report_submit
from styra.followup import bulk
from styra.followup.models import Fulfilment
from styra.followup.services import assessment_set, periods_ensure, report_open
from styra.goals.models import Level
from styra.goals.services import goal_create
from styra.indicators.models import Outcome, Source
from styra.indicators.services import indicator_create, target_set
from styra.lib.spreadsheets import FORMULA_STARTS
from styra.organisation.models import Kind, OrgUnit

HEADER = "indikator;enhet;period;värde;kommentar"


def csv_file(*lines: str, header: str = HEADER, encoding: str = "utf-8") -> bytes:
    return "\n".join([header, *lines]).encode(encoding)


def xlsx_file(rows: list[list], percent_column: int | None = None) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    sheet = book.add_worksheet()
    percent = book.add_format({"num_format": "0.0%"})
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if r and c == percent_column:
                sheet.write_number(r, c, value, percent)
            else:
                sheet.write(r, c, value)
    book.close()
    return buffer.getvalue()


@pytest.fixture
def setup(org, chain, plan_a, plan_b, editor_a):
    return build_setup(org, chain, editor_a)


def build_setup(org, chain, editor_a):
    """Enhet A's indicators for 2026, and an approved T2 report for Enhet A."""
    goal = goal_create(
        year=chain.year, level=Level.UNIT, owner=org.unit_a, parent=chain.board, title="Besök"
    )
    visits = indicator_create(
        goal=goal,
        owner=org.unit_a,
        name="Andel besök inom tre dagar",
        measure="%",
        periodicity="tertial",
    )
    target_set(indicator=visits, org_unit=org.unit_a, text="90 %")
    words = indicator_create(goal=goal, owner=org.unit_a, name="Läget", periodicity="tertial")
    yearly = indicator_create(
        goal=goal, owner=org.unit_a, name="Nöjdhet", measure="%", periodicity="year"
    )
    shared = indicator_create(
        goal=chain.board,
        owner=org.north,
        name="Väntetid",
        measure="dagar",
        direction="lower",
        periodicity="tertial",
    )
    target_set(indicator=shared, org_unit=org.unit_a, text="8 dagar")
    target_set(indicator=shared, org_unit=org.unit_b, text="9 dagar")
    goal_b = goal_create(
        year=chain.year, level=Level.UNIT, owner=org.unit_b, parent=chain.board, title="B:s mål"
    )
    only_b = indicator_create(goal=goal_b, owner=org.unit_b, name="Bara B", measure="st")
    for owner_goal, owner in ((goal, org.unit_a), (chain.board, org.north)):
        twin = indicator_create(
            goal=owner_goal, owner=owner, name="Tvilling", measure="st", periodicity="tertial"
        )
        target_set(indicator=twin, org_unit=org.unit_a, text="5 st")
    t1, t2, _vb = periods_ensure(year=chain.year)
    approved = report_open(org_unit=org.unit_a, period=t2)
    assessment_set(report=approved, goal=goal, value=Fulfilment.FULFILLED, proposed="")
    report_submit(report=approved, by=editor_a)
    report_approve(report=approved, by=None)
    dept_x = OrgUnit.objects.create(name="Enhet X", kind=Kind.UNIT, parent=org.dept)
    south_x = OrgUnit.objects.create(name="Enhet X", kind=Kind.UNIT, parent=org.south)
    return type(
        "Setup",
        (),
        dict(
            visits=visits,
            words=words,
            yearly=yearly,
            shared=shared,
            only_b=only_b,
            xs=(dept_x, south_x),
            user=editor_a,
        ),
    )


def check(data: bytes, user, name: str = "utfall.csv") -> bulk.Preview:
    return bulk.check_rows(bulk.read_rows(data, name), user)


@pytest.mark.django_db
def test_it_accepts_a_good_csv_file(setup):
    data = csv_file(
        f"{setup.visits.pk};Enhet A;2026T1;87,5;Bra tertial",
        "Väntetid;Norra nämnden/Socialförvaltningen/Enhet A;2026t1;7 dagar;",
        "Läget;Enhet A;2026T1;Stabilt;",
    )
    preview = check(data, setup.user)
    assert preview.rejected == []
    assert [(a.indicator, a.number, a.text) for a in preview.accepted] == [
        (setup.visits, Decimal("87.5"), ""),
        (setup.shared, Decimal("7"), ""),
        (setup.words, None, "Stabilt"),
    ]
    assert preview.payload()[0] == {
        "line": 2,
        "indicator": setup.visits.pk,
        "unit": setup.visits.owner_id,
        "period": "2026T1",
        "number": "87.5",
        "text": "",
        "comment": "Bra tertial",
    }
    assert Outcome.objects.count() == 0


@pytest.mark.django_db
def test_it_reads_windows_encoded_comma_separated_csv(setup):
    header = "Indikator,Enhet,Period,Varde,Kommentar"
    data = csv_file("Väntetid,Enhet A,2026T1,6,Kortare väntan", header=header, encoding="cp1252")
    preview = check(data, setup.user)
    assert [(a.raw.comment, a.number) for a in preview.accepted] == [("Kortare väntan", 6)]


@pytest.mark.django_db
def test_it_rejects_each_bad_row_with_its_reason(setup):
    rows = [
        "Finns inte;Enhet A;2026T1;1;",
        "Väntetid;Enhet Q;2026T1;1;",
        "Väntetid;Enhet X;2026T1;1;",
        "Väntetid;Enhet B;2026T1;1;",
        f"{setup.only_b.pk};Enhet A;2026T1;1;",
        "Tvilling;Enhet A;2026T1;1;",
        "Väntetid;Enhet A;2026T4;1;",
        "Andel besök inom tre dagar;Enhet A;2026T1;många;",
        "Väntetid;Enhet A;2026T1;;",
        "Nöjdhet;Enhet A;2026T1;80;",
        "Väntetid;Enhet A;2026T2;5;",
        "Väntetid;Enhet A;2025T1;5;",
        "Väntetid;Enhet A;2026T1;5;",
        "Väntetid;Enhet A;2026T1;6;",
    ]
    preview = check(csv_file(*rows), setup.user)
    reasons = {r.raw.line: r.reason for r in preview.rejected}
    assert reasons[2] == "Okänd indikator för 2026: 'Finns inte'."
    assert reasons[3] == "Okänd enhet: 'Enhet Q'."
    assert reasons[4].startswith("Enheten 'Enhet X' är tvetydig")
    assert reasons[5] == "Du har inte behörighet att rapportera för Enhet B."
    assert reasons[6] == "Indikatorn gäller inte för Enhet A."
    assert reasons[7].startswith("Flera indikatorer heter så")
    assert reasons[8].startswith("Ogiltig period '2026T4'")
    assert reasons[9] == "Värdet 'många' är inte ett tal."
    assert reasons[10] == "Värde saknas."
    assert reasons[11] == "Indikatorn redovisas inte i Tertialrapport 1 2026 (periodicitet år)."
    assert (
        reasons[12] == "Rapporten för Tertialrapport 2 2026 är godkänd; utfallet kan inte ändras."
    )
    assert reasons[13] == "Okänd indikator för 2025: 'Väntetid'."
    assert reasons[15] == "Dubblett: samma indikator, enhet och period som rad 14."
    assert [a.raw.line for a in preview.accepted] == [14]


@pytest.mark.django_db
def test_an_indicator_id_of_another_year_is_refused(setup):
    preview = check(csv_file(f"{setup.shared.pk};Enhet A;2025T1;5;"), setup.user)
    assert preview.rejected[0].reason == (
        f"Indikatorn {setup.shared.pk} hör till 2026, inte till perioden 2025T1."
    )


@pytest.mark.django_db
def test_it_reads_an_excel_file_with_numbers_and_percent_cells(setup):
    rows = [
        ["Indikator", "Enhet", "Period", "Värde", "Kommentar"],
        ["Andel besök inom tre dagar", "Enhet A", "2026T1", 0.875, "Från Excel"],
    ]
    preview = check(xlsx_file(rows, percent_column=3), setup.user, "utfall.xlsx")
    assert [(a.indicator, a.number) for a in preview.accepted] == [(setup.visits, Decimal("87.5"))]
    plain = [rows[0], ["Väntetid", "Enhet A", "2026T1", 7, None], [None, None, None, None, None]]
    preview = check(xlsx_file(plain), setup.user, "utfall.xlsx")
    assert [(a.indicator, a.number, a.raw.comment) for a in preview.accepted] == [
        (setup.shared, 7, "")
    ]


@pytest.mark.django_db
def test_a_missing_column_is_named(setup):
    with pytest.raises(ValidationError, match="Kolumnerna värde saknas"):
        bulk.read_rows(csv_file(header="indikator;enhet;period"), "x.csv")


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
        bulk.read_rows(data, name)
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
        bulk.read_rows(data, "plan.docx")


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    data = _zip({"xl/workbook.xml": b"<workbook/>", "xl/worksheets/sheet1.xml": b"\0" * (60 << 20)})
    assert len(data) < 1 << 20
    with pytest.raises(ValidationError, match="packas upp till mer än 50 MB"):
        bulk.read_rows(data, "utfall.xlsx")


def test_a_zip_with_too_many_entries_is_refused():
    entries = {f"xl/part{i}.xml": b"<x/>" for i in range(bulk.MAX_ZIP_ENTRIES + 1)}
    with pytest.raises(ValidationError, match="för många delar"):
        bulk.read_rows(_zip({"xl/workbook.xml": b"<w/>", **entries}), "utfall.xlsx")


def test_a_damaged_workbook_is_refused():
    data = _zip({"xl/workbook.xml": b"<not a workbook", "[Content_Types].xml": b"<"})
    with pytest.raises(ValidationError, match="kunde inte läsas"):
        bulk.read_rows(data, "utfall.xlsx")


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
        bulk.read_rows(data, "utfall.xlsx")
    assert refused.value.messages == [
        "Excelfilens blad anger 16\u00a0384 kolumner; en fil med utfall har högst 50. "
        "Kopiera raderna till mallen och ladda upp den igen."
    ]


def test_a_sheet_claiming_a_million_rows_is_refused_before_its_rows_are_read():
    def claim(xml: str) -> str:
        return re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:D1048576"/>', xml)

    data = _sheet_rewritten(xlsx_file(_ONE_ROW), claim)
    with pytest.raises(ValidationError) as refused:
        bulk.read_rows(data, "utfall.xlsx")
    assert refused.value.messages == ["Filen har fler än 5\u00a0000 rader; dela upp den."]


def test_only_the_template_columns_are_read_whatever_else_the_sheet_holds():
    # No <dimension> to refuse, but a cell far to the right on every row: the rows are
    # read no wider than the header's last template column.
    def widen(xml: str) -> str:
        xml = re.sub(r"<dimension [^>]*/>", "", xml)
        return re.sub(r"</row>", '<c r="XFD1"><v>1</v></c></row>', xml)

    data = _sheet_rewritten(xlsx_file([[*_ONE_ROW[0], "", "egen"], _ONE_ROW[1]]), widen)
    table = bulk._read_xlsx(data)
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
        bulk.read_rows(data, "utfall.xlsx")
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
        bulk.read_rows(out.getvalue(), "utfall.xlsx")
    assert refused.value.messages == [
        "Excelfilen innehåller mer än en fil med utfall kan innehålla och kan inte läsas. "
        "Kopiera raderna till mallen och ladda upp den igen."
    ]


def test_cells_are_counted_across_the_chunks_the_sheet_is_read_in():
    body = b"<x:c r='A1'/>" * 100_000 + b"<c>" + b"<col min='1'/>" * 10
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/worksheets/sheet1.xml", body)
    assert bulk._count_tags(zipfile.ZipFile(out), "xl/worksheets/sheet1.xml") == (100_001, 100_011)


@pytest.mark.django_db
def test_it_stores_all_rows_through_the_service(setup):
    preview = check(
        csv_file("Väntetid;Enhet A;2026T1;7;Bra", "Läget;Enhet A;2026T1;Lugnt;"), setup.user
    )
    assert bulk.outcomes_store(rows=preview.payload(), user=setup.user) == 2
    stored = {o.indicator.name: o for o in Outcome.objects.select_related("indicator")}
    assert (stored["Väntetid"].value, stored["Väntetid"].comment) == (Decimal(7), "Bra")
    assert stored["Läget"].text == "Lugnt"
    assert {o.source for o in stored.values()} == {Source.UPLOAD}
    assert {o.updated_by for o in stored.values()} == {setup.user}


@pytest.mark.django_db
def test_it_stores_nothing_when_one_row_fails(setup, org):
    preview = check(
        csv_file("Väntetid;Enhet A;2026T1;7;", "Läget;Enhet A;2026T1;Lugnt;"), setup.user
    )
    rows = preview.payload()
    rows[1]["period"] = "2026T2"  # its report is approved
    with pytest.raises(
        ValidationError, match="Rad 3: Rapporten för Tertialrapport 2 2026 är godkänd"
    ):
        bulk.outcomes_store(rows=rows, user=setup.user)
    assert Outcome.objects.count() == 0


@pytest.mark.django_db
def test_it_checks_the_right_to_edit_again_when_storing(setup, editor_b):
    preview = check(csv_file("Väntetid;Enhet A;2026T1;7;"), setup.user)
    with pytest.raises(ValidationError, match="inte behörighet"):
        bulk.outcomes_store(rows=preview.payload(), user=editor_b)
    assert Outcome.objects.count() == 0


@pytest.mark.django_db
def test_the_template_lists_the_indicators_the_user_reports(setup):
    import openpyxl

    from styra.lib.periods import Period

    data = bulk.template_xlsx(setup.user, Period(2026, "T1"))
    sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
    rows = [tuple(c.value for c in row) for row in sheet.iter_rows()]
    assert rows[0] == bulk.COLUMNS
    names = {r[0] for r in rows[1:]}
    assert {"Andel besök inom tre dagar", "Väntetid", "Läget"} <= names
    assert "Nöjdhet" not in names and "Bara B" not in names
    assert {r[1] for r in rows[1:]} == {"Norra nämnden/Socialförvaltningen/Enhet A"}
    # The template's own rows come back through the check (names that repeat aside).
    preview = check(data, setup.user, "mall.xlsx")
    assert preview.rejected
    assert all(
        r.reason == "Värde saknas." or r.reason.startswith("Flera") for r in preview.rejected
    )


@pytest.mark.django_db
@pytest.mark.parametrize("name", ['=HYPERLINK("http://x")', "+1+1", "-2", "@SUM(A1)", "\tflik"])
def test_the_template_quotes_formula_like_names_and_reads_them_back(setup, name):
    import openpyxl

    from styra.lib.periods import Period

    setup.visits.name = name
    setup.visits.save()
    data = bulk.template_xlsx(setup.user, Period(2026, "T1"))
    sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
    cells = [c.value for row in sheet.iter_rows(min_row=2) for c in row if c.value]
    assert "'" + name in cells
    assert not any(str(c).startswith(FORMULA_STARTS) for c in cells)
    # Filled in and uploaded again, the quoted name is the indicator's own.
    filled = xlsx_file([list(bulk.COLUMNS), ["'" + name, "Enhet A", "2026T1", 87, ""]])
    preview = check(filled, setup.user, "mall.xlsx")
    assert [a.indicator.pk for a in preview.accepted] == [setup.visits.pk]


def test_a_csv_cell_longer_than_the_csv_field_limit_is_a_message_not_a_500():
    data = csv_file('"' + "x" * 200_000 + '";Enhet A;2026T1;1;')
    with pytest.raises(ValidationError) as refused:
        bulk.read_rows(data, "utfall.csv")
    assert refused.value.messages == [
        "CSV-filen kunde inte läsas: en cell är för lång eller så stämmer inte citattecknen."
    ]
