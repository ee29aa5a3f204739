"""A table that text gives column by column, as pdftotext's default mode writes one.

pdftotext (without -layout) follows the reading order of blocks, and a narrow table's
columns are blocks of their own: first the name column whole ("KF:s indikatorer", then
every name, wrapped), then each value column's header and the cells after it:

    Nämndens aktiviteter
    Kartlägga väntetiderna i
    mottagningen
    Införa digital tidsbokning

    Startdatum
    2025-01-01

    Slutdatum
    2025-12-31

    2025-03-01

    2025-06-30

A name starts with a capital, its wrapped lines go on in lower case. The values follow
the first row beside the headers and then row by row, so when every cell holds a value
they are the rows' cells in order. When some cell is empty, which value belongs to which
row is not in the text: the rows keep their names, their values are left empty, and the
reader says so (the PDF itself, read with positions, has them).
"""

from __future__ import annotations

import re

from . import tables, vocab
from .blocks import Line, Table

# A column's header line: at most this long ("KF:s årsmål", "Periodicitet").
_HEADER_MAX = 40
# Lines a table may run over; past this it is not a table but text that names one.
_MAX_LINES = 400
_NAME_ROLES = ("indicator", "activity")


def capture(lines: list[Line], i: int) -> tuple[Table, int] | None:
    """The table whose name column's header is lines[i], and the index after it."""
    head = lines[i]
    role = _header_role(head)
    if role not in _NAME_ROLES:
        return None
    j = i + 1
    names: list[str] = []
    while j < len(lines) and j - i < _MAX_LINES:
        ln = lines[j]
        if ln.blank or _header_role(ln) not in (None, *_NAME_ROLES) or _stops(ln):
            break
        if names and not ln.text[:1].isupper() and not ln.text[:1].isdigit():
            names[-1] = f"{names[-1]} {ln.text}"  # a wrapped name goes on in lower case
        else:
            names.append(ln.text)
        j += 1
    columns: list[str] = []
    values: list[str] = []
    while j < len(lines) and j - i < _MAX_LINES:
        ln = lines[j]
        if ln.blank:
            j += 1
            continue
        column = _header_role(ln)
        if column in _NAME_ROLES:
            break  # the next table
        if column is not None:
            columns.append(column)
        elif _stops(ln) or not columns or len(ln.text) > _HEADER_MAX + 20:
            break
        elif values and _goes_on(values[-1], ln.text):
            values[-1] = f"{values[-1]} {ln.text}"  # "tas fram av" / "nämnden"
        else:
            values.append(ln.text)
        j += 1
    if not names or not columns:
        return None
    placed = len(values) == len(names) * len(columns) and all(
        _fits(columns[n % len(columns)], value) for n, value in enumerate(values)
    )
    header = [head.text, *(tables.HEADER_SV[c] for c in columns)]
    rows = [
        [
            name,
            *(values[n * len(columns) : (n + 1) * len(columns)] if placed else [""] * len(columns)),
        ]
        for n, name in enumerate(names)
    ]
    pages = (head.page, lines[j - 1].page)
    return Table([header, *rows], pages=pages, values_lost=not placed and bool(values)), j


def _goes_on(value: str, text: str) -> bool:
    """Whether `text` is the rest of a worded value cut by its narrow column ("tas fram av"
    / "nämnden"), not a value of its own ("öka" under "minska")."""
    words = [_YEAR_RE.sub("#year", w) for w in f"{value} {text}".casefold().split()]
    return any(
        len(phrase) >= len(words) and list(phrase[: len(words)]) == words
        for phrase in tables.TEXT_TARGETS
    )


_YEAR_RE = re.compile(r"^(?:19|20)\d\d$")


def _fits(column: str, value: str) -> bool:
    """Whether a value has its column's shape: a date under a date, a periodicity under
    the periodicity, a target under a target. Values read in an order that is not the
    rows' fail it somewhere."""
    if column in ("start", "end"):
        return tables.iso_date(value) is not None
    if column == "period":
        return vocab.fold(value) in tables.PERIOD_WORDS
    if column in ("target", "city_target"):
        return tables.is_value_text(value) and vocab.fold(value) not in tables.PERIOD_WORDS
    return True


def _header_role(ln: Line) -> str | None:
    """The column a short line names alone ("Årsmål", "Nämndens aktiviteter"), else None."""
    t = ln.text
    if ln.cells is not None or len(t) > _HEADER_MAX or tables.header_role_count(t) != 1:
        return None
    return tables.cell_role(t)


def _stops(ln: Line) -> bool:
    t = ln.text
    return bool(
        ln.heading
        or ln.bold
        or ln.cells is not None
        or vocab.match_label(t)
        or vocab.match_narrative(t)
        or vocab.APPENDIX_HEADING_RE.match(t)
        or vocab.BUDGET_HEADING_RE.match(t)
        or re.search(r"[.!?]$", t)
        and len(t) > 60
    )
