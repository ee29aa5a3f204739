"""A page laid out from where its characters and rules are drawn (positions.page_text).

The pages here are built glyph by glyph, in PDF points (y upwards), so each property of
the layout is shown alone: cells from rules, wrapped cells joined, a word broken inside a
narrow cell, columns kept apart, paragraphs told by the space between lines.
"""

from __future__ import annotations

from dataclasses import replace

import typst

from styra.importer.legacy import parse_document
from styra.importer.legacy.pdf import pdf_to_text
from styra.importer.legacy.positions import Glyph, Rule, page_text

SIZE = 10.0  # the font's height in points
ADVANCE = 5.0  # every character's width
SPACE = 2.8  # a word space, as a 10-point sans serif has it


def words(text: str, x: float, y: float) -> list[Glyph]:
    """A line of text starting at x on the baseline band [y, y + SIZE]."""
    out = []
    for char in text:
        if char == " ":
            x += SPACE
            continue
        out.append(Glyph(char, x, y, x + ADVANCE, y + SIZE))
        x += ADVANCE
    return out


def ruled_table(xs: list[float], ys: list[float]) -> list[Rule]:
    """Vertical rules at xs from the lowest to the highest y, horizontal ones at ys."""
    rules = [Rule(x - 0.2, min(ys), x + 0.2, max(ys)) for x in xs]
    rules += [Rule(min(xs), y - 0.2, max(xs), y + 0.2) for y in ys]
    return rules


def test_a_ruled_tables_rows_are_cells_and_wrapped_cells_are_one_text():
    xs = [50, 250, 320, 420]
    ys = [700, 680, 630]
    glyphs = [
        *words("Indikator", 52, 685),
        *words("Årsmål", 252, 685),
        *words("Period", 322, 685),
        # A name wrapped over three lines in its narrow cell, and a value over two.
        *words("Andel brukare som", 52, 665),
        *words("uppger att de är", 52, 652),
        *words("nöjda", 52, 639),
        *words("tas fram av", 252, 665),
        *words("nämnd/", 252, 652),
        *words("styrelse", 252, 639),
        *words("Tertial", 322, 665),
    ]
    text = page_text(glyphs, ruled_table(xs, ys))
    assert text.split("\n") == [
        "Indikator\tÅrsmål\tPeriod",
        "Andel brukare som uppger att de är nöjda\ttas fram av nämnd/styrelse\tTertial",
    ]


def test_a_word_wider_than_its_cell_is_joined_where_it_broke():
    # "Periodicit" fills the 52-pt cell to its edge and "et" goes on below it: one word.
    # "KF:s" leaves room, so "årsmål" on the next line is a word of its own.
    xs = [100, 152, 200]
    ys = [700, 660]
    glyphs = [
        *words("Periodicit", 101, 685),
        *words("et", 101, 672),
        *words("KF:s", 153, 685),
        *words("årsmål", 153, 672),
    ]
    assert page_text(glyphs, ruled_table(xs, ys)) == "Periodicitet\tKF:s årsmål"


def test_a_row_keeps_its_empty_cells():
    xs = [50, 250, 320]
    ys = [700, 680, 660]
    glyphs = [*words("Intäkter", 52, 685), *words("Lokaler", 52, 665), *words("3 103", 252, 665)]
    assert page_text(glyphs, ruled_table(xs, ys)).split("\n") == ["Intäkter\t", "Lokaler\t3 103"]


def test_columns_apart_on_a_line_stay_apart_and_a_right_column_keeps_its_place():
    glyphs = [
        *words("Handläggare: Eva Berg", 50, 700),
        *words("Till", 350, 700),
        *words("Västerby stadsdelsnämnd", 350, 686),
    ]
    first, second = page_text(glyphs, []).split("\n")
    assert first.startswith("Handläggare: Eva Berg    ")
    assert first.split() == ["Handläggare:", "Eva", "Berg", "Till"]
    # The right column's second line starts where "Till" starts above it.
    assert second.index("Västerby") == first.index("Till")


def test_more_space_between_lines_than_the_pages_usual_ends_a_paragraph():
    glyphs = [
        *words("Första raden i ett stycke", 50, 700),
        *words("och dess andra rad.", 50, 686),
        *words("Ett nytt stycke", 50, 660),
        *words("med två rader.", 50, 646),
    ]
    assert page_text(glyphs, []) == (
        "Första raden i ett stycke\noch dess andra rad.\n\nEtt nytt stycke\nmed två rader."
    )


def test_lines_beside_and_around_a_table_come_in_reading_order():
    xs = [50, 250, 320]
    ys = [600, 580, 560]
    glyphs = [
        *words("Efter tabellen", 50, 530),
        *words("Aktivitet", 52, 585),
        *words("Start", 252, 585),
        *words("Före tabellen", 50, 640),
        *words("Ny rutin", 52, 565),
        *words("2025-01-01", 252, 565),
    ]
    assert page_text(glyphs, ruled_table(xs, ys)).split("\n") == [
        "Före tabellen",
        "",
        "Aktivitet\tStart",
        "Ny rutin\t2025-01-01",
        "",
        "Efter tabellen",
    ]


