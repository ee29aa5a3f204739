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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from . import tables, vocab
from .blocks import Line

# A column's header line: at most this long ("KF:s årsmål", "Periodicitet").
_HEADER_MAX = 40
# Lines a zone may run over; past this it is not a table but text that names one.
_MAX_LINES = 400
# Blocks of other text a zone may hold between its tables' columns, and their size.
_MAX_BETWEEN = 3
_BETWEEN_LINES = 8
# A line of a row's name or of text between columns is at most this long.
_LINE_MAX = 120
# Rows × values a budget column's alignment to its rows' arithmetic may weigh.
_MAX_ALIGNMENT = 20_000
_NAME_ROLES = ("indicator", "activity")
_COLUMNS = {
    "indicator": ("target", "city_target", "period"),
    "activity": ("start", "end"),
    "budget": ("costs", "revenues", "net"),
}
_AMOUNT_RE = re.compile(r"^[-−–]?\d{1,3}(?:[  ]?\d{3})*(?:[,.]\d+)?$|^[-–]$")
_GLUED_VALUE_RE = re.compile(r"\s(\d+(?:[,.]\d+)?\s?(?:%|st|kr|tkr))$")


@dataclass
class _Table:
    kind: str
    head: Line
    rows: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)  # the headers read, in reading order
    cells: dict[str, dict[int, str]] = field(default_factory=dict)
    context: int = 0  # the first row of the block placed last
    guessed: bool = False  # a block had more than one place it could go
    page: int = field(init=False)  # the page its last rows stand on

    def __post_init__(self) -> None:
        self.page = self.head.page


class _Option(NamedTuple):
    """A place a block of values without a header may go, and how likely it is."""

    away: bool  # not on the rows the block before it began on
    rank: int  # 0 for the zone's latest table, 1 for the one before, …
    row: int  # the first row it would fill
    order: int  # its column's place among the table's columns
    table: _Table
    column: str

    def key(self) -> tuple[bool, int, int, int]:
        return (self.away, self.rank, self.row, self.order)


@dataclass
class _Block:
    lines: list[Line]
    start: int  # index of its first line
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
            out.extend(_as_rows(table))
            out.append(Line("", blank=True, page=table.head.page))
        out.extend(between)
        i = end
    return out


def _orphan_at(lines: list[Line], ends: list[int], i: int, at: int) -> _Orphan | None:
    """The column whose header starts a block at lines[i], if its values all fit it."""
    if i > 0 and not lines[i - 1].blank:
        return None
    role = _header_role(lines[i])
    if role is None or role in _NAME_ROLES:
        return None
    block = lines[i : min(ends[i], i + _MAX_LINES)]
    values = _values(block[1:])
    if not values or not all(_fits(role, v) for v in values):
        return None
    return _Orphan(role, values, at, len(block))


def _adopt(table: _Table, orphans: list[_Orphan], out: list[Line]) -> None:
    """Give a table the columns it lacks from the orphans read before it (the latest of
    each role that fits its rows), and take their lines out of the text."""
    for role in _COLUMNS[table.kind]:
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
        _put(table, role, 0, orphan.values)
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


def _zone(lines: list[Line], ends: list[int], i: int) -> tuple[list[_Table], list[Line], int]:
    """The tables from the name column at lines[i] on, the lines read between their
    columns, and the index after the zone. No tables (and the index where reading
    stopped) if no column of values follows."""
    found: list[_Table] = []
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
                waiting.append(_Block(rest, end, block.end))
        elif len(block.lines) == 1 and _PAGE_NUMBER_RE.match(block.lines[0].text):
            pass  # a page's number standing alone, read between the columns: furniture
        elif _titled_label(waiting):
            break  # a goal's label and its title: the goal has begun, the zone is over
        elif found and _more_rows(found[-1], block, after):
            _flush(waiting, between)
            end = block.end
        elif found and _place(found, block.lines, after, headless=not waiting):
            _flush(waiting, between)
            placed = True
            end = block.end
        elif _header_roles(block.lines[0]):
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


