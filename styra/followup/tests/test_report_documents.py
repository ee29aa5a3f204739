"""Follow-up reports as PDF, DOCX and JSON: the unit's T1/VB report and the committee's roll-up."""

import io
from datetime import date
from decimal import Decimal

import docx
import pypdf
import pytest
from docx.oxml.ns import qn

from styra.accounts.models import Role
from styra.budget.services import budget_row_create, budget_set_unit
from styra.conftest import _user, add_indicator, add_unit_goal
from styra.decisions.services import report_approve, report_submit
from styra.documents.report_layout import build_report_layout
from styra.documents.tests.pdf_checks import assert_archivable_swedish_pdf
from styra.documents.tests.sample_plans import HOSTILE, assert_in_order, normalise
from styra.followup.interchange import committee_report_data, report_data_file, unit_report_data
from styra.followup.models import ActivityStatus, Fulfilment, ReportingPeriod
from styra.followup.services import (
    activity_status_set,
    assessment_set,
    budget_follow_up_set,
    outcome_record,
    periods_ensure,
    report_open,
    report_section_update,
)
from styra.goals.models import Level
from styra.goals.services import activity_create, goal_create
from styra.indicators.models import Aggregation, Indicator
from styra.indicators.services import indicator_create, target_set

DEFICIT = "Fler placeringar än beräknat; varje ny placering prövas mot öppenvård."


def build_reports(org, chain, plan_a, plan_b, approver):
    """Enhet A's T1 report (submitted, a deficit) and Enhet B's (a draft), in Norra nämnden."""
    year = chain.year
    goal = add_unit_goal(chain, org.unit_a, "Den enskilde får tid för besök inom tre dagar")
    goal_b = add_unit_goal(chain, org.unit_b, "Alla får svar samma vecka")
    visits = add_indicator(
        goal,
        org.unit_a,
        "Andel besök inom tre dagar",
        target="90 %",
        measure="%",
        direction="higher",
        periodicity="tertial",
    )
    yearly = add_indicator(
        goal, org.unit_a, "Andel nöjda besökare", target="80 %", measure="%", periodicity="year"
    )
    waiting = indicator_create(
        goal=chain.board,
        owner=org.north,
        name="Väntetid till första besök",
        measure="dagar",
        direction="lower",
        periodicity="tertial",
    )
    Indicator.objects.filter(pk=waiting.pk).update(aggregation=Aggregation.MEAN)
    for node, text in ((org.north, "10 dagar"), (org.unit_a, "8 dagar"), (org.unit_b, "9 dagar")):
        target_set(indicator=waiting, org_unit=node, text=text)
    booking = activity_create(
        goal=goal,
        owner=org.unit_a,
        name="Nytt bokningssystem",
        start=date(2026, 2, 1),
        end=date(2026, 6, 30),
    )
    budget_set_unit(plan=plan_a, currency_unit="tkr")
    staff = budget_row_create(plan=plan_a, name="Personalkostnader", costs=Decimal(12000))
    care = budget_row_create(plan=plan_a, name="Köp av verksamhet", costs=Decimal(3500))
    budget_set_unit(plan=plan_b, currency_unit="mnkr")
    budget_row_create(plan=plan_b, name="Netto", net=Decimal("2.5"))

    t1, _t2, vb = periods_ensure(year=year)
    report = report_open(org_unit=org.unit_a, period=t1)
    outcome_record(
        indicator=visits, org_unit=org.unit_a, period="2026T1", value="87,5", comment=HOSTILE[0]
    )
    outcome_record(indicator=waiting, org_unit=org.unit_a, period="2026T1", value="7")
    outcome_record(indicator=waiting, org_unit=org.unit_b, period="2026T1", value="11")
    activity_status_set(
        report=report, activity=booking, status=ActivityStatus.STARTED, comment="Upphandlat."
    )
    budget_follow_up_set(row=staff, period="2026T1", outcome=Decimal(3950), forecast=Decimal(11900))
    budget_follow_up_set(
        row=care, period="2026T1", outcome=Decimal(1300), forecast=Decimal(3900), comment=DEFICIT
    )
    assessment_set(
        report=report,
        goal=goal,
        value=Fulfilment.FULFILLED,
        proposed=Fulfilment.FULFILLED,
        analysis="Väntetiderna har kortats.\n\n" + "#set page(fill: red)",
    )
    section = report.sections.get(heading="Viktiga händelser")
    report_section_update(section=section, text="Ett nytt team har startat.")
    # Handed in by the unit's editor: the approver decides on it (never on their own).
    report_submit(report=report, by=_user("unit_a_writer", org.unit_a, Role.EDITOR))
    report_b = report_open(org_unit=org.unit_b, period=t1)
    annual = report_open(org_unit=org.unit_a, period=vb)
    outcome_record(indicator=yearly, org_unit=org.unit_a, period="2026VB", value="82")
    assessment_set(
        report=annual, goal=goal, value=Fulfilment.PARTLY, proposed="", analysis="Nästan."
    )
    return type(
        "Built",
        (),
        dict(report=report, report_b=report_b, annual=annual, goal=goal, goal_b=goal_b),
    )


