"""Narrative text: cleaning on the way in, blocks on the way out."""

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from styra.lib.narrative import Block, blocks, clean_text
from styra.lib.tests.narrative_corpus import CORPUS, summary


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("<b>Fet</b> och <i>kursiv</i>", "Fet och kursiv"),
        ("Före<script>alert(1)</script>efter", "Föreefter"),
        ("<style>p{}</style>Text", "Text"),
        ('<a href="javascript:alert(1)">länk</a>', "länk"),
        ("<img src=x onerror=alert(1)>Bild", "Bild"),
        ("&lt;script&gt;alert(1)&lt;/script&gt;", ""),
        ("1 < 2 & 3 > 2", "1 < 2 & 3 > 2"),
        # Text that only looks like a tag is the writer's: no element, or words for attributes.
        ("Svara Anna <anna@example.se>", "Svara Anna <anna@example.se>"),
        ("Skriv <ange datum> och <Enhetens namn>", "Skriv <ange datum> och <Enhetens namn>"),
        ("om a<b och c>d gäller", "om a<b och c>d gäller"),
        ("värdet </5 mätningar", "värdet </5 mätningar"),
        ("<x onclick=alert(1)>hej</x>", "hej"),  # an unknown element's handler is markup
        ("<details open>mer</details>", "mer"),
        ("Rad ett\r\nRad två\rRad tre", "Rad ett\nRad två\nRad tre"),
        ("Ett\n\n\n\nTvå", "Ett\n\nTvå"),
        ("  kant  \n", "kant"),
        ("Noll\x00byte\x07", "Nollbyte"),
        (None, ""),
    ],
)
def test_it_cleans_text_people_paste(raw, clean):
    assert clean_text(raw) == clean


@given(st.text())
def test_it_cleans_idempotently(text):
    once = clean_text(text)
    assert clean_text(once) == once


def test_it_splits_paragraphs_and_joins_wrapped_lines():
    assert blocks("Första raden\nfortsätter här.\n\nAndra stycket.") == [
        Block("p", text="Första raden fortsätter här."),
        Block("p", text="Andra stycket."),
    ]


def test_it_reads_bullet_lists():
    assert blocks("- ett\n• två\n* tre\n– fyra") == [
        Block("ul", items=["ett", "två", "tre", "fyra"])
    ]


def test_it_keeps_how_ordered_lists_are_numbered():
    assert blocks("a) ett\nb) två\n\n1. tre") == [
        Block("ol", items=["ett", "två"], numbering="a", suffix=")"),
        Block("ol", items=["tre"], numbering="1", suffix="."),
    ]


def test_it_joins_lettered_items_in_separate_paragraphs():
    result = blocks("Inledning:\n\na) ett\n\nb) två\n\nSlut.")
    assert [b.kind for b in result] == ["p", "ol", "p"]
    assert result[1].items == ["ett", "två"]


def test_it_reads_a_list_right_under_its_introduction():
    assert blocks("Vi ska:\n- göra ett\n- göra två") == [
        Block("p", text="Vi ska:"),
        Block("ul", items=["göra ett", "göra två"]),
    ]


@pytest.mark.parametrize(
    "text, expected", [case[1:] for case in CORPUS], ids=[c[0] for c in CORPUS]
)
def test_it_reads_the_corpus(text, expected):
    assert summary(blocks(text)) == expected


@pytest.mark.parametrize(
    "block, markers",
    [
        (Block("ol", items=["x"] * 3, numbering="a", suffix=")", start=25), ["y)", "z)", "aa)"]),
        (Block("ol", items=["x"] * 2, numbering="1", suffix=".", start=9), ["9.", "10."]),
        (Block("ol", items=["x"], numbering="A", suffix=")"), ["A)"]),
        (Block("ul", items=["x"]), ["•"]),
    ],
)
def test_it_names_the_markers_as_written(block, markers):
    assert [block.marker(i) for i in range(len(block.items))] == markers


@given(
    st.lists(
        st.sampled_from(["", "Text:", "- ett", "  fortsätter", "1. två", "a) tre", "2019. År"])
    )
)
def test_it_keeps_every_word(lines):
    """Whatever the shape, no text is lost or made up: only markers and line breaks go."""
    found = []
    for block in blocks("\n".join(lines)):
        found.extend(block.text.split() if block.kind == "p" else " ".join(block.items).split())
    words = [w for line in lines for w in line.split() if w not in ("-", "1.", "a)")]
    assert sorted(found) == sorted(words)


@pytest.mark.parametrize(
    "line",
    ["- ett", "1. ett", "a) ett", "Text", "  fortsätter", "1." + " " * 2000 + "x", " " * 4000],
)
def test_it_reads_in_linear_time(line):
    small, large = _seconds(blocks, lambda size: "\n".join([line] * (size // (len(line) + 1))))
    assert large < 8 * small + 0.05


def _seconds(work, text_of, small=100_000, large=400_000):
    """The fastest of three runs of `work` on a text of about `small` and `large` characters."""

    def seconds(size):
        text = text_of(size)
        started = time.perf_counter()
        work(text)
        return time.perf_counter() - started

    return min(seconds(small) for _ in range(3)), min(seconds(large) for _ in range(3))


@pytest.mark.parametrize("piece", ["<a", "<ange ", "</", "<b och c>", "<x=1>"])
def test_it_cleans_in_linear_time(piece):
    small, large = _seconds(
        clean_text, lambda size: piece * (size // len(piece)), small=50_000, large=200_000
    )
    assert large < 8 * small + 0.05


@pytest.mark.parametrize("text", [None, "", "\n\n  \n"])
def test_it_has_no_blocks_for_empty_text(text):
    assert blocks(text) == []


def _help_markers() -> list[str]:
    import re

    from django.utils import translation

    from styra.lib.narrative import HELP

    with translation.override("sv"):
        return re.findall(r"”([^”]+)”", str(HELP))


def test_the_help_names_every_kind_of_list_and_each_marker_makes_one():
    """The follow-up forms' help promised only "- " although "•", "1." and "a)" work too."""
    markers = _help_markers()
    assert {"- ", "• ", "1. ", "a) "} <= set(markers), markers
    for marker in markers:
        second = {"1. ": "2. ", "a) ": "b) "}.get(marker, marker)
        # Straight under the line that introduces it, as the help says.
        [intro, listed] = blocks(f"Vi ska:\n{marker}ringa\n{second}skriva")
        assert intro == Block("p", text="Vi ska:")
        assert listed.kind == ("ul" if marker in ("- ", "• ") else "ol"), marker
        assert listed.items == ["ringa", "skriva"]


def test_every_narrative_field_of_plans_and_reports_gives_the_same_help():
    from styra.followup.forms import AssessmentForm, SectionTextForm
    from styra.goals.forms import GoalForm
    from styra.lib.narrative import HELP
    from styra.plans.forms import SectionForm

    fields = [
        AssessmentForm(forecast=True).fields["analysis"],
        SectionTextForm().fields["text"],
        SectionForm().fields["text"],
        GoalForm(unit_goal=True).fields["description"],
    ]
    assert all(field.help_text == HELP for field in fields)
