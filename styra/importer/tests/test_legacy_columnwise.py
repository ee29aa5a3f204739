"""A table that text gives column by column (pdftotext's default mode): read by rows where
the text tells them, and said so where it does not."""

from __future__ import annotations

import json

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


def test_a_table_with_an_empty_cell_puts_the_values_on_the_likeliest_rows_and_says_so():
    # Three rows, two value columns, five values: which row lacks one is not in the text.
    # The blocks of one run of rows follow each other, so each goes on the row the block
    # before it began on, where that cell is free.
    result, board = read(
        "KF:s indikatorer\nAndel nöjda brukare\nVäntetid i dagar\nAntal klagomål\n\n"
        "Årsmål\n90 %\n\nPeriodicitet\nTertial\n\nÅr\n\n12 st\n\nHalvår\n"
    )
    assert [(i["name"], i["target"], i["period"]) for i in board["indicators"]] == [
        ("Andel nöjda brukare", "90 %", "Tertial"),
        ("Väntetid i dagar", "12 st", "År"),
        ("Antal klagomål", None, "Halvår"),
    ]
    assert any("kolumn för kolumn" in w for w in result.warnings)


def test_a_header_read_above_the_names_gets_the_value_read_onto_the_first_name():
    # pdftotext put "Årsmål" under the name column's header, and the first row's target
    # on the first name's line; the other rows' cells come row by row after.
    result, board = read(
        "KF:s indikatorer\nÅrsmål\nAntal klagomål som besvaras inom två veckor 690 st\n"
        "Andel brukare som uppger att de får ett\ngott bemötande\n\n"
        "Periodicitet\nHalvår\n\nStadens årsmål\ntas fram av\nnämnden\n\n72 %\n\n77 %\n\n"
        "Tertial\n"
    )
    assert [
        (i["name"], i["target"], i["city_target"], i["period"]) for i in board["indicators"]
    ] == [
        ("Antal klagomål som besvaras inom två veckor", "690 st", "tas fram av nämnden", "Halvår"),
        ("Andel brukare som uppger att de får ett gott bemötande", "72 %", "77 %", "Tertial"),
    ]
    assert not any("kolumn för kolumn" in w for w in result.warnings)


def test_the_next_tables_names_read_between_the_columns_leave_each_table_its_own():
    _, board = read(
        "KF:s indikatorer\nAndel nöjda brukare\nAntal besök\n\nÅrsmål\n80 %\n120 st\n\n"
        "KF:s aktiviteter\nKartlägga väntetiderna\n\nKF:s årsmål\n85 %\nöka\n\n"
        "Periodicitet\nTertial\nÅr\n\nStartdatum\n2025-02-01\n\nSlutdatum\n2025-11-30\n"
    )
    assert [(i["target"], i["city_target"], i["period"]) for i in board["indicators"]] == [
        ("80 %", "85 %", "Tertial"),
        ("120 st", "öka", "År"),
    ]
    assert [(a["name"], a["start"], a["end"]) for a in board["activities"]] == [
        ("Kartlägga väntetiderna", "2025-02-01", "2025-11-30")
    ]


def test_a_label_read_between_the_names_and_the_values_goes_after_the_table():
    # The next goal's label stood under the table at a page's foot; its title is on the
    # next page. The table stays with its goal, the label gets its title.
    _, board = read(
        "Nämndens indikatorer\nAndel nöjda brukare\nAntal besök\nÅtagande:\n\n"
        "Årsmål\n80 %\n120 st\n\nPeriodicitet\nTertial\nÅr\n\n"
        "Sid 4 (9)\n\nVi svarar samma dag\nFörväntat resultat\nIngen väntar.\n"
    )
    assert [(i["name"], i["target"], i["period"]) for i in board["indicators"]] == [
        ("Andel nöjda brukare", "80 %", "Tertial"),
        ("Antal besök", "120 st", "År"),
    ]
    titles = [c["title"] for c in board["children"]]
    assert titles[0] == "Vi svarar samma dag"


def test_worded_targets_of_a_row_run_go_to_the_citys_column():
    _, board = read(
        "Nämndens indikatorer\nAndel nöjda brukare som\nfår stöd\nAntal besök\nAntal samtal\n\n"
        "Årsmål\n80 %\n\nStadens årsmål\n85 %\n\nPeriodicitet\nTertial\n\n"
        "minska\nfastställs 2025\n\nÅr\nÅr\n\n"
    )
    assert [(i["target"], i["city_target"], i["period"]) for i in board["indicators"]] == [
        ("80 %", "85 %", "Tertial"),
        (None, "minska", "År"),
        (None, "fastställs 2025", "År"),
    ]