def _more_rows(table: _Table, block: _Block, after: _Block | None) -> bool:
    """Whether a block of names on a later page, followed by values for them, is the rest
    of the table the page broke (its header not written again): if so, its rows."""
    if block.lines[0].page <= table.page or after is None or _header_roles(after.lines[0]):
        return False
    if not all(_is_name_line(ln, table.kind) for ln in block.lines):
        return False
    if any(_fits(c, v) for v in _values(block.lines) for c in _COLUMNS[table.kind]):
        return False  # a worded value cut by its column ("tas fram av" / "nämnden")
    if not block.lines[0].text[:1].isupper():
        return False
    values = _values(after.lines)
    if not any(all(_fits(c, v) for v in values) for c in _COLUMNS[table.kind]):
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
        not _stops(ln)
        and not _header_roles(ln)
        and len(t) <= _LINE_MAX
        and not t.endswith(".")
        and not any(_fits(column, t) for column in _COLUMNS[kind])
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
        yield _Block(lines[j:k], j, k)
        j = k


def _name_role(ln: Line) -> str | None:
    """The kind of table a name column's header starts ("KF:s indikatorer", "Aktivitet",
    a budget's "Belopp i tkr"), else None."""
    if _marked(ln) or ln.blank or len(ln.text) > _HEADER_MAX:
        return None
    return _name_role_of(ln.text)


def _marked(ln: Line) -> bool:
    """A row of cells, or a line its document marked (a heading, bold, a list's item):
    pdftotext's text has none, and a marked document says where its tables are."""
    return ln.cells is not None or bool(ln.heading) or ln.bold or ln.bullet


# The roles of short lines, asked of every line of a text and again as zones are read:
# looked up once per distinct line (at most _HEADER_MAX characters each).
@functools.lru_cache(maxsize=4096)
def _name_role_of(text: str) -> str | None:
    if tables.is_amount_header(text):
        return "budget"
    role = _role_of(text)
    return role if role in _NAME_ROLES else None


@functools.lru_cache(maxsize=4096)
def _role_of(text: str) -> str | None:
    if tables.header_role_count(text) != 1:
        return None
    return tables.cell_role(text)


def _names(block: list[Line]) -> tuple[_Table | None, list[Line]]:
    """The table a name column starts, and the lines of its block after the names."""
    head = block[0]
    kind = _name_role(head)
    assert kind is not None
    table = _Table(kind, head)
    j = 1
    # Headers a column wrote above the names ("KF:s indikatorer" / "Årsmål" / names, or
    # "Målvärde KF:s årsmål" on one line): their values come later, or among the names.
    # (A budget's "Intäkter" / "Kostnader" under its header are its sections' rows.)
    while (
        kind != "budget"
        and j < len(block)
        and (heads := _header_roles(block[j]))
        and set(heads) <= set(_COLUMNS[kind])
    ):
        table.columns.extend(h for h in heads if h not in table.columns)
        j += 1
    while j < len(block) and not _stops(block[j]) and _name_role(block[j]) is None:
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


def _cell_of_row(table: _Table, text: str) -> bool:
    """Put a value read among the names into the first column above the names that it
    fits and the name's row has free; False if it is no such value."""
    row = len(table.rows) - 1
    for column in table.columns:
        if _fits(column, text) and row not in table.cells.get(column, {}):
            table.cells.setdefault(column, {})[row] = text
            return True
    return False


def _glued_value(table: _Table) -> None:
    """A row's value read onto its name's line ("Antal klagomål 690 st"), where its
    column's header stood above the names: it is the row's cell in that column."""
    if table.kind != "indicator":
        return
    m = _GLUED_VALUE_RE.search(table.rows[-1])
    if m is not None and _cell_of_row(table, m.group(1)):
        table.rows[-1] = table.rows[-1][: m.start()].rstrip()


def _values(block: list[Line]) -> list[str]:
    """A block's lines as values, a worded value cut by its narrow column joined again."""
    values: list[str] = []
    for ln in block:
        if values and _goes_on(values[-1], ln.text):
            values[-1] = f"{values[-1]} {ln.text}"  # "tas fram av" / "nämnden"
        else:
            values.append(ln.text)
    return values


def _header_roles(ln: Line) -> list[str]:
    """The value columns a short line names and nothing else ("Årsmål", "Målvärde KF:s
    årsmål"), in their order; empty if it is no such header."""
    if _marked(ln) or len(ln.text) > _HEADER_MAX:
        return []
    return list(_roles_of(ln.text))


@functools.lru_cache(maxsize=4096)
def _roles_of(text: str) -> tuple[str, ...]:
    count = tables.header_role_count(text)
    roles = tables.header_roles(text)
    if count < 1 or count != len(roles) or any(r in _NAME_ROLES for r in roles):
        return ()
    return tuple(roles)


