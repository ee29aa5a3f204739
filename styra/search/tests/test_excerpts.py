"""Query terms and marked excerpts: escaped, bounded, linear."""

import time

from ..excerpts import MAX_TERMS, excerpt, query_terms


def test_terms_are_words_casefolded_and_few():
    assert query_terms("Budget, BUDGET och %_ 'x' hemtjänst") == ["budget", "och", "hemtjänst"]
    assert len(query_terms(" ".join(f"ord{n}" for n in range(100)))) == MAX_TERMS


def test_the_excerpt_is_escaped_and_marked():
    html = excerpt(["", "<b>Budget</b> i balans"], ["budget"])
    assert html == "&lt;b&gt;<mark>Budget</mark>&lt;/b&gt; i balans"


def test_the_excerpt_is_around_the_hit():
    text = "början " * 100 + "hemtjänst " + "slut " * 100
    html = excerpt([text], ["hemtjänst"])
    assert html.startswith("… ") and html.endswith(" …") and "<mark>hemtjänst</mark>" in html
    assert len(html) < 260


def test_a_stemmed_hit_is_marked_by_its_first_letters():
    assert "<mark>budget</mark>" in excerpt(["Ny budget"], ["budgeten"])


def test_it_is_linear_on_big_repetitive_text():
    text = "a" * 1_000_000
    started = time.perf_counter()
    excerpt([text], query_terms("a" * 50 + " " + "aa " * 20))
    assert time.perf_counter() - started < 1
