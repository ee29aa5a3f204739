"""Every figure carries its unit where it is shown: pages, documents and sheets alike."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from styra.conftest import add_unit_goal
from styra.followup.interchange import committee_report_data, report_data_file, unit_report_data
from styra.followup.services import outcome_record, periods_ensure, report_open
from styra.followup.tests.test_report_documents import docx_text
from styra.indicators.models import Aggregation, Indicator
from styra.indicators.services import indicator_create, target_set

NBSP = "\xa0"


@pytest.fixture
def minutes(org, chain, plan_a, plan_b):
    """A committee indicator without a measure, its targets written in minutes, and a percentage."""
    t1 = periods_ensure(year=chain.year)[0]
    add_unit_goal(chain, org.unit_a, "Svar")
    waiting = indicator_create(
        goal=chain.board, owner=org.north, name="Väntetid i telefon", periodicity="tertial"
    )
    share = indicator_create(
        goal=chain.board,
        owner=org.north,
        name="Andel nöjda",
        measure="%",
        periodicity="tertial",
        decimals=1,
    )
    Indicator.objects.filter(pk__in=[waiting.pk, share.pk]).update(aggregation=Aggregation.MEAN)
    for unit in (org.unit_a, org.unit_b):
        target_set(indicator=waiting, org_unit=unit, text="högst 3 minuter")
        target_set(indicator=share, org_unit=unit, text="minst 90 %")
    outcome_record(indicator=waiting, org_unit=org.unit_a, period=t1.code, value=Decimal(3))
    outcome_record(indicator=waiting, org_unit=org.unit_b, period=t1.code, value=Decimal(5))
    outcome_record(indicator=share, org_unit=org.unit_a, period=t1.code, value=Decimal("91.2"))
    outcome_record(indicator=share, org_unit=org.unit_b, period=t1.code, value=Decimal("91.2"))
    report = report_open(org_unit=org.unit_a, period=t1)
    return type("Scene", (), dict(t1=t1, waiting=waiting, share=share, report=report))


def test_the_report_page_shows_the_outcome_in_the_targets_unit(client, reader, minutes):
    client.force_login(reader)
    html = client.get(reverse("followup:report", args=[minutes.report.pk])).content.decode()
    assert "högst 3 minuter" in html
    assert f">3{NBSP}minuter<" in html
    assert f">91,2{NBSP}%<" in html


def test_the_indicator_page_shows_the_outcome_in_the_targets_unit(client, reader, minutes):
    client.force_login(reader)
    html = client.get(reverse("indicators:detail", args=[minutes.waiting.pk])).content.decode()
    assert f">3{NBSP}minuter<" in html and f">5{NBSP}minuter<" in html
    assert ">minuter</text>" in html  # the chart's axis names it too


def test_the_roll_up_shows_units_and_percentages(client, reader, org, minutes):
    client.force_login(reader)
    url = reverse("followup:rollup_committee", args=[org.north.pk, minutes.t1.code])
    html = client.get(url).content.decode()
    assert f">91,2{NBSP}%<" in html and ">91,2<" not in html
    assert f">3{NBSP}minuter<" in html and f">4,0{NBSP}minuter<" in html  # and the mean
    assert "Väntetid i telefon</a> (minuter)" in html


def test_the_documents_and_the_sheet_show_the_same_units(client, reader, org, minutes):
    unit_doc = docx_text(report_data_file(unit_report_data(minutes.report), "docx"))
    assert f"3{NBSP}minuter" in unit_doc and f"91,2{NBSP}%" in unit_doc
    committee_doc = docx_text(
        report_data_file(committee_report_data(org.north, minutes.t1.code), "docx")
    )
    assert f"5{NBSP}minuter" in committee_doc and f"91,2{NBSP}%" in committee_doc
    client.force_login(reader)
    url = reverse("followup:rollup_excel", args=[org.north.pk, minutes.t1.code])
    sheet = load_workbook(io.BytesIO(client.get(url).content))["Indikatorer"]
    units = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert units == {"Väntetid i telefon": "minuter", "Andel nöjda": "%"}
