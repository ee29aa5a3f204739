"""The importer recognises the shape of a text and reads each shape as plain lines."""

import json

import pytest

from styra.importer.legacy import parse_document, shapes
from styra.importer.legacy.shapes import is_double_spaced, normalise, undouble

PLAIN = (
    "Verksamhetsplan 2026 Enhet X\n\nInledning\n\nEnheten ger stöd till vuxna\n"
    "som behöver det.\n\nKF:s inriktningsmål: 1. En stad för alla\n\n"
    "Nämndmål: Stöd när det behövs\n\nÅtagande: Vi ringer upp samma dag\n\n"
    "Vi följer upp varje ärende\ninom en månad.\n"
)


def viewer_copy(text: str) -> str:
    """As a PDF viewer copies it: every line ends in a space and has an empty line after."""
    return "".join(f"{line} \n\n" for line in text.split("\n"))


def test_a_viewer_copy_reads_as_the_plain_text():
    copied = viewer_copy(PLAIN)
    assert is_double_spaced(copied) and not is_double_spaced(PLAIN)
    assert parse_document(copied.encode(), "x.txt").plan == (
        parse_document(PLAIN.encode(), "x.txt").plan
    )


def test_one_empty_line_joins_and_more_end_the_paragraph():
    assert undouble("a\n\nb\n \n\n\nc") == "a\nb\n\nc"


@pytest.mark.parametrize(
    "text",
    [
        PLAIN,
        "Kort\n\ntext\n",  # too short to tell
        "\n".join(["Rad"] * 20),  # every line on the next
    ],
)
def test_other_shapes_are_left_as_they_are(text):
    assert normalise(text) == text


def test_pages_are_read_alone_and_keep_their_breaks():
    page = viewer_copy("Rad ett\nRad två\nRad tre\nRad fyra\nRad fem")
    assert normalise(page + "\f" + page).count("\f") == 1


def test_one_line_paragraphs_each_followed_by_an_empty_line_are_left_as_they_are():
    text = "".join(f"Stycke nummer {n} om arbetet.\n\n" for n in range(30)) + "Slut.\n\n\nSista."
    assert not is_double_spaced(text)


def test_a_viewer_copy_of_unwrapped_paragraphs_is_known_by_its_spaces():
    text = "".join(
        f"Stycke nummer {n} om arbetet.\n" + ("\n" if n % 3 == 2 else "") for n in range(30)
    )
    assert is_double_spaced(viewer_copy(text))


def _pages_run_together(pages: list[str]) -> str:
    """Pages as pypdf's or a converter's flat text gives them: no form feed, each page's
    running foot and the next page's head between two lines, wherever the page broke."""
    out = []
    for number, page in enumerate(pages, 1):
        out.append(f"Sjöbo stadsdelsförvaltning Sid {number} ({len(pages)})")
        out.append("Mottagningsenheten Dnr 1.2.3-45/2025")
        out.append(page)
        out.append("Sjöbo stadsdelsförvaltning, Box 120, 123 45 Exempelstad. Telefon 08-508 00 000")
    return "\n".join(out)


def test_running_heads_and_feet_are_dropped_where_the_text_shows_no_page_breaks():
    pages = [
        "Verksamhetsplan 2026 Mottagningsenheten\nKF:s inriktningsmål:",
        "1. En stad där alla får stöd i rätt tid\nNämndmål:\n1. Stödet ges i rätt tid",
        "Beskrivning\nEnheten svarar samma dag på varje",
        "ansökan som kommer in.",
    ]
    plan = parse_document(_pages_run_together(pages).encode(), "plan.txt").plan
    direction = plan["goals"][0]
    assert (direction["number"], direction["title"]) == (
        "1",
        "En stad där alla får stöd i rätt tid",
    )
    board = direction["children"][0]
    assert board["title"] == "Stödet ges i rätt tid"
    # The sentence the page broke goes on across the head and foot between its lines.
    assert board["description"] == "Enheten svarar samma dag på varje ansökan som kommer in."


def test_a_line_that_repeats_without_naming_a_page_or_an_office_is_kept():
    rows = "\n".join(f"Nämndmål:\n{n}. Mål {n}\nAndel nöjda brukare" for n in range(1, 5))
    text = f"Verksamhetsplan 2026 Enhet X\nKF:s inriktningsmål:\n1. En stad för alla\n{rows}"
    plan = parse_document(text.encode(), "plan.txt").plan
    boards = plan["goals"][0]["children"]
    assert [b["description"] for b in boards] == ["Andel nöjda brukare"] * 4