def test_a_budget_read_by_columns_with_the_appendices_between_balances_its_rows():
    # Sibyllegatan has no revenues: its row is the one where costs less nothing is net.
    text = (
        HEAD + "Budget 2025\nBelopp i mnkr\nAdministration\nSibyllegatan\nExtern vård\nTotalt\n\n"
        "Bilagor\nBilaga 1: Organisationsskiss\n\nKostnader\n7,4\n0,3\n7,0\n14,7\n\n"
        "Intäkter\n0,4\n0,1\n0,5\n\nNetto\n7,0\n0,3\n6,9\n14,2\n"
    )
    plan = parse_document(text.encode(), "plan.txt").plan
    rows = [(r["name"], r["costs"], r.get("revenues"), r["net"]) for r in plan["budget"]["rows"]]
    assert rows == [
        ("Administration", 7.4, 0.4, 7.0),
        ("Sibyllegatan", 0.3, None, 0.3),
        ("Extern vård", 7.0, 0.1, 6.9),
        ("Totalt", 14.7, 0.5, 14.2),
    ]
    assert plan["appendices"] == ["Organisationsskiss"]


def test_a_header_of_two_columns_gives_the_values_under_it_row_by_row():
    # Two narrow columns' headers on one line ("Målvärde KF:s årsmål"), and each row's
    # values on lines of their own among the names (or at the end of a name's line).
    _, board = read(
        "Indikator\nMålvärde KF:s årsmål\nAndel hushåll som uppger att de\n78 %\n"
        "fastställs 2025\nupplever att stödet gör skillnad\nAndel hushåll som får 69 %\n74 %\n"
        "information i tid\n\nMätperiod\nTertial\nÅr\n"
    )
    assert [
        (i["name"], i["target"], i["city_target"], i["period"]) for i in board["indicators"]
    ] == [
        ("Andel hushåll som uppger att de upplever att stödet gör skillnad", "78 %",
         "fastställs 2025", "Tertial"),
        ("Andel hushåll som får information i tid", "69 %", "74 %", "År"),
    ]  # fmt: skip


def test_a_header_alone_says_the_first_row_has_no_value_in_its_column():
    _, board = read(
        "Enhetens aktiviteter\nKartlägga väntetiderna\nInföra digital tidsbokning\n\n"
        "Start\n2025-06-01\n\nSlutdatum\n\n2025-02-01\n\n2025-11-30\n"
    )
    assert [(a["start"], a["end"]) for a in board["activities"]] == [
        ("2025-06-01", None),
        ("2025-02-01", "2025-11-30"),
    ]


def test_a_column_read_before_its_tables_names_is_the_tables():
    text = (
        HEAD + "\nKostnader\n38 091\n7 332\n45 423\n\nIntäkter\n2 310\n1 223\n3 533\n\n"
        "Budget 2025\nBelopp i tkr\nBoendestöd\nHemtjänst\nTotalt\n\n"
        "Netto\n35 781\n6 109\n41 890\n"
    )
    plan = parse_document(text.encode(), "plan.txt").plan
    rows = [(r["name"], r["costs"], r["revenues"], r["net"]) for r in plan["budget"]["rows"]]
    assert rows == [
        ("Boendestöd", 38091, 2310, 35781),
        ("Hemtjänst", 7332, 1223, 6109),
        ("Totalt", 45423, 3533, 41890),
    ]
    assert "38 091" not in json.dumps(plan["goals"], ensure_ascii=False)


def test_rows_the_page_broke_off_go_on_under_the_table_on_the_next_page():
    _, board = read(
        "Aktivitet\nKartlägga väntetiderna\nInföra digital tidsbokning\n\n"
        "Startdatum\n2025-06-01\n2025-02-01\n\nSlutdatum\n2025-08-30\n2025-09-30\n\f"
        "Sid 3 (12)\n\nUtvärdera samverkan med skolan\nSamordna utbildningen\n\n"
        "2025-01-01\n2025-03-01\n\n2025-10-30\n2025-12-31\n"
    )
    assert [(a["name"], a["start"], a["end"]) for a in board["activities"]] == [
        ("Kartlägga väntetiderna", "2025-06-01", "2025-08-30"),
        ("Införa digital tidsbokning", "2025-02-01", "2025-09-30"),
        ("Utvärdera samverkan med skolan", "2025-01-01", "2025-10-30"),
        ("Samordna utbildningen", "2025-03-01", "2025-12-31"),
    ]


