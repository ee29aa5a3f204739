"""Tables that text gives column by column, as pdftotext's default mode writes them.

pdftotext (without -layout) follows the reading order of blocks, and a table's columns
are blocks of their own. First comes the name column ("KF:s indikatorer", then every
name, wrapped), then each value column's header with the cells of the first rows under
it, and then the other rows' cells in blocks, one block per column for each run of rows
that stand close together (rows whose names fit on one line):

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

Reading order is the page's, not the document's, so other things that stand beside or
below the table on the page come between its blocks: the next table's name column, the
next goal's label, the appendices beside a budget. A table and the blocks between its
columns are one *zone*; `rewrite` gives each zone's tables as rows (cells, as any other
table) and then the blocks that came between them, in the order they were read.

Which row a block's values belong to comes from what the text still tells: a column's
header starts it at the first row; a value has its column's shape (a date under a date,
a periodicity under the periodicity, an amount under an amount); the blocks of one run
of rows follow each other, left to right; a budget row's net is its costs less its
revenues. An empty cell leaves no trace in the text, so where a column holds fewer
values than the table has rows the rows are the likeliest ones, and the reader says so.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from . import furniture, placing, tables, vocab
from .blocks import Line

# Lines a zone may run over; past this it is not a table but text that names one.
_MAX_LINES = 400
# Blocks of other text a zone may hold between its tables' columns, and their size.
_MAX_BETWEEN = 3
_BETWEEN_LINES = 8
# A line of a row's name or of text between columns is at most this long.
_LINE_MAX = 120
_GLUED_VALUE_RE = re.compile(r"\s(\d+(?:[,.]\d+)?\s?(?:%|st|kr|tkr))$")


@dataclass
class _Block:
    lines: list[Line]
    end: int  # index after its last line


@dataclass
class _Orphan:
    """A column read before its table's name column (the page's reading order put it
    first): its role, its values and where its lines went in the output."""

    role: str
    values: list[str]
    at: int  # index in the output of its first line
    count: int  # its lines


def rewrite(lines: list[Line]) -> list[Line]:
    """The lines with every table written column by column given as rows instead."""
    ends = _block_ends(lines)
    out: list[Line] = []
    orphans: list[_Orphan] = []
    i = 0
    while i < len(lines):
        if _name_role(lines[i]) is None:
            if vocab.match_label(lines[i].text) is not None:
                orphans = []  # a goal begins: what was read before it is the last goal's
            orphan = _orphan_at(lines, ends, i, len(out))
            if orphan is not None:
                orphans = [o for o in orphans if len(out) - o.at < _MAX_LINES] + [orphan]
            out.append(lines[i])
            i += 1
            continue
        found, between, end = _zone(lines, ends, i)
        if not found:
            # No zone starts here, nor at a name column before `end`: those read the same
            # blocks and place no more of them (which keeps the reading linear).
            out.extend(lines[i:end])
            i = end
            continue
        for table in found:
            _adopt(table, orphans, out)
            out.extend(placing.as_rows(table))
            out.append(Line("", blank=True, page=table.head.page))
        out.extend(between)
        i = end
    return out


def _orphan_at(lines: list[Line], ends: list[int], i: int, at: int) -> _Orphan | None:
    """The column whose header starts a block at lines[i], if its values all fit it."""
    if i > 0 and not lines[i - 1].blank:
        return None
    role = placing.header_role(lines[i])
    if role is None or role in placing.NAME_ROLES:
        return None
    block = lines[i : min(ends[i], i + _MAX_LINES)]
    values = placing.values_of(block[1:])
    if not values or not all(placing.fits(role, v) for v in values):
        return None
    return _Orphan(role, values, at, len(block))


def _adopt(table: placing.Table, orphans: list[_Orphan], out: list[Line]) -> None:
    """Give a table the columns it lacks from the orphans read before it (the latest of
    each role that fits its rows), and take their lines out of the text."""
    for role in placing.COLUMNS[table.kind]:
        if role in table.columns or role in table.cells:
            continue
        fitting = [
            o
            for o in orphans
            if o.role == role
            and len(o.values) <= len(table.rows)
            and len(out) - o.at < _MAX_LINES  # read near the table, on its page or the last
        ]
        if not fitting:
            continue
        orphan = fitting[-1]
        orphans.remove(orphan)
        table.columns.append(role)
        placing.put(table, role, 0, orphan.values)
        for k in range(orphan.at, orphan.at + orphan.count):
            out[k] = Line("", blank=True, page=out[k].page)


def _block_ends(lines: list[Line]) -> list[int]:
    """For each line, the index after the block it stands in (a run of lines of text)."""
    ends = [0] * len(lines)
    end = len(lines)
    for j in range(len(lines) - 1, -1, -1):
        if lines[j].blank or lines[j].cells is not None:
            end = j
        ends[j] = max(end, j + 1)
    return ends


def _zone(
    lines: list[Line], ends: list[int], i: int
) -> tuple[list[placing.Table], list[Line], int]:
    """The tables from the name column at lines[i] on, the lines read between their
    columns, and the index after the zone. No tables (and the index where reading
    stopped) if no column of values follows."""
    found: list[placing.Table] = []
    between: list[Line] = []
    waiting: list[_Block] = []  # other text, kept if a column of values follows it
    placed = False
    end = i + 1
    blocks = _blocks(lines, ends, i)
    block = next(blocks, None)
    while block is not None:
        after = next(blocks, None)
        if _name_role(block.lines[0]) is not None:
            if waiting:
                break  # a table after other text: the next goal's, not this zone's
            rest = block.lines
            while rest and _name_role(rest[0]) is not None:  # a table's names under another's
                table, after_names = _names(rest)
                if table is None:
                    break
                found.append(table)
                rest = after_names
            end = block.end - len(rest)
            if rest and _name_role(rest[0]) is not None:
                break  # a name column's header with no names: the zone ends before it
            if rest:  # the next goal's label right under the names, read before the values
                waiting.append(_Block(rest, block.end))
        elif len(block.lines) == 1 and furniture.is_page_number(block.lines[0].text):
            pass  # a page's number standing alone, read between the columns: furniture
        elif _titled_label(waiting):
            break  # a goal's label and its title: the goal has begun, the zone is over
        elif found and _more_rows(found[-1], block, after):
            _flush(waiting, between)
            end = block.end
        elif found and placing.place(
            found, block.lines, after.lines if after else None, headless=not waiting
        ):
            _flush(waiting, between)
            placed = True
            end = block.end
        elif placing.header_roles(block.lines[0]):
            break  # a column of another table
        elif found and len(waiting) < _MAX_BETWEEN and _may_stand_between(block):
            waiting.append(block)
        else:
            break
        block = after
    if not placed:
        return [], [], max(end, i + 1)
    return found, between, end


def _titled_label(waiting: list[_Block]) -> bool:
    """Whether the other text read in the zone holds a goal's label with a title after
    it (a label alone may stand at a page's foot, its title after the table)."""
    lines = [ln.text for block in waiting for ln in block.lines]
    for k, text in enumerate(lines):
        label = vocab.match_label(text)
        if label is None:
            continue
        # Its title: on its line, or the next line that is no stray cell ("4", "År").
        if label.rest or any(not tables.is_value_text(t) for t in lines[k + 1 :]):
            return True
    return False


def _more_rows(table: placing.Table, block: _Block, after: _Block | None) -> bool:
    """Whether a block of names on a later page, followed by values for them, is the rest
    of the table the page broke (its header not written again): if so, its rows."""
    if block.lines[0].page <= table.page or after is None or placing.header_roles(after.lines[0]):
        return False
    if not all(_is_name_line(ln, table.kind) for ln in block.lines):
        return False
    if any(
        placing.fits(c, v)
        for v in placing.values_of(block.lines)
        for c in placing.COLUMNS[table.kind]
    ):
        return False  # a worded value cut by its column ("tas fram av" / "nämnden")
    if not block.lines[0].text[:1].isupper():
        return False
    values = placing.values_of(after.lines)
    if not any(all(placing.fits(c, v) for v in values) for c in placing.COLUMNS[table.kind]):
        return False
    first = len(table.rows)
    for ln in block.lines:
        if len(table.rows) > first and _goes_on_name(table.rows[-1], ln.text):
            table.rows[-1] = f"{table.rows[-1]} {ln.text}"
        else:
            table.rows.append(ln.text)
    table.context = first
    table.page = block.lines[0].page
    return True


def _is_name_line(ln: Line, kind: str) -> bool:
    """A line that may be (part of) a row's name: no value of the table's columns."""
    t = ln.text
    return (
        not placing.stops(ln)
        and not placing.header_roles(ln)
        and len(t) <= _LINE_MAX
        and not t.endswith(".")
        and not any(placing.fits(column, t) for column in placing.COLUMNS[kind])
    )


def _flush(waiting: list[_Block], between: list[Line]) -> None:
    for block in waiting:
        between.extend(block.lines)
        between.append(Line("", blank=True, page=block.lines[0].page))
    waiting.clear()


def _blocks(lines: list[Line], ends: list[int], i: int) -> Iterator[_Block]:
    """The blocks from lines[i] on, within the zone's bound, read as they are needed."""
    j = i
    stop = min(len(lines), i + _MAX_LINES)
    while j < stop:
        if lines[j].blank:
            j += 1
            continue
        if lines[j].cells is not None:
            return  # a row with cells: no column-wise table goes on past it
        k = min(ends[j], stop)
        yield _Block(lines[j:k], k)
        j = k


def _name_role(ln: Line) -> str | None:
    """The kind of table a name column's header starts ("KF:s indikatorer", "Aktivitet",
    a budget's "Belopp i tkr"), else None."""
    if placing.marked(ln) or ln.blank or len(ln.text) > placing.HEADER_MAX:
        return None
    return _name_role_of(ln.text)


# The roles of short lines, asked of every line of a text and again as zones are read:
# looked up once per distinct line (at most placing.HEADER_MAX characters each).
@functools.lru_cache(maxsize=4096)
def _name_role_of(text: str) -> str | None:
    if tables.is_amount_header(text):
        return "budget"
    role = placing.role_of(text)
    return role if role in placing.NAME_ROLES else None


def _names(block: list[Line]) -> tuple[placing.Table | None, list[Line]]:
    """The table a name column starts, and the lines of its block after the names."""
    head = block[0]
    kind = _name_role(head)
    assert kind is not None
    table = placing.Table(kind, head)
    j = 1
    # Headers a column wrote above the names ("KF:s indikatorer" / "Årsmål" / names, or
    # "Målvärde KF:s årsmål" on one line): their values come later, or among the names.
    # (A budget's "Intäkter" / "Kostnader" under its header are its sections' rows.)
    while (
        kind != "budget"
        and j < len(block)
        and (heads := placing.header_roles(block[j]))
        and set(heads) <= set(placing.COLUMNS[kind])
    ):
        table.columns.extend(h for h in heads if h not in table.columns)
        j += 1
    while j < len(block) and not placing.stops(block[j]) and _name_role(block[j]) is None:
        text = block[j].text
        if table.rows and table.columns and _cell_of_row(table, text):
            pass  # a value beside the row's name, read onto a line of its own
        elif table.rows and _goes_on_name(table.rows[-1], text):
            table.rows[-1] = f"{table.rows[-1]} {text}"
        else:
            table.rows.append(text)
            _glued_value(table)
        j += 1
    if not table.rows:
        return None, []
    return table, block[j:]


def _goes_on_name(name: str, text: str) -> bool:
    """Whether a line goes on with the name above it: a wrapped name goes on in lower case,
    or after a word that needs the next ("… från" / "Kronofogdemyndigheten …")."""
    return (not text[:1].isupper() and not text[:1].isdigit()) or vocab.ends_open(name)


def _cell_of_row(table: placing.Table, text: str) -> bool:
    """Put a value read among the names into the first column above the names that it
    fits and the name's row has free; False if it is no such value."""
    row = len(table.rows) - 1
    for column in table.columns:
        if placing.fits(column, text) and row not in table.cells.get(column, {}):
            table.cells.setdefault(column, {})[row] = text
            return True
    return False


def _glued_value(table: placing.Table) -> None:
    """A row's value read onto its name's line ("Antal klagomål 690 st"), where its
    column's header stood above the names: it is the row's cell in that column."""
    if table.kind != "indicator":
        return
    m = _GLUED_VALUE_RE.search(table.rows[-1])
    if m is not None and _cell_of_row(table, m.group(1)):
        table.rows[-1] = table.rows[-1][: m.start()].rstrip()


def _may_stand_between(block: _Block) -> bool:
    """Whether a block of other text may stand between a table's columns in reading
    order: short lines (a label, a heading, the appendices' names), no paragraph."""
    return len(block.lines) <= _BETWEEN_LINES and all(
        len(ln.text) <= _LINE_MAX
        and not placing.is_sentence(ln.text)
        and _name_role(ln) is None  # another table starts inside it: the zone ends there
        for ln in block.lines
    )