RUN_TOGETHER_PAGES = [
    "Sjöbo stadsdelsförvaltning Tjänsteutlåtande Dnr 1.2.3-45/2025 Sid 1 (4) "
    "Handläggare: Eva Berg Telefon: 08-508 00 001 Till Sjöbo stadsdelsnämnd "
    "Verksamhetsplan 2026 Mottagningsenheten Inledning Enheten tar emot ansökningar om "
    "stöd och ger råd till alla som hör av sig under året.",
    "Sjöbo stadsdelsförvaltning Sid 2 (4) Mottagningsenheten Dnr 1.2.3-45/2025 "
    "KF:s inriktningsmål: 1. En stad där alla får stöd i rätt tid "
    "KF:s mål för verksamhetsområdet: 1.2 Stödet är av god kvalitet "
    "KF:s indikatorer Årsmål KF:s årsmål Periodicitet "
    "Andel brukare som är nöjda med stödet 90 % 85 % Tertial "
    "Väntetid till första samtal 5 dagar minska År "
    "Nämndmål: 1. Alla får ett första samtal inom en vecka Beskrivning Nämnden mäter "
    "väntetiden varje månad. Sjöbo stadsdelsförvaltning, Box 12, 123 45 Sjöbo. "
    "Telefon 08-508 00 000",
    "Sjöbo stadsdelsförvaltning Sid 3 (4) Mottagningsenheten Dnr 1.2.3-45/2025 "
    "Åtagande: Vi ringer upp samma dag Förväntat resultat Ingen väntar mer än en dag. "
    "Arbetssätt I dialog med brukarna planeras varje insats. "
    "Enhetens aktiviteter Startdatum Slutdatum Införa digital tidsbokning 2026-01-01 "
    "2026-06-30 Utbilda personalen i bemötande 2026-03-01 2026-12-31 "
    "Sjöbo stadsdelsförvaltning, Box 12, 123 45 Sjöbo. Telefon 08-508 00 000",
    "Sjöbo stadsdelsförvaltning Sid 4 (4) Mottagningsenheten Dnr 1.2.3-45/2025 "
    "Budget 2026 Belopp i tkr Kostnader Intäkter Netto Personal 12 400 0 12 400 "
    "Lokaler 2 100 300 1 800 Totalt 14 500 300 14 200 "
    "Sjöbo stadsdelsförvaltning, Box 12, 123 45 Sjöbo. Telefon 08-508 00 000",
]


# What a page holds besides: a web archive's page is some thousands of characters.
FILL = " ".join(["Enheten arbetar nära brukarna och följer upp varje insats."] * 8)


def test_a_page_on_one_line_is_read_as_the_lines_its_structure_shows():
    first, second, third, fourth = RUN_TOGETHER_PAGES
    pages = [
        f"{first} {FILL}",
        second.replace("varje månad.", f"varje månad. {FILL}"),
        third.replace("varje insats.", f"varje insats. {FILL}"),
        fourth.replace(
            " Sjöbo stadsdelsförvaltning, Box", f" Övrigt {FILL} Sjöbo stadsdelsförvaltning, Box"
        ),
    ]
    text = "\n".join(pages) + "\n"
    assert shapes.is_run_together(text) and not shapes.is_run_together(PLAIN)
    plan = parse_document(text.encode(), "arkiv.txt").plan
    assert (plan["unit"], plan["year"], plan["officer"], plan["addressee"]) == (
        "Mottagningsenheten",
        2026,
        "Eva Berg",
        "Sjöbo stadsdelsnämnd",
    )
    area = plan["goals"][0]["children"][0]
    assert (area["number"], area["title"]) == ("1.2", "Stödet är av god kvalitet")
    assert [
        (i["name"], i["target"], i["city_target"], i["period"]) for i in area["indicators"]
    ] == [
        ("Andel brukare som är nöjda med stödet", "90 %", "85 %", "Tertial"),
        ("Väntetid till första samtal", "5 dagar", "minska", "År"),
    ]
    board = area["children"][0]
    assert board["title"] == "Alla får ett första samtal inom en vecka"
    assert board["description"] == f"Nämnden mäter väntetiden varje månad. {FILL}"
    unit = board["children"][0]
    assert unit["title"] == "Vi ringer upp samma dag"
    assert unit["expected_result"] == "Ingen väntar mer än en dag."
    assert unit["method"] == f"I dialog med brukarna planeras varje insats. {FILL}"
    assert [(a["name"], a["start"], a["end"]) for a in unit["activities"]] == [
        ("Införa digital tidsbokning", "2026-01-01", "2026-06-30"),
        ("Utbilda personalen i bemötande", "2026-03-01", "2026-12-31"),
    ]
    rows = [(r["name"], r["costs"], r["revenues"], r["net"]) for r in plan["budget"]["rows"]]
    assert rows[:2] == [("Personal", 12400, 0, 12400), ("Lokaler", 2100, 300, 1800)]
    # The running head and foot of every page are gone from what was read.
    assert "Sid 3" not in json.dumps(plan, ensure_ascii=False)
    assert "Box 12" not in json.dumps(plan, ensure_ascii=False)


