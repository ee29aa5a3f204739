"""The Excel download: one sheet per roll-up table, formula-like text neutralised, numbers kept."""

import io
from datetime import date
from decimal import Decimal

import openpyxl
import time_machine
from django.urls import reverse

from styra.followup.excel import Sheet, workbook
from styra.goals.services import goal_update
from styra.organisation.models import OrgUnit

from . import test_rollup

scene = test_rollup.scene


def read(content: bytes):
    return openpyxl.load_workbook(io.BytesIO(content))


def test_it_writes_numbers_as_numbers_and_neutralises_headers():
    content = workbook(
        [
            Sheet(
                "Blad",
                ["=Rubrik", "Tal"],
                [["-5", Decimal("-5.5")], ["@x", -3], ["text", 2.25], [None, date(2026, 4, 30)]],
            )
        ]
    )
    ws = read(content)["Blad"]
    assert [c.value for c in ws[1]] == ["'=Rubrik", "Tal"]
    assert [c.value for c in ws["A"][1:4]] == ["'-5", "'@x", "text"]
    assert [c.value for c in ws["B"][1:4]] == [-5.5, -3, 2.25]
    assert all(c.data_type == "n" for c in ws["B"][1:4])
    assert ws["A5"].value is None
    assert ws["B5"].value.date() == date(2026, 4, 30)


def test_it_downloads_every_roll_up_table(client, reader, org, chain, scene):
    OrgUnit.objects.filter(pk=org.unit_b.pk).update(name='=HYPERLINK("http://x","y")')
    # Enhet B's report is a draft, so the roll-up reads its goal live (Enhet A's is handed in).
    goal_update(goal=scene.goal_b, title="+SUM(1,2)")
    client.force_login(reader)
    with time_machine.travel(date(2026, 5, 1)):
        response = client.get(reverse("followup:rollup_excel", args=[org.north.pk, "2026T1"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="sammanstallning-norra-namnden-2026t1.xlsx"' in response["Content-Disposition"]
    book = read(response.content)
    # Internal control's sheets follow (internal_control.rollup_report, tested there).
    assert book.sheetnames == [
        *["Mål", "Indikatorer", "Budget", "Ej rapporterat"],
        *["Internkontroll", "Avvikelser"],
    ]

    goals = [[c.value for c in row] for row in book["Mål"].iter_rows()]
    assert goals[0] == ["Nämndmål", "Enhet", "Enhetens mål", "Bedömning"]
    # Units come in tree order, which sorts the renamed Enhet B first.
    assert goals[1:] == [
        [
            "Ingen ska vänta längre än nödvändigt",
            '\'=HYPERLINK("http://x","y")',
            "'+SUM(1,2)",
            "Bedöms delvis uppfyllas",
        ],
        ["Ingen ska vänta längre än nödvändigt", "Enhet A", "Svar i tid", "Bedöms uppfyllas"],
    ]
    # No cell anywhere is a formula.
    for ws in book.worksheets:
        assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)

    budget = [[c.value for c in row] for row in book["Budget"].iter_rows()]
    assert budget[0][1:5] == [
        "Budget (tkr)",
        "Utfall hittills (tkr)",
        "Prognos (tkr)",
        "Avvikelse (tkr)",
    ]
    assert budget[2] == ["Enhet A", 1000, 350, 1100, -100, "Ja", 0, 0]
    assert budget[-1] == ["Norra nämnden totalt", 1400, 500.6, 1430, -30, "Ja", 0, 1]
    assert book["Budget"]["C3"].data_type == "n"

    indicators = {
        (row[0], row[2]): row
        for row in ([c.value for c in r] for r in book["Indikatorer"].iter_rows(min_row=2))
    }
    assert indicators[("Antal besök", "Enhet A")][3:7] == [10, None, "12 st", "Ej uppnått"]
    assert indicators[("Andel i tid", "Norra nämnden totalt")][3] == 65
    assert indicators[("Index", "Norra nämnden totalt")][3:5] == [None, "kan inte summeras"]

    pending = [[c.value for c in row] for row in book["Ej rapporterat"].iter_rows()]
    assert pending[1][:3] == ['\'=HYPERLINK("http://x","y")', "Utkast", "Nej"]
