"""Page furniture: running heads and feet, contact boxes and page numbers, told from a
plan's own lines and dropped after the front matter (which holds the real contact data).

A line is furniture by its shape (is_furniture: "Sid 3 (17)", a telephone, an address,
a web page's controls) or by repeating on the pages' edges, or, where the text shows no
page breaks, by repeating with only its numbers changed while it names a page, a case or
an office.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from . import tables, vocab
from .blocks import Line

# Page furniture: running headers and footers, contact boxes, page numbers.
_FURNITURE_RES = [
    # "Sid 3 (17)", and with the page's own number before it ("2 Sid 2 (29)").
    re.compile(
        r"^(?:\d{1,4}\s+)?(?:sid|sida|page)\s*\.?\s*\d{1,4}(?:\s*(?:\(|av|of|/)\s*\d{1,4}\)?)?$",
        re.I,
    ),
    # A web page's own controls around a document it shows (a web archive's text): alone on
    # a line they are never a plan's words.
    re.compile(
        r"^(?:storlek\s*:?\s*(?:\d+\s*)?px|download|ladda\s+ner|transkript|skriv\s+ut|"
        r"dela(?:\s+sidan)?|lyssna|till\s+toppen|hoppa\s+till\s+(?:huvud)?innehållet)$",
        re.I,
    ),
    re.compile(r"^\d{1,4}\s*\(\d{1,4}\)$"),
    re.compile(r"^\d{1,4}\s*(?:av|/)\s*\d{1,4}$", re.I),
    re.compile(r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:se|nu|com|org|net)(?:/\S*)?$", re.I),
    re.compile(r"^(?:tel(?:efon)?|tfn|växel|fax|mobil|direkt|e-?post|mejl)\b[\s.:]*[\d+(]", re.I),
    re.compile(r"^(?:\+46|0)\d{1,3}[\s-]?\d[\d\s-]{4,}\d$"),
    re.compile(r"^(?:besöksadress|postadress|adress)\b", re.I),
    re.compile(r"^box\s+\d+", re.I),
]
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_POSTAL_RE = re.compile(r"\b\d{3}\s?\d{2}\s+[A-ZÅÄÖ][A-Za-zÅÄÖåäö]{2,}")
_PAGE_NUMBER_RE = re.compile(r"^[-–]?\s*\d{1,3}\s*[-–]?$")


_FRAGMENT_RE = re.compile(
    r"(?:sida?|page)\s*\.?\s*\d{1,4}(?:\s*(?:\(|av|of|/)\s*\d{1,4}\)?)?"
    r"|(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:se|nu|com|org|net)\b(?:/\S*)?"
    r"|(?:tel(?:efon)?|tfn|växel|fax)\b[\s.:]*[+\d][\d\s()+-]{5,}\d"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|verksamhetsplan(?:\s+\d{4})?",
    re.IGNORECASE,
)


def is_furniture(text: str) -> bool:
    """Whether a line is a page header/footer or contact box fragment."""
    s = text.strip()
    if len(s) > 160:
        return False
    if any(r.match(s) for r in _FURNITURE_RES):
        return True
    if _EMAIL_RE.search(s) and len(s) < 160:
        return True
    if _POSTAL_RE.search(s) and len(s) < 90:
        return True
    # A footer and the next page's header run together on one line.
    rest, hits = _FRAGMENT_RE.subn(" ", s)
    return hits >= 2 and not re.search(r"\w", rest)


def _structural(line: Line) -> bool:
    t = line.text
    return bool(
        line.cells is not None
        or vocab.match_label(t)
        or vocab.match_narrative(t)
        or tables.header_role_count(t) >= 1  # a table's header, even one column's alone
        or tables.is_value_text(t)
        or line.bullet
    )


# A running head may name the organisation, the title and the unit on one line.
_RUNNING_MAX = 160
_RUNNING_REPEATS = 3
_DIGITS_RE = re.compile(r"\d+")
_RUNNING_MARK_RE = re.compile(
    r"(?:\b(?:sida?|page)\s*\.?\s*\d{1,4}(?:\s*(?:\(|av|of|/)\s*\d{1,4}\)?)?"
    r"|\bdnr\b|\bdiarienr|\bbox\s+\d+|\b\d{3}\s?\d{2}\s+[A-ZÅÄÖ]"
    r"|\b(?:tel(?:efon)?|tfn|växel)\b[\s.:]*[+\d]"
    r"|[\w.+-]+@[\w-]+\.\w|\b(?:www\.)?[a-z0-9-]+\.(?:se|nu|com|org)\b)",
    re.IGNORECASE,
)


def is_page_number(text: str) -> bool:
    """A page's number standing alone ("4", "- 4 -")."""
    return bool(_PAGE_NUMBER_RE.match(text))