def test_a_tables_names_under_another_tables_names_start_a_table_of_their_own():
    _, board = read(
        "Nämndens indikatorer\nAndel nöjda brukare\nAktivitet\nKartlägga väntetiderna\n\n"
        "Startdatum\n2025-06-01\n\nSlutdatum\n2025-08-30\n\nÅrsmål\n80 %\n\nPeriodicitet\nÅr\n"
    )
    assert [(i["name"], i["target"], i["period"]) for i in board["indicators"]] == [
        ("Andel nöjda brukare", "80 %", "År")
    ]
    assert [(a["name"], a["start"], a["end"]) for a in board["activities"]] == [
        ("Kartlägga väntetiderna", "2025-06-01", "2025-08-30")
    ]


def test_a_budget_of_one_column_read_by_columns_keeps_its_sections():
    text = (
        HEAD + "\nBudget 2025\nBeloppen anges i tkr\nIntäkter\nTaxor och avgifter\n"
        "Summa intäkter\nKostnader\nPersonalkostnader\nÖvriga kostnader\nSumma kostnader\n"
        "Summa netto\n\nBudget\n100\n100\n16 073\n1 228\n17 301\n17 201\n"
    )
    plan = parse_document(text.encode(), "plan.txt").plan
    rows = [
        (r["name"], r.get("costs"), r.get("revenues"), r.get("net")) for r in plan["budget"]["rows"]
    ]
    assert rows == [
        ("Taxor och avgifter", None, 100, None),
        ("Summa intäkter", None, 100, None),
        ("Personalkostnader", 16073, None, None),
        ("Övriga kostnader", 1228, None, None),
        ("Summa kostnader", 17301, None, None),
        ("Summa netto", None, None, 17201),
    ]


def test_a_goal_whose_title_runs_into_the_next_tables_names_ends_the_zone_before_it():
    # The next goal's label, its title and its table's names stand in one block after the
    # first table's values: the values that follow are the new table's, not the first's.
    _, board = read(
        "Nämndens indikatorer\nAndel nöjda brukare\nAntal besök\n\nÅrsmål\n80 %\n\n"
        "Periodicitet\nTertial\nÅr\n\nEnhetsmål:\n\nVi svarar samma dag på\nvarje fråga\n"
        "Enhetens indikatorer\nAndel svar samma dag\n\nÅrsmål\n95 %\n\nPeriodicitet\nTertial\n"
    )
    assert [(i["target"], i["period"]) for i in board["indicators"]] == [
        ("80 %", "Tertial"),
        (None, "År"),
    ]
    unit = board["children"][0]
    assert unit["title"] == "Vi svarar samma dag på varje fråga"
    assert [(i["name"], i["target"]) for i in unit["indicators"]] == [
        ("Andel svar samma dag", "95 %")
    ]


def test_a_tables_cell_read_after_a_label_is_not_the_goals_title():
    _, board = read(
        "Aktivitet\nKartlägga väntetiderna\n\nStartdatum\n2025-06-01\n\nÅtagande:\n\n"
        "2025-12-31\n\nVi svarar samma dag\n"
    )
    assert [c["title"] for c in board["children"]][0] == "Vi svarar samma dag"


def test_a_budget_column_short_of_rows_is_aligned_to_the_rows_it_balances_however_long():
    # Only the last rows have revenues: each value goes where costs less it is the net.
    names = [f"Verksamhet {n}" for n in range(1, 21)]
    costs = [str(10 + n) for n in range(20)]
    revenues = {n: str(n - 9) for n in range(10, 16)}  # rows 11 to 16 (1-based)
    nets = [str(int(costs[n]) - int(revenues.get(n, 0))) for n in range(20)]
    text = (
        HEAD + "\nBudget 2025\nBelopp i tkr\n" + "\n".join(names) + "\n\nKostnader\n"
        + "\n".join(costs) + "\n\nIntäkter\n" + "\n".join(revenues.values()) + "\n\nNetto\n"
        + "\n".join(nets) + "\n"
    )  # fmt: skip
    rows = parse_document(text.encode(), "plan.txt").plan["budget"]["rows"]
    assert [r.get("revenues") for r in rows] == [
        int(revenues[n]) if n in revenues else None for n in range(20)
    ]


def test_a_header_alone_does_not_undo_a_value_already_read_for_its_first_row():
    _, board = read(
        "KF:s indikatorer\nÅrsmål\nAntal klagomål 690 st\nAndel nöjda brukare\n\n"
        "Periodicitet\nTertial\nÅr\n\nÅrsmål\n\n80 %\n"
    )
    assert [i["target"] for i in board["indicators"]] == ["690 st", "80 %"]


