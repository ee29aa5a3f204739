"""A table that text gives column by column (pdftotext's default mode): read by rows where
the text tells them, and said so where it does not."""

from __future__ import annotations

from styra.importer.legacy import parse_document

HEAD = """Verksamhetsplan 2025 Mottagningsenheten

KF:s inriktningsmål:

1. Alla får stöd i rätt tid

Nämndmål:

1. Stödet ges nära brukarna
"""
AFTER = """
Enhetsmål:

Vi ringer upp samma dag
Förväntat resultat
Ingen väntar mer än en dag.
"""


def read(table: str):
    result = parse_document((HEAD + table + AFTER).encode(), "plan.txt")
    board = result.plan["goals"][0]["children"][0]
    return result, board


def test_every_cell_filled_gives_each_row_its_values():
    result, board = read(
        "Nämndens aktiviteter\nKartlägga väntetiderna i\nmottagningen\nInföra digital "
        "tidsbokning\n\nStartdatum\n2025-01-01\n\nSlutdatum\n2025-12-31\n\n2025-03-01\n\n"
        "2025-06-30\n"
    )
    assert [(a["name"], a["start"], a["end"]) for a in board["activities"]] == [
        ("Kartlägga väntetiderna i mottagningen", "2025-01-01", "2025-12-31"),
        ("Införa digital tidsbokning", "2025-03-01", "2025-06-30"),
    ]
    assert not any("kolumn för kolumn" in w for w in result.warnings)
    # The goal after the table is not taken into it.
    assert board["children"][0]["title"] == "Vi ringer upp samma dag"


def test_worded_values_cut_by_the_column_are_one_value():
    _, board = read(
        "KF:s indikatorer\nAndel nöjda brukare\nVäntetid i dagar\n\nKF:s årsmål\ntas fram av\n"
        "nämnden\n\nPeriodicitet\nTertial\n\nminska\n\nÅr\n"
    )
    assert [(i["name"], i["city_target"], i["period"]) for i in board["indicators"]] == [
        ("Andel nöjda brukare", "tas fram av nämnden", "Tertial"),
        ("Väntetid i dagar", "minska", "År"),
    ]


def test_a_table_with_an_empty_cell_keeps_its_rows_names_and_says_the_values_are_missing():
    # Three rows, two value columns, five values: which row lacks one is not in the text.
    result, board = read(
        "KF:s indikatorer\nAndel nöjda brukare\nVäntetid i dagar\nAntal klagomål\n\n"
        "Årsmål\n90 %\n\nPeriodicitet\nTertial\n\nÅr\n\n12 st\n\nHalvår\n"
    )
    assert [(i["name"], i["target"], i["period"]) for i in board["indicators"]] == [
        ("Andel nöjda brukare", None, None),
        ("Väntetid i dagar", None, None),
        ("Antal klagomål", None, None),
    ]
    assert any("kolumn för kolumn" in w for w in result.warnings)
