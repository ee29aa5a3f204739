"""A PDF made with Typst imports through its text layer."""

from __future__ import annotations

import typst

from styra.importer.legacy import parse_document

SOURCE = r"""
#set page(paper: "a4", header: [Verksamhetsplan #h(1fr) Sid #context counter(page).display() (2)],
  footer: [stockholm.se #h(1fr) Telefon 08-508 00 000])
#set text(lang: "sv")
Handläggare: Nils Åberg

Till

Västerby stadsdelsnämnd

= Verksamhetsplan 2024 Mottagningsenheten

== Inledning

Mottagningen tar emot nya ärenden och ger råd till dem som söker stöd.

KF:s inriktningsmål:

== 1. Alla invånare får stöd i rätt tid

KF:s mål för verksamhetsområdet:

=== 1.3 Kvaliteten i socialtjänsten är hög

#table(columns: (3fr, 1fr, 1fr, 1fr),
  [Indikator], [Årsmål], [KF:s årsmål], [Periodicitet],
  [Andel ärenden där första samtal sker inom en vecka efter att ansökan kommit in],
  [95 %], [tas fram av nämnden], [Tertial],
  [Antal överklagade beslut], [10 st], [], [År],
)

Nämndmål:

Nya ärenden hanteras snabbt

Åtagande:

Alla får ett första samtal inom en vecka

Förväntat resultat

De sökande får snabbt besked om vilket stöd som finns.

#table(columns: (3fr, 1fr, 1fr),
  [Aktivitet], [Startdatum], [Slutdatum],
  [Införa tidsbokning på webben], [2024-01-15], [2024-09-30],
)

== Budget 2024

#table(columns: (2fr, 1fr, 1fr, 1fr),
  [], [Kostnader], [Intäkter], [Netto],
  [Mottagning], [5,2], [0,1], [5,1],
  [Totalt], [5,2], [0,1], [5,1],
)
"""


def test_it_reads_a_typst_pdf():
    pdf = typst.compile(SOURCE.encode())
    plan = parse_document(pdf, "plan.pdf").plan
    assert (plan["unit"], plan["year"], plan["officer"], plan["addressee"]) == (
        "Mottagningsenheten",
        2024,
        "Nils Åberg",
        "Västerby stadsdelsnämnd",
    )
    area = plan["goals"][0]["children"][0]
    assert area["number"] == "1.3"
    assert area["indicators"] == [
        {
            "name": "Andel ärenden där första samtal sker inom en vecka "
            "efter att ansökan kommit in",
            "target": "95 %",
            "city_target": "tas fram av nämnden",
            "period": "Tertial",
        },
        {
            "name": "Antal överklagade beslut",
            "target": "10 st",
            "city_target": None,
            "period": "År",
        },
    ]
    unit = area["children"][0]["children"][0]
    assert unit["title"] == "Alla får ett första samtal inom en vecka"
    assert unit["expected_result"] == "De sökande får snabbt besked om vilket stöd som finns."
    assert unit["activities"] == [
        {"name": "Införa tidsbokning på webben", "start": "2024-01-15", "end": "2024-09-30"}
    ]
    assert plan["budget"]["rows"][0] == {
        "name": "Mottagning",
        "costs": 5.2,
        "revenues": 0.1,
        "net": 5.1,
    }
    assert "stockholm.se" not in repr(plan) and "Sid 1" not in repr(plan)


def test_it_detects_pdf_by_content_not_name():
    pdf = typst.compile(SOURCE.encode())
    assert parse_document(pdf, "plan.txt").plan["unit"] == "Mottagningsenheten"