def _place_under_headers(found: list[_Table], block: list[Line], columns: list[str]) -> bool:
    """A block under a header of two columns or more ("Målvärde KF:s årsmål"): its lines
    are the first rows' cells, row by row."""
    owners = [t for t in reversed(found) if set(columns) <= set(_COLUMNS[t.kind])]
    if not owners:
        return False
    table = owners[0]
    values = _values(block[1:])
    if len(values) % len(columns) or len(values) // len(columns) > len(table.rows):
        return False
    for n, value in enumerate(values):
        row, column = divmod(n, len(columns))
        if not _fits(columns[column], value) or row in table.cells.get(columns[column], {}):
            return False
    table.columns.extend(c for c in columns if c not in table.columns)
    for n, value in enumerate(values):
        row, column = divmod(n, len(columns))
        table.cells.setdefault(columns[column], {})[row] = value
    table.context = 0
    return True


# A budget's one column of amounts: "Budget", "Budget 2026".
_AMOUNT_COLUMN_RE = re.compile(r"(?i)^budget(?:\s+(?:19|20)\d\d)?$")


def _place_amounts(found: list[_Table], block: list[Line]) -> bool:
    """A budget's one column of amounts, one for each row that is not a section's name
    ("Intäkter", "Kostnader" stand alone above their rows)."""
    budgets = [t for t in reversed(found) if t.kind == "budget" and "amount" not in t.cells]
    values = _values(block[1:])
    if not budgets or not all(_fits("costs", v) for v in values):
        return False
    table = budgets[0]
    rows = [n for n, name in enumerate(table.rows) if not _is_section(name)]
    if len(values) != len(rows):
        return False
    table.columns.append("amount")
    table.cells["amount"] = dict(zip(rows, values, strict=True))
    return True


def _is_section(name: str) -> bool:
    return len(name.split()) == 1 and tables.header_roles(name) in (["costs"], ["revenues"])


def _place_headed(found: list[_Table], column: str, values: list[str]) -> bool:
    """A column's header and the values under it: the latest table without that column
    yet that has room for them (then the others), from its first free row."""
    if not all(_fits(column, v) for v in values):
        return False
    owners = [t for t in reversed(found) if column in _COLUMNS[t.kind]]
    fresh = [t for t in owners if column not in t.columns]
    for table in [*fresh, *(t for t in owners if t not in fresh)]:
        if not values:
            # The first row's cell stands beside the header, in its block: none there,
            # the first row has none in this column (unless it was read already).
            if column not in table.columns:
                table.columns.append(column)
            table.cells.setdefault(column, {}).setdefault(0, "")
            return True
        row = _first_free(table, column, values)
        if row is None:
            continue
        if column not in table.columns:
            table.columns.append(column)
        _put(table, column, row, values)
        return True
    return False


def _place(
    found: list[_Table], block: list[Line], after: _Block | None, *, headless: bool = True
) -> bool:
    """Put a block of values into the column and rows it belongs to; False if it is no
    column of values of these tables (or, not `headless`, a block without a header)."""
    heads = _header_roles(block[0])
    if len(heads) > 1:
        return _place_under_headers(found, block, heads)
    if _AMOUNT_COLUMN_RE.match(block[0].text):
        return _place_amounts(found, block)
    column = _header_role(block[0])
    if column is not None and column not in _NAME_ROLES:
        return _place_headed(found, column, _values(block[1:]))
    if not headless or any(_stops(ln) or len(ln.text) > _HEADER_MAX + 20 for ln in block):
        return False
    values = _values(block)
    if len(values) == 1 and _PAGE_NUMBER_RE.match(values[0]):
        return False  # a page's number standing alone, read between the columns
    fitting = {c for kind in _COLUMNS.values() for c in kind if all(_fits(c, v) for v in values)}
    worded = all(tables.is_worded_target(v) for v in values)
    options: list[_Option] = []
    for rank, table in enumerate(reversed(found)):
        known = table.columns or list(_COLUMNS[table.kind])
        if table.kind == "indicator" and worded and "city_target" not in known:
            known = [*known, "city_target"]  # the city's, whether or not its header was read
        for order, column in enumerate(known):
            if column not in fitting:
                continue
            at_context = _free(table, column, table.context, len(values)) and _in_order(
                table, column, table.context, values
            )
            row = table.context if at_context else _first_free(table, column, values)
            if row is not None:
                options.append(_Option(not at_context, rank, row, order, table, column))
    if not options:
        return False
    options.sort(key=_Option.key)
    best = options[0]
    rivals = [o for o in options if o.key()[:3] == best.key()[:3]]
    if len(rivals) > 1:
        best = _settle(rivals, values, after)
    table, column = best.table, best.column
    starts = sum(1 for r in range(len(table.rows)) if _free(table, column, r, len(values)))
    table.guessed = table.guessed or len(options) > 1 or starts > 1
    _put(table, column, best.row, values)
    return True


