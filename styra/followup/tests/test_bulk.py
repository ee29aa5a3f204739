"""followup.bulk: checking every row of an outcome file before anything is stored, then storing."""

import io
from decimal import Decimal

import pytest
import xlsxwriter
from django.core.exceptions import ValidationError

from styra.conftest import add_indicator, add_unit_goal
from styra.decisions.services import report_approve, report_submit
from styra.followup import bulk, bulk_file
from styra.followup.models import Fulfilment
from styra.followup.services import assessment_set, periods_ensure, report_open
from styra.indicators.models import Outcome, Source
from styra.indicators.services import indicator_create, target_set
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
    goal = add_unit_goal(chain, org.unit_a, "Besök")
    visits = add_indicator(
        goal,
        org.unit_a,
        "Andel besök inom tre dagar",
        target="90 %",
        measure="%",
        periodicity="tertial",
    )
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
    goal_b = add_unit_goal(chain, org.unit_b, "B:s mål")
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
    return bulk.check_rows(bulk_file.read_rows(data, name), user)


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
        bulk_file.read_rows(csv_file(header="indikator;enhet;period"), "x.csv")


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