def test_dated_lines_with_words_after_the_date_are_not_a_column_of_dates():
    _, board = read(
        "Aktiviteter\nKartlägga väntetiderna\nInföra digital tidsbokning\n\n"
        "2025-03-01 beslut i nämnden\n2025-06-01 uppföljning i ledningsgruppen\n"
    )
    text = json.dumps(board, ensure_ascii=False)
    assert "beslut i nämnden" in text
    assert "uppföljning i ledningsgruppen" in text


def test_values_on_a_later_page_are_not_taken_for_the_rows_names():
    _, board = read(
        "KF:s indikatorer\nAndel nöjda brukare\nAntal besök\n\nÅrsmål\n80 %\n90 %\n\f"
        "Sid 3 (12)\n\nTertial\nÅr\n\n85 %\n95 %\n"
    )
    assert [i["name"] for i in board["indicators"]] == ["Andel nöjda brukare", "Antal besök"]


def test_a_column_goes_to_the_table_of_its_kind_that_has_room_for_it():
    # Table B's names came between A's columns; A's city targets are two, B has one row.
    _, board = read(
        "KF:s indikatorer\nAndel nöjda brukare\nAntal besök\n\nÅrsmål\n80 %\n90 %\n\n"
        "Nämndens indikatorer\nSvarstid\n\nKF:s årsmål\n85 %\n95 %\n\nPeriodicitet\nTertial\nÅr\n"
    )
    first = board["indicators"][:2]
    assert [(i["target"], i["city_target"], i["period"]) for i in first] == [
        ("80 %", "85 %", "Tertial"),
        ("90 %", "95 %", "År"),
    ]


def test_a_column_read_far_before_a_table_or_before_a_goal_is_not_the_tables():
    prose = "\n\n".join(f"Stycke {n} om arbetet i enheten." for n in range(300))
    text = (
        HEAD + "\nPeriodicitet\nTertial\nÅr\n\n" + prose + "\n\nEnhetsmål:\n\nVi svarar\n\n"
        "Nämndens indikatorer\nSvarstid\nAntal samtal\n\nÅrsmål\n1 dag\n50 st\n"
    )
    plan = parse_document(text.encode(), "plan.txt").plan
    unit = plan["goals"][0]["children"][0]["children"][0]
    assert [i["period"] for i in unit["indicators"]] == [None, None]


def test_headings_a_document_marked_are_never_read_as_a_table_column_by_column():
    text = HEAD + "\n### Indikatorer\n\nAndel nöjda brukare\n\n### Årsmål\n\n80 %\n"
    result = parse_document(text.encode(), "plan.md")
    assert not any("kolumn för kolumn" in w for w in result.warnings)
    assert result.plan["goals"][0]["children"][0].get("indicators") in (None, [])


def test_the_next_goals_table_is_not_read_into_the_goal_before_it():
    _, board = read(
        "KF:s indikatorer\nAndel nöjda brukare\nAntal besök\n\nÅrsmål\n80 %\n90 %\n\n"
        "Enhetsmål:\n\nVi ringer upp samma dag\n\nPeriodicitet\nTertial\nÅr\n\n"
        "Nämndens indikatorer\nSvarstid\nAntal samtal\n\nÅrsmål\n1 dag\n50 st\n"
    )
    assert [(i["name"], i["target"]) for i in board["indicators"]] == [
        ("Andel nöjda brukare", "80 %"),
        ("Antal besök", "90 %"),
    ]
    unit = board["children"][0]
    assert unit["title"] == "Vi ringer upp samma dag"
    assert [(i["name"], i["target"]) for i in unit["indicators"]] == [
        ("Svarstid", "1 dag"),
        ("Antal samtal", "50 st"),
    ]


def test_a_name_wrapped_before_a_proper_noun_goes_on_after_a_word_that_needs_the_next():
    _, board = read(
        "KF:s indikatorer\nAndel meddelanden om avhysning från\nKronofogdemyndigheten som avvärjs\n"
        "Svarsfrekvens i enkäten för\nÖstermalms förvaltning\n\nÅrsmål\n75 %\n80 %\n"
    )
    assert [i["name"] for i in board["indicators"]] == [
        "Andel meddelanden om avhysning från Kronofogdemyndigheten som avvärjs",
        "Svarsfrekvens i enkäten för Östermalms förvaltning",
    ]