@pytest.fixture
def built(org, chain, plan_a, plan_b, approver):
    return build_reports(org, chain, plan_a, plan_b, approver)


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join((page.extract_text() or "").replace("-\n", "-") for page in reader.pages)


def body_after_toc(text: str) -> str:
    """The text after the table of contents: the first page holds the letter head and the TOC."""
    return text.split("Sid 1 (", 1)[1]


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    return "\n".join(
        "".join(t.text or "" for t in p.iter(qn("w:t")))
        for p in document.element.body.iter(qn("w:p"))
    )


UNIT_ORDER = [
    "Viktiga händelser",
    "Ett nytt team har startat.",
    "Ingen ska vänta längre än nödvändigt",
    "Väntetid till första besök",
    "8 dagar",
    "7 dagar",
    "✓ Uppnått",
    "Den enskilde får tid för besök inom tre dagar",
    "Bedömning: Bedöms uppfyllas",
    "Väntetiderna har kortats.",
    "#set page(fill: red)",
    "Indikator",
    "Årsmål",
    "Utfall",
    "Status",
    "Kommentar",
    "Andel besök inom tre dagar",
    "90 %",
    "87,5 %",
    "◐ Delvis uppnått",
    HOSTILE[0],
    "Aktivitet",
    "Nytt bokningssystem",
    "Påbörjad",
    "Upphandlat.",
    "Ekonomi 2026",
    "Budget (tkr)",
    "Utfall (tkr)",
    "Prognos (tkr)",
    "Avvikelse (tkr)",
    "Personalkostnader 12 000 3 950 11 900 100",
    "Köp av verksamhet 3 500 1 300 3 900 −400",
    "Kommentarer till prognosen",
    f"Köp av verksamhet: {DEFICIT}",
]


@pytest.mark.django_db
def test_it_writes_the_unit_report_as_pdf_in_order(built):
    data = report_data_file(unit_report_data(built.report), "pdf")
    text = pdf_text(data)
    first = normalise(text.split("Sid 1 (", 1)[0])
    for needle in ("Handläggare:", "Till", "Norra nämnden", "Tertialrapport 1 2026", "Enhet A"):
        assert needle in first
    assert "Förslag till beslut" in first
    assert "Innehåll" in first and "Per 30 april 2026" in first
    assert_in_order(body_after_toc(text), UNIT_ORDER)
    assert "Andel nöjda besökare" not in text  # annual: due in VB only
    pages = len(pypdf.PdfReader(io.BytesIO(data)).pages)
    assert all(f"Sid {n} ({pages})" in text for n in range(1, pages + 1))


@pytest.mark.django_db
def test_it_writes_the_unit_report_as_word_in_order(built):
    text = docx_text(report_data_file(unit_report_data(built.report), "docx"))
    assert "Förslag till beslut" in text and "Tertialrapport 1 2026" in text
    body = text.split("Innehåll", 1)[1]
    assert_in_order(body, ["Viktiga händelser", *UNIT_ORDER[2:]])
    document = docx.Document(io.BytesIO(report_data_file(unit_report_data(built.report), "docx")))
    assert document.core_properties.language == "sv-SE"
    assert document.core_properties.keywords == "tertialrapport"


@pytest.mark.django_db
def test_the_pdf_is_pdfa_and_pdfua_in_swedish(built):
    data = report_data_file(unit_report_data(built.report), "pdf")
    assert_archivable_swedish_pdf(data, title="Tertialrapport 1 2026 – Enhet A")


@pytest.mark.django_db
def test_an_approved_report_is_no_longer_a_proposal(built, approver):
    report_approve(report=built.report, by=approver)
    text = pdf_text(report_data_file(unit_report_data(built.report), "pdf"))
    assert "Förslag" not in text
    assert "godkänd" in text


@pytest.mark.django_db
def test_the_annual_report_assesses_results_not_forecasts(built):
    data = unit_report_data(built.annual)
    text = normalise(pdf_text(report_data_file(data, "pdf")))
    assert "Verksamhetsberättelse 2026" in text
    assert "Bedömning: Delvis uppfyllt" in text and "Bedöms" not in text
    assert "Andel nöjda besökare 80 % 82 % ✓ Uppnått" in text
    assert "Per 31 december 2026" in text


@pytest.mark.django_db
def test_the_json_holds_the_documented_content(built):
    data = unit_report_data(built.report)
    assert data["format"] == "styra-report/1" and data["kind"] == "unit"
    assert (data["title"], data["period"], data["status"]) == (
        "Tertialrapport 1 2026",
        "2026T1",
        "submitted",
    )
    unit_goal = data["goals"][0]["children"][0]["children"][0]["children"][0]
    assert unit_goal["assessed"] and unit_goal["assessment"]["label"] == "Bedöms uppfyllas"
    visits = unit_goal["indicators"][0]
    assert (visits["outcome"], visits["status"], visits["status_symbol"]) == (87.5, "partly", "◐")
    rows = {r["name"]: r for r in data["budget"]["rows"]}
    assert rows["Köp av verksamhet"]["deviation"] == -400
    assert rows["Köp av verksamhet"]["comment"] == DEFICIT


