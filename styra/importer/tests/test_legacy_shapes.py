"""The importer recognises the shape of a text and reads each shape as plain lines."""

import pytest

from styra.importer.legacy import parse_document
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