def test_cells_of_a_table_without_rules_stand_two_spaces_apart_or_more():
    # Six points between two cells is more than any word space: the table reader cuts the
    # columns at two spaces.
    glyphs = [*words("Indikator Årsmål", 50, 700), *words("Målvärde", 136, 700)]
    line = page_text(glyphs, [])
    assert line.split("  ")[0] == "Indikator Årsmål" and line.split()[-1] == "Målvärde"
    assert "Årsmål  " in line


def test_a_frame_or_a_lone_rule_is_not_a_table():
    glyphs = words("Text i en ram", 60, 700)
    frame = [Rule(50, 690, 50.4, 720), Rule(50, 690, 300, 690.4)]
    assert page_text(glyphs, frame) == "Text i en ram"


def test_a_page_of_more_rules_than_any_plan_has_is_read_as_lines():
    rules = [Rule(x, 100, x + 0.3, 700) for x in range(0, 3000)]
    rules += [Rule(0, y, 3000, y + 0.3) for y in range(100, 700, 10)]
    assert page_text(words("Ritning", 50, 750), rules) == "Ritning"


PDF = r"""
#set page(paper: "a4", margin: 25mm, footer: [Sid #context counter(page).display() (2)])
#set text(lang: "sv", size: 10pt, hyphenate: false)
Verksamhetsplan 2025 Mottagningsenheten

KF:s inriktningsmål:

1. Alla invånare får stöd i rätt tid

KF:s mål för verksamhetsområdet:

1.3 Kvaliteten i socialtjänsten är hög

#table(columns: (60mm, 16mm, 22mm, 19mm), stroke: 0.4pt,
  [KF:s indikatorer], [Årsmål], [KF:s årsmål], [Periodicitet],
  [Andel ärenden där första samtal sker inom en vecka], [95 %], [tas fram av nämnden],
  [Tertial],
  [Kostnad per brukare och dygn], [900 kr], [minska], [År],
)

Texten får innehålla \<taggar\>, \*stjärnor\* och \_understreck\_.

#pagebreak()
Enheten följer upp målet i varje tertial.
"""


def test_a_real_pdfs_tables_and_text_are_read_from_their_positions():
    data = typst.compile(PDF.encode())
    text, warnings = pdf_to_text(data)
    assert warnings == []
    first, second = text.split("\f")
    assert (
        "Andel ärenden där första samtal sker inom en vecka\t95 %\ttas fram av nämnden\tTertial"
        in first.split("\n")
    )
    assert "Sid 2 (2)" in second
    result = parse_document(data, "plan.pdf")
    area = result.plan["goals"][0]["children"][0]
    assert [
        (i["name"], i["target"], i["city_target"], i["period"]) for i in area["indicators"]
    ] == [
        (
            "Andel ärenden där första samtal sker inom en vecka",
            "95 %",
            "tas fram av nämnden",
            "Tertial",
        ),
        # Its name begins with a column's word ("Kostnad"), and it is still a row.
        ("Kostnad per brukare och dygn", "900 kr", "minska", "År"),
    ]
    # A PDF's text is not markup: its own < > * _ are kept.
    assert "<taggar>, *stjärnor* och _understreck_" in area["description"]


def test_a_page_turned_by_rotate_is_still_read():
    import io

    import pypdf

    writer = pypdf.PdfWriter(clone_from=io.BytesIO(typst.compile(PDF.encode())))
    writer.pages[0].rotate(90)
    out = io.BytesIO()
    writer.write(out)
    # pypdf lays the turned page out; its table is read from the laid-out text.
    area = parse_document(out.getvalue(), "plan.pdf").plan["goals"][0]["children"][0]
    assert [i["name"] for i in area["indicators"]] == [
        "Andel ärenden där första samtal sker inom en vecka",
        "Kostnad per brukare och dygn",
    ]


def test_text_printed_on_itself_reads_once():
    # A bold faked by printing the line twice, the second a fraction of a point to the right.
    first = words("Enhetsmål", 50, 700)
    again = [replace(g, order=100 + n) for n, g in enumerate(words("Enhetsmål", 50.4, 700))]
    assert page_text(first + again, []) == "Enhetsmål"
    # A ligature's letters share one box and come one after the other: both are read.
    f = Glyph("f", 60, 700, 65, 710, order=5)
    ligature = [*words("e", 55, 700), f, replace(f, order=6), *words("ektivt", 65, 700)]
    assert page_text(ligature, []) == "effektivt"
    # Two of the same letter side by side are both kept.
    assert page_text(words("Mottagning", 50, 700), []) == "Mottagning"
