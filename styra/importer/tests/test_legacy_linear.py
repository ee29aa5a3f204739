"""The importer's work grows linearly with its input (issue 9, "Hostile input costs little").

These tests count work instead of timing it; the timings are in
benchmarks/bench_hostile_import.py.
"""

from __future__ import annotations

import pathlib
import sys

import pytest
from docx.parts.document import DocumentPart
from hypothesis import given, settings
from hypothesis import strategies as st

import styra.importer.legacy as legacy
from styra.importer.legacy import MAX_LINES, DocumentError, docx, lines, parse_document

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[3] / "benchmarks"))
import bench_hostile_import as hostile  # noqa: E402


def _characters_read_by_joins(monkeypatch, data: bytes) -> int:
    """How many characters of the text so far the line joins looked at, in all."""
    seen = [0]
    real = lines._joint

    def counting(left: str, right: str):
        seen[0] += len(left)
        return real(left, right)

    monkeypatch.setattr(lines, "_joint", counting)
    parse_document(data, "plan.txt")
    return seen[0]


@pytest.mark.parametrize(
    "shape",
    [
        hostile.identical_lines,
        hostile.hyphenated_lines,
        hostile.broken_paragraphs,
        hostile.wrapped_rows,
        hostile.labelled_goals,
    ],
)
def test_joining_wrapped_lines_reads_a_bounded_tail_not_the_growing_paragraph(monkeypatch, shape):
    # Found: 40,000 identical lines took 268 s, join_wrapped re-searching the whole
    # paragraph on every line. Four times the lines must cost four times the reading.
    small = _characters_read_by_joins(monkeypatch, shape(500))
    large = _characters_read_by_joins(monkeypatch, shape(2000))
    assert small > 0
    assert large <= 4.1 * small
    assert large <= 2000 * lines._JOIN_TAIL


_LINE = st.sampled_from(
    ["och", "Verksamhets-", "LSS-", "e-", "sam-", "arbete", "Skola", "MI-", "x", "(a-", "ORD"]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINE | st.text(min_size=1, max_size=12), max_size=30))
def test_wrapped_joins_as_join_wrapped_one_line_at_a_time(parts):
    expected = ""
    text = lines.Wrapped()
    for part in parts:
        expected = lines.join_wrapped(expected, part)
        text.add(part)
    assert str(text) == expected
    assert text.length == len(expected)
    assert text.tail == expected[-lines._JOIN_TAIL :]


def test_goal_text_of_many_paragraphs_is_kept_in_order():
    # Paragraphs are gathered and joined once (not copied onto the text on each one).
    body = "".join(f"Stycke nummer {n} om arbetet.\n\n" for n in range(300))
    data = ("Nämndmål:\n\nNämndens mål uppfylls\n\n" + body).encode()
    goal = parse_document(data, "plan.txt").plan["goals"][0]
    assert goal["description"] == "\n\n".join(f"Stycke nummer {n} om arbetet." for n in range(300))


def test_a_text_of_more_lines_than_a_plan_has_is_refused_before_parsing(monkeypatch):
    monkeypatch.setattr(lines, "text_to_lines", lambda text: pytest.fail("parsed"))
    with pytest.raises(DocumentError, match="fler än 200\u00a0000 rader"):
        parse_document(b"x\n" * MAX_LINES, "plan.txt")


def test_style_lookups_do_not_grow_with_the_paragraphs(monkeypatch):
    # Found: a 114 KB .docx of 1.6 million paragraphs took 113 s, python-docx scanning
    # the style sheet for every paragraph.
    calls = [0]
    real = DocumentPart.get_style

    def counting(self, *args, **kwargs):
        calls[0] += 1
        return real(self, *args, **kwargs)

    monkeypatch.setattr(DocumentPart, "get_style", counting)
    counts = []
    for n in (50, 500):
        calls[0] = 0
        parse_document(hostile.empty_paragraph_docx(n, text="Verksamheten följs upp."), "plan.docx")
        counts.append(calls[0])
    assert counts[0] == counts[1] <= 2


def test_a_docx_of_more_paragraphs_than_a_plan_has_is_refused_while_it_is_read(monkeypatch):
    monkeypatch.setattr(docx, "MAX_PARAGRAPHS", 1000)
    data = hostile.empty_paragraph_docx(1001)
    with pytest.raises(DocumentError, match="fler än 1\u00a0000 stycken"):
        parse_document(data, "plan.docx")
    parse_document(hostile.empty_paragraph_docx(999, text="Text."), "plan.docx")


def test_a_docx_of_more_xml_elements_than_a_plan_has_is_refused_while_it_is_read(monkeypatch):
    # One paragraph of many runs: few paragraphs, but work per run.
    monkeypatch.setattr(docx, "MAX_XML_ELEMENTS", 1000)
    with pytest.raises(DocumentError, match="Word-dokumentet är för stort"):
        parse_document(hostile.many_runs_docx(600), "plan.docx")
    parse_document(hostile.many_runs_docx(300), "plan.docx")


def test_runs_of_a_paragraph_are_joined_in_order():
    result = parse_document(hostile.many_runs_docx(3000), "plan.docx")
    assert [s["text"] for s in result.plan["sections"]] == [("ord " * 3000).strip()]


def test_a_document_that_turns_into_more_goals_than_a_plan_has_is_refused(monkeypatch):
    monkeypatch.setattr(legacy, "MAX_OBJECTS", 100)
    with pytest.raises(DocumentError, match="fler än 100 mål, indikatorer och aktiviteter"):
        parse_document(hostile.labelled_goals(2000), "plan.txt")
    assert len(parse_document(hostile.labelled_goals(500), "plan.txt").plan["goals"]) == 50


def test_a_text_larger_than_a_plan_is_refused_not_cut(monkeypatch):
    # Cut at 4 MB, the rest of the plan was left out and the first part stored as whole.
    monkeypatch.setattr(lines, "text_to_lines", lambda text: pytest.fail("parsed"))
    with pytest.raises(DocumentError, match="större än 4 MB"):
        parse_document("Nämndmål: Målet\n".encode() * 300_000, "plan.txt")


@pytest.mark.parametrize("sep", ["|", "\t"])
def test_a_row_of_ten_thousand_cells_is_read_as_at_most_max_cells(sep):
    # Found: every cell is read several times (inline markup, its role in a table), so a
    # 4 MB file of 10 000-column rows took 13 s of CPU; the cells past MAX_CELLS are the
    # last cell's text, and a plan's real tables (a dozen columns) are read as before.
    from styra.importer.legacy.lines import MAX_CELLS, physical_line

    edge = sep if sep == "|" else ""  # a pipe row has outer bars, a tab row none
    raw = edge + sep.join(f"c{i}" for i in range(10_000)) + edge
    [line] = physical_line(raw, 0)
    assert len(line.cells) == MAX_CELLS
    assert line.cells[: MAX_CELLS - 1] == [f"c{i}" for i in range(MAX_CELLS - 1)]
    assert line.cells[-1].split() == [f"c{i}" for i in range(MAX_CELLS - 1, 10_000)]
    [narrow] = physical_line(edge + sep.join(["Indikator", "Årsmål", "Periodicitet"]) + edge, 0)
    assert narrow.cells == ["Indikator", "Årsmål", "Periodicitet"]