def _settle(rivals: list[_Option], values: list[str], after: _Block | None) -> _Option:
    """Of two target columns free on the same rows, the one a lone value belongs to: the
    city's for worded targets ("öka", "fastställs 2025"), as the city words its targets;
    the left one when another target value of the row follows it; else the one whose
    owner the table is (KF's indicators carry the city's target)."""
    table = rivals[0].table  # rivals share the key's rank: one table
    columns = {o.column: o for o in rivals}
    if "target" in columns and "city_target" in columns:
        if all(tables.is_worded_target(v) for v in values):
            return columns["city_target"]
        nxt = _values(after.lines) if after is not None else []
        follows = after is not None and _header_role(after.lines[0]) is None
        follows = follows and all(_fits("target", v) for v in nxt)
        if follows or not tables.is_city_indicators(table.head.text):
            return columns["target"]
        return columns["city_target"]
    return rivals[0]


def _free(table: _Table, column: str, row: int, count: int) -> bool:
    taken = table.cells.get(column, {})
    return row + count <= len(table.rows) and all(r not in taken for r in range(row, row + count))


def _first_free(table: _Table, column: str, values: list[str]) -> int | None:
    """The first row from which the values' cells are free and in order."""
    for row in range(len(table.rows) - len(values) + 1):
        if _free(table, column, row, len(values)) and _in_order(table, column, row, values):
            return row
    return None


def _in_order(table: _Table, column: str, row: int, values: list[str]) -> bool:
    """Whether activities' dates put from `row` on leave each to end after it starts."""
    if column not in ("start", "end"):
        return True
    other = table.cells.get("end" if column == "start" else "start", {})
    for n, value in enumerate(values):
        mine, theirs = tables.iso_date(value), tables.iso_date(other.get(row + n) or None)
        if mine and theirs and (mine > theirs if column == "start" else mine < theirs):
            return False
    return True


def _put(table: _Table, column: str, row: int, values: list[str]) -> None:
    cells = table.cells.setdefault(column, {})
    for n, value in enumerate(values):
        cells[row + n] = value
    table.context = row


def _as_rows(table: _Table) -> list[Line]:
    """A table's lines as rows of cells, a header first."""
    known = (*_COLUMNS[table.kind], "amount")
    columns = [c for c in known if c in table.columns or c in table.cells]
    if table.kind == "budget":
        _balance_budget(table, columns)
    short = any(
        sum(1 for v in table.cells.get(c, {}).values() if v) < len(table.rows) for c in columns
    )
    header = [table.head.text, *(tables.HEADER_SV[c] for c in columns)]
    lost = table.guessed and short
    out = [Line(" ".join(header), cells=header, page=table.head.page, values_lost=lost)]
    for n, name in enumerate(table.rows):
        cells = [name, *(table.cells.get(c, {}).get(n, "") for c in columns)]
        out.append(Line(" ".join(c for c in cells if c), cells=cells, page=table.head.page))
    return out


def _balance_budget(table: _Table, columns: list[str]) -> None:
    """Rows for a budget column's values where it has fewer than the table has rows: the
    rows on which each net is its costs less its revenues, the values kept in order.

    An alignment of the values to the rows, each row taking the next value or none, that
    balances the most rows: found exactly by dynamic programming, in rows × values steps.
    """
    if set(columns) != {"costs", "revenues", "net"}:
        return
    rows = len(table.rows)
    for column in columns:
        cells = {r: v for r, v in table.cells.get(column, {}).items() if v}
        if len(cells) >= rows or not cells:
            continue
        values = [cells[r] for r in sorted(cells)]
        amounts = [_number(v) for v in values]
        others = [
            {c: _number(table.cells.get(c, {}).get(r) or "") for c in columns if c != column}
            for r in range(rows)
        ]
        if rows * len(values) > _MAX_ALIGNMENT:
            continue  # no budget is this long: its values stay where they were read
        fits = functools.partial(_row_balances, column, others)
        places = _align(rows, amounts, fits)
        table.cells[column] = dict(zip(places, values, strict=True))