def test_words_the_pages_width_broke_are_mended_in_a_run_together_text():
    page = (
        "Förvaltningen mäter elanvändning i kWh/ kvm och samarbetar med hälso- och "
        f"sjukvården om MI- samtal i hela förvalt- ningen. {FILL} {FILL}"
    )
    text = shapes.unrun("\n".join(f"{n} {page}" for n in ("Ett", "Två", "Tre", "Fyra")))
    assert "kWh/kvm" in text
    assert "hälso- och sjukvården" in text
    assert "MI-samtal" in text
    assert "förvaltningen" in text


def test_a_run_together_budget_of_one_column_keeps_its_sections_and_rows():
    page = (
        f"{FILL} Budget 2026 Beloppen anges i tkr Budget Intäkter Taxor och avgifter 100 "
        "Summa intäkter 100 Kostnader Personalkostnader 16 073 Lokalkostnader 3 103 "
        "Summa kostnader 19 176"
    )
    lines = shapes.unrun("\n".join([f"Sida {n} {FILL}" for n in range(3)] + [page])).split("\n")
    assert lines[-9:] == [
        "Budget 2026",
        "Beloppen anges i tkr Budget",
        "Intäkter",
        "Taxor och avgifter 100",
        "Summa intäkter 100",
        "Kostnader",
        "Personalkostnader 16 073",
        "Lokalkostnader 3 103",
        "Summa kostnader 19 176",
    ]


def test_a_page_number_alone_as_the_foot_is_dropped_beside_the_next_pages_head():
    pages = [
        "Verksamhetsplan 2026 Mottagningsenheten\nKF:s inriktningsmål:\n1. En stad för alla",
        "Nämndmål:\n1. Stödet ges i rätt tid\nEnhetsmål:",
        "Vi ringer upp samma dag\nFörväntat resultat\nIngen väntar.",
        "Arbetssätt\nVi planerar varje insats.",
    ]
    heads = [
        f"Sjöbo stadsdelsförvaltning Sid {n} (4)\nMottagningsenheten Dnr 1.2-3/2025"
        for n in range(1, 5)
    ]
    text = "\n".join(
        f"{head}\n{page}\n{n}" for n, (head, page) in enumerate(zip(heads, pages, strict=True), 1)
    )
    plan = parse_document(text.encode(), "plan.txt").plan
    unit = plan["goals"][0]["children"][0]["children"][0]
    assert unit["title"] == "Vi ringer upp samma dag"
    assert unit["method"] == "Vi planerar varje insats."


def test_a_run_together_tables_header_in_any_of_its_words_stands_on_its_own_line():
    body = (
        "Åtagande: Vi ringer upp samma dag Indikator Målvärde Stadens årsmål Mätperiod "
        "Andel nöjda brukare 90 % öka Halvår Aktivitet Start Slut Införa digital "
        "tidsbokning 2026-01-01 2026-06-30"
    )
    lines = shapes._split_structure(body, budget=False)[0].split("\n")
    assert [line.strip() for line in lines] == [
        "Åtagande: Vi ringer upp samma dag",
        "Indikator Målvärde Stadens årsmål Mätperiod",
        "Andel nöjda brukare 90 % öka Halvår",
        "Aktivitet Start Slut",
        "Införa digital tidsbokning 2026-01-01 2026-06-30",
    ]


def test_a_run_together_texts_short_last_page_and_bare_page_numbers_are_read():
    # A web archive's pages each end in their number alone, and the last page, the budget
    # alone, is shorter than a page of text (yet it is a page: its running head goes).
    pages = [
        f"Sjöbo stadsdelsförvaltning Sid {n} (4) Verksamhetsplan 2026 {FILL} {FILL} {part} {n}"
        for n, part in ((1, "Inledning."), (2, "Mål och mått."), (3, "Uppföljning."))
    ]
    pages.append(
        "Sjöbo stadsdelsförvaltning Sid 4 (4) Verksamhetsplan 2026 Budget 2026 Belopp i mnkr "
        "Kostnader Intäkter Netto Administration 7,4 0,4 7,0 LASS-assistans 25,9 3,6 22,3 "
        "Totalt 33,3 4,0 29,3 4"
    )
    lines = shapes.unrun("\n".join(pages)).replace("\f", "\n").split("\n")
    # Each number stands alone, where the page furniture is dropped.
    assert lines[-1] == "4"
    assert lines[-5:-1] == [
        "Belopp i mnkr Kostnader Intäkter Netto",
        "Administration 7,4 0,4 7,0",
        "LASS-assistans 25,9 3,6 22,3",
        "Totalt 33,3 4,0 29,3",
    ]
    assert all(not line.endswith((" 1", " 2", " 3")) for line in lines)
    assert "Sjöbo stadsdelsförvaltning Sid 4 (4)" in lines


def test_a_number_that_does_not_count_the_pages_stays_in_the_text():
    pages = [f"Sida {n} {FILL} {FILL} Målet är 90" for n in range(4)]
    text = shapes.unrun("\n".join(pages))
    assert text.count("Målet är 90") == 4