@pytest.mark.django_db
def test_the_layout_has_the_same_blocks_for_both_formats(built):
    layout = build_report_layout(unit_report_data(built.report))
    assert layout.draft and layout.doc_title == "Tertialrapport 1 2026 – Enhet A"
    assert [h.text for h in layout.toc_entries()][:2] == ["Viktiga händelser", "1 En stad för alla"]


COMMITTEE_ORDER = [
    "Nämndens mål",
    "Ingen ska vänta längre än nödvändigt",
    "Bedömning: Ej bedömt",
    "Väntetid till första besök",
    "10 dagar",
    "9 dagar",  # the mean of 7 and 11
    "Enheternas mål",
    "Enhet A",
    "Den enskilde får tid för besök inom tre dagar",
    "✓ Bedöms uppfyllas",
    "Enhet B",
    "Alla får svar samma vecka",
    "– Ej bedömt",
    "Indikatorer per enhet",
    "Väntetid till första besök",
    "Enhet A 8 dagar 7 dagar ✓ Uppnått",
    "Enhet B 9 dagar 11 dagar ✗ Ej uppnått",
    "Nämnden totalt (medelvärde) 10 dagar 9 dagar ✓ Uppnått",
    "Ekonomi 2026",
    "Budget (tkr)",
    "Utfall (tkr)",
    "Prognos (tkr)",
    "Avvikelse (tkr)",
    "Enhet A 15 500 5 250 15 800 −300",  # with the outcome to date
    "Enhet B 2 500",
    "Nämnden totalt 18 000 5 250 15 800 −300",
    "Rapportering",
    "1 av 2 enheter har lämnat in sin rapport.",
    "Enheter som inte har rapporterat",
    "Enhet B Utkast",
]


@pytest.mark.django_db
def test_it_writes_the_committee_report_with_the_roll_up(built, org):
    text = pdf_text(report_data_file(committee_report_data(org.north, "2026T1"), "pdf"))
    first = normalise(text.split("Sid 1 (", 1)[0])
    assert "Tertialrapport 1 2026" in first and "Norra nämnden" in first
    assert "Förslag till beslut" in first  # the committee has no approved report of its own
    assert_in_order(body_after_toc(text), COMMITTEE_ORDER)


@pytest.mark.django_db
def test_the_committee_pdf_is_pdfa_and_pdfua_in_swedish(built, org):
    data = report_data_file(committee_report_data(org.north, "2026T1"), "pdf")
    assert_archivable_swedish_pdf(data, title="Tertialrapport 1 2026 – Norra nämnden")


@pytest.mark.django_db
def test_it_writes_the_committee_report_as_word(built, org):
    text = docx_text(report_data_file(committee_report_data(org.north, "2026T1"), "docx"))
    assert_in_order(text.split("Innehåll", 1)[1], COMMITTEE_ORDER[:8])


@pytest.mark.django_db
def test_the_committee_report_reads_a_bounded_number_of_queries(
    built, org, django_assert_max_num_queries
):
    with django_assert_max_num_queries(30):
        data = committee_report_data(org.north, "2026T1")
    assert [u["unit"] for u in data["units"]] == ["Enhet A", "Enhet B"]
    assert data["units"][1]["status"] == "draft"


@pytest.mark.django_db
def test_the_committee_report_has_the_units_outcome_to_date(built, org):
    money = committee_report_data(org.north, "2026T1")["budget_units"]
    assert money["rows"] == [
        {"unit": "Enhet A", "budget": 15500, "outcome": 5250, "forecast": 15800, "deviation": -300},
        {"unit": "Enhet B", "budget": 2500, "outcome": None, "forecast": None, "deviation": None},
    ]
    assert money["total"]["outcome"] == 5250


@pytest.mark.django_db
def test_a_committee_report_for_an_unknown_period_is_refused(built, org):
    with pytest.raises(ReportingPeriod.DoesNotExist):
        committee_report_data(org.north, "2031T1")


def test_a_chain_goal_with_nothing_of_the_units_says_so_in_the_report(built, org, chain, plan_b):
    # Enhet B's report is a draft, read live; Enhet A's is handed in and frozen.
    area = goal_create(
        year=chain.year,
        level=Level.AREA,
        owner=org.city,
        parent=chain.direction,
        number="1.2",
        title="Staden är klimatsmart",
    )
    board = goal_create(
        year=chain.year, level=Level.BOARD, owner=org.north, parent=area, title="Mindre utsläpp"
    )
    plan_b.chain_goals.add(board)
    layout = build_report_layout(unit_report_data(built.report_b))
    texts = [(b.kind, getattr(b, "text", "")) for b in layout.blocks]
    at = texts.index(("heading", "Mindre utsläpp"))
    assert texts[at + 1] == ("paragraph", "Inget att redovisa för enheten.")
    # Only there: the goals the unit reports under keep their own content.
    assert texts.count(("paragraph", "Inget att redovisa för enheten.")) == 1
    word = docx_text(report_data_file(unit_report_data(built.report_b), "docx"))
    assert "Mindre utsläpp\nInget att redovisa för enheten." in word
