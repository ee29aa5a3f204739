"""The terms of a query, and a short excerpt of a hit with the terms marked.

Everything here is linear in the text and the query: the query is capped before it is
split, the terms are few and short, and marking is one regular expression of escaped
literals over an excerpt of bounded length. The text is escaped before anything is
marked, so a title holding markup shows as text.
"""

from __future__ import annotations

import re

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

MAX_QUERY = 200  # characters of the query that are read at all
MAX_TERMS = 8
MIN_TERM = 2
EXCERPT = 180  # characters around the first hit

# A term is a run of letters and digits (Swedish letters included); punctuation, %, _ and
# quotes separate terms and never reach a LIKE pattern as wildcards.
_WORD = re.compile(r"\w+")


def query_terms(query: str) -> list[str]:
    """The distinct words of the query worth searching for, in order, at most MAX_TERMS."""
    terms: list[str] = []
    for word in _WORD.findall(query[:MAX_QUERY].casefold()):
        if len(word) >= MIN_TERM and word not in terms:
            terms.append(word[:50])
        if len(terms) == MAX_TERMS:
            break
    return terms


def _stems(terms: list[str]) -> list[str]:
    # PostgreSQL matches "budgeten" to "budget" by its Swedish stemmer and "budgt" to
    # "budget" by trigrams; marking the term's first letters finds such hits in the text too.
    stems = set(terms)
    stems.update(term[: max(4, len(term) - 2)] for term in terms if len(term) > 4)
    return sorted(stems, key=len, reverse=True)


def excerpt(texts: list[str], terms: list[str]) -> SafeString:
    """A piece of the first text that holds a term, escaped, with every term in <mark>."""
    stems = _stems(terms)
    pattern = re.compile("|".join(re.escape(s) for s in stems), re.IGNORECASE) if stems else None
    chosen, start = next((t for t in texts if t), ""), 0
    if pattern is not None:
        for text in texts:
            found = pattern.search(text[:20000]) if text else None
            if found:
                chosen, start = text, max(0, found.start() - EXCERPT // 3)
                break
    piece = " ".join(chosen[start : start + EXCERPT].split())
    prefix = "… " if start > 0 else ""
    suffix = " …" if len(chosen) > start + EXCERPT else ""
    if pattern is None:
        return format_html("{}{}{}", prefix, piece, suffix)
    pairs: list[tuple[str, str]] = []
    last = 0
    for found in pattern.finditer(piece):
        pairs.append((piece[last : found.start()], found.group()))
        last = found.end()
    # format_html escapes every piece of the text; only the <mark> tags are ours.
    marked = format_html_join("", "{}<mark>{}</mark>", pairs)
    return format_html("{}{}{}{}", prefix, marked, piece[last:], suffix)