def drop_furniture(lines: list[Line], keep_until: int) -> list[Line]:
    """Drop page furniture after the front matter (which holds the real contact data)."""
    pages = {ln.page for ln in lines}
    edge: set[int] = set()
    if len(pages) > 1:
        edge = _page_edges(lines)
    candidates = [
        ln
        for ln in lines
        if not ln.blank and ln.cells is None and len(ln.text) <= _RUNNING_MAX and not ln.bullet
    ]
    counts = Counter(vocab.fold(ln.text) for ln in candidates)
    # A running head or foot names the page, the case or the office, and repeats on
    # every page with only its numbers changed ("Sid 3 (19)"): found so even where the
    # text shows no page breaks.
    marked = Counter(
        _DIGITS_RE.sub("#", vocab.fold(ln.text))
        for ln in candidates
        if _RUNNING_MARK_RE.search(ln.text)
    )

    def is_running(ln: Line) -> bool:
        return (
            ln.cells is None
            and bool(_RUNNING_MARK_RE.search(ln.text))
            and marked.get(_DIGITS_RE.sub("#", vocab.fold(ln.text)), 0) >= _RUNNING_REPEATS
        )

    out: list[Line] = []
    for i, ln in enumerate(lines):
        if i < keep_until or ln.blank:
            out.append(ln)
            continue
        text = ln.text
        if ln.cells is None and is_furniture(text):
            continue
        page_number = ln.cells is None and _PAGE_NUMBER_RE.match(text)
        if page_number and (i in edge or _near_furniture(lines, i) or _near(lines, i, is_running)):
            continue
        key = vocab.fold(text)
        repeated = counts.get(key, 0)
        if (
            ln.cells is None
            and marked.get(_DIGITS_RE.sub("#", key), 0) >= _RUNNING_REPEATS
            and _RUNNING_MARK_RE.search(text)
            and not _structural(ln)
        ):
            continue
        if (
            ln.cells is None
            and i in edge
            and len(text) <= _RUNNING_MAX
            and repeated >= 3
            and not text[:1].islower()
            and not text.endswith(".")
            and not _structural(ln)
        ):
            continue
        out.append(ln)
    return out


def _page_edges(lines: list[Line]) -> set[int]:
    """Indexes of the first and last three non-blank lines of every page."""
    by_page: dict[int, list[int]] = {}
    for i, ln in enumerate(lines):
        if not ln.blank:
            by_page.setdefault(ln.page, []).append(i)
    edge: set[int] = set()
    for idx in by_page.values():
        edge.update(idx[:3])
        edge.update(idx[-3:])
    return edge


def _near(lines: list[Line], i: int, test: Callable[[Line], bool]) -> bool:
    """Whether one of the two lines before or after line i passes `test` (a page's foot
    number beside the next page's head)."""
    near = [j for j in range(max(0, i - 3), min(len(lines), i + 4)) if j != i]
    return any(not lines[j].blank and test(lines[j]) for j in near)


def _near_furniture(lines: list[Line], i: int) -> bool:
    for j in range(max(0, i - 2), min(len(lines), i + 3)):
        if j != i and not lines[j].blank and is_furniture(lines[j].text):
            return True
    return False
