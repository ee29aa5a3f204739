"""Narrative text: cleaning on the way in, blocks on the way out."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from styra.lib.narrative import Block, blocks, clean_text


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
        Block("ul", items=[("•", "ett"), ("•", "två"), ("•", "tre"), ("•", "fyra")])
    ]


def test_it_keeps_the_markers_of_ordered_lists():
    assert blocks("a) ett\nb) två\n\n1. tre") == [
        Block("ol", items=[("a)", "ett"), ("b)", "två"), ("1.", "tre")])
    ]


def test_it_joins_lettered_items_in_separate_paragraphs():
    result = blocks("Inledning:\n\na) ett\n\nb) två\n\nSlut.")
    assert [b.kind for b in result] == ["p", "ol", "p"]
    assert result[1].items == [("a)", "ett"), ("b)", "två")]


def test_it_treats_a_mixed_paragraph_as_text():
    assert blocks("Vi ska:\n- göra ett\n- göra två") == [
        Block("p", text="Vi ska: - göra ett - göra två")
    ]


@pytest.mark.parametrize("text", [None, "", "\n\n  \n"])
def test_it_has_no_blocks_for_empty_text(text):
    assert blocks(text) == []