def _row_balances(
    column: str, others: list[dict[str, float | None]], row: int, amount: float | None
) -> bool:
    return _balances(column, amount, others[row])


def _align(
    rows: int, values: list[float | None], fits: Callable[[int, float | None], bool]
) -> list[int]:
    """The rows for the values, in order, one each, that make `fits` true for the most
    rows (a row without a value fits when it balances with none)."""
    count = len(values)
    # best[r][v]: the most rows fitting among rows r… with values v… still to place.
    best = [[-1] * (count + 1) for _ in range(rows + 1)]
    best[rows][count] = 0
    for r in range(rows - 1, -1, -1):
        for v in range(count, -1, -1):
            if rows - r < count - v:
                continue
            skip = best[r + 1][v] + fits(r, None) if best[r + 1][v] >= 0 else -1
            take = best[r + 1][v + 1] + fits(r, values[v]) if v < count else -1
            if v < count and best[r + 1][v + 1] < 0:
                take = -1
            best[r][v] = max(skip, take)
    places, v = [], 0
    for r in range(rows):
        if v < count and best[r + 1][v + 1] >= 0:
            take = best[r + 1][v + 1] + fits(r, values[v])
            if take == best[r][v]:
                places.append(r)
                v += 1
    return places


def _balances(column: str, amount: float | None, others: dict[str, float | None]) -> bool:
    """Whether a budget row balances with `amount` in `column`: its net is its costs less
    its revenues (revenues written with or without their minus)."""
    cells = {**others, column: amount}
    costs, revenues, net = (cells.get(c) or 0.0 for c in ("costs", "revenues", "net"))
    return abs(costs - abs(revenues) - net) < 0.05


def _number(text: str) -> float | None:
    try:
        return float(re.sub(r"\s", "", text).replace(",", ".").replace("−", "-").replace("–", "-"))
    except ValueError:
        return None


def _goes_on(value: str, text: str) -> bool:
    """Whether `text` is the rest of a worded value cut by its narrow column ("tas fram av"
    / "nämnden"), not a value of its own ("öka" under "minska")."""
    words = [_YEAR_RE.sub("#year", w) for w in f"{value} {text}".casefold().split()]
    return any(
        len(phrase) >= len(words) and list(phrase[: len(words)]) == words
        for phrase in tables.TEXT_TARGETS
    )


_YEAR_RE = re.compile(r"^(?:19|20)\d\d$")
_PAGE_NUMBER_RE = re.compile(r"^\d{1,3}$")
_DATE_RE = re.compile(tables.DATE_PATTERN)


def _fits(column: str, value: str) -> bool:
    """Whether a value has its column's shape: a date under a date, a periodicity under
    the periodicity, a target under a target, an amount under an amount."""
    if column in ("start", "end"):
        return bool(_DATE_RE.fullmatch(value.strip())) and tables.iso_date(value) is not None
    if column == "period":
        return vocab.fold(value) in tables.PERIOD_WORDS
    if column in ("target", "city_target"):
        return (
            tables.is_value_text(value)
            and vocab.fold(value) not in tables.PERIOD_WORDS
            and tables.iso_date(value) is None
        )
    if column in ("costs", "revenues", "net"):
        return bool(_AMOUNT_RE.match(value.strip()))
    return False


def _header_role(ln: Line) -> str | None:
    """The column a short line names alone ("Årsmål", "Nämndens aktiviteter"), else None."""
    if _marked(ln) or len(ln.text) > _HEADER_MAX:
        return None
    return _role_of(ln.text)


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
        or _is_sentence(t)
    )


def _is_sentence(text: str) -> bool:
    """A line that ends a sentence and is longer than any cell: running text."""
    return bool(re.search(r"[.!?]$", text)) and len(text) > _HEADER_MAX + 20


def _may_stand_between(block: _Block) -> bool:
    """Whether a block of other text may stand between a table's columns in reading
    order: short lines (a label, a heading, the appendices' names), no paragraph."""
    return len(block.lines) <= _BETWEEN_LINES and all(
        len(ln.text) <= _LINE_MAX
        and not _is_sentence(ln.text)
        and _name_role(ln) is None  # another table starts inside it: the zone ends there
        for ln in block.lines
    )
