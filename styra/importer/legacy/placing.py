"""Where the values of a table read column by column go (see columnwise).

A `Table` is one table of a zone as it is being read: its rows' names, the columns whose
headers were read and the cells placed so far. `place` puts a block of values into the
column and rows it belongs to: a column's header starts it at the table's first free
rows; a block without a header goes to the column its shape fits (a date under a date, a
periodicity under the periodicity, a target under a target, an amount under an amount),
on the rows where the block before it began. `as_rows` gives the table as rows of cells,
a budget's short columns aligned to the rows its arithmetic balances.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from . import budget, furniture, tables, vocab
from .blocks import Line

# A column's header line: at most this long ("KF:s årsmål", "Periodicitet").
HEADER_MAX = 40
# Rows × values a budget column's alignment to its rows' arithmetic may weigh.
_MAX_ALIGNMENT = 20_000
NAME_ROLES = ("indicator", "activity")
COLUMNS = {
    "indicator": ("target", "city_target", "period"),
    "activity": ("start", "end"),
    "budget": ("costs", "revenues", "net"),
}
_AMOUNT_RE = re.compile(r"^[-−–]?\d{1,3}(?:[  ]?\d{3})*(?:[,.]\d+)?$|^[-–]$")


@dataclass
class Table:
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
    table: Table
    column: str

    def key(self) -> tuple[bool, int, int, int]:
        return (self.away, self.rank, self.row, self.order)


def marked(ln: Line) -> bool:
    """A row of cells, or a line its document marked (a heading, bold, a list's item):
    pdftotext's text has none, and a marked document says where its tables are."""
    return ln.cells is not None or bool(ln.heading) or ln.bold or ln.bullet


@functools.lru_cache(maxsize=4096)
def role_of(text: str) -> str | None:
    if tables.header_role_count(text) != 1:
        return None
    return tables.cell_role(text)


def values_of(block: list[Line]) -> list[str]:
    """A block's lines as values, a worded value cut by its narrow column joined again."""
    values: list[str] = []
    for ln in block:
        if values and _goes_on(values[-1], ln.text):
            values[-1] = f"{values[-1]} {ln.text}"  # "tas fram av" / "nämnden"
        else:
            values.append(ln.text)
    return values


def header_roles(ln: Line) -> list[str]:
    """The value columns a short line names and nothing else ("Årsmål", "Målvärde KF:s
    årsmål"), in their order; empty if it is no such header."""
    if marked(ln) or len(ln.text) > HEADER_MAX:
        return []
    return list(_roles_of(ln.text))


@functools.lru_cache(maxsize=4096)
def _roles_of(text: str) -> tuple[str, ...]:
    count = tables.header_role_count(text)
    roles = tables.header_roles(text)
    if count < 1 or count != len(roles) or any(r in NAME_ROLES for r in roles):
        return ()
    return tuple(roles)


def _place_under_headers(found: list[Table], block: list[Line], columns: list[str]) -> bool:
    """A block under a header of two columns or more ("Målvärde KF:s årsmål"): its lines
    are the first rows' cells, row by row."""
    owners = [t for t in reversed(found) if set(columns) <= set(COLUMNS[t.kind])]
    if not owners:
        return False
    table = owners[0]
    values = values_of(block[1:])
    if len(values) % len(columns) or len(values) // len(columns) > len(table.rows):
        return False
    for n, value in enumerate(values):
        row, column = divmod(n, len(columns))
        if not fits(columns[column], value) or row in table.cells.get(columns[column], {}):
            return False
    table.columns.extend(c for c in columns if c not in table.columns)
    for n, value in enumerate(values):
        row, column = divmod(n, len(columns))
        table.cells.setdefault(columns[column], {})[row] = value
    table.context = 0
    return True


# A budget's one column of amounts: "Budget", "Budget 2026".
_AMOUNT_COLUMN_RE = re.compile(r"(?i)^budget(?:\s+(?:19|20)\d\d)?$")


def _place_amounts(found: list[Table], block: list[Line]) -> bool:
    """A budget's one column of amounts, one for each row that is not a section's name
    ("Intäkter", "Kostnader" stand alone above their rows)."""
    budgets = [t for t in reversed(found) if t.kind == "budget" and "amount" not in t.cells]
    values = values_of(block[1:])
    if not budgets or not all(fits("costs", v) for v in values):
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


def _place_headed(found: list[Table], column: str, values: list[str]) -> bool:
    """A column's header and the values under it: the latest table without that column
    yet that has room for them (then the others), from its first free row."""
    if not all(fits(column, v) for v in values):
        return False
    owners = [t for t in reversed(found) if column in COLUMNS[t.kind]]
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
        put(table, column, row, values)
        return True
    return False


def place(
    found: list[Table], block: list[Line], after: list[Line] | None, *, headless: bool = True
) -> bool:
    """Put a block of values into the column and rows it belongs to; False if it is no
    column of values of these tables (or, not `headless`, a block without a header)."""
    heads = header_roles(block[0])
    if len(heads) > 1:
        return _place_under_headers(found, block, heads)
    if _AMOUNT_COLUMN_RE.match(block[0].text):
        return _place_amounts(found, block)
    column = header_role(block[0])
    if column is not None and column not in NAME_ROLES:
        return _place_headed(found, column, values_of(block[1:]))
    if not headless or any(stops(ln) or len(ln.text) > HEADER_MAX + 20 for ln in block):
        return False
    values = values_of(block)
    if len(values) == 1 and furniture.is_page_number(values[0]):
        return False  # a page's number standing alone, read between the columns
    fitting = {c for kind in COLUMNS.values() for c in kind if all(fits(c, v) for v in values)}
    worded = all(tables.is_worded_target(v) for v in values)
    options: list[_Option] = []
    for rank, table in enumerate(reversed(found)):
        known = table.columns or list(COLUMNS[table.kind])
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
    put(table, column, best.row, values)
    return True


def _settle(rivals: list[_Option], values: list[str], after: list[Line] | None) -> _Option:
    """Of two target columns free on the same rows, the one a lone value belongs to: the
    city's for worded targets ("öka", "fastställs 2025"), as the city words its targets;
    the left one when another target value of the row follows it; else the one whose
    owner the table is (KF's indicators carry the city's target)."""
    table = rivals[0].table  # rivals share the key's rank: one table
    columns = {o.column: o for o in rivals}
    if "target" in columns and "city_target" in columns:
        if all(tables.is_worded_target(v) for v in values):
            return columns["city_target"]
        nxt = values_of(after) if after else []
        follows = bool(after) and header_role(after[0]) is None  # type: ignore[index]
        follows = follows and all(fits("target", v) for v in nxt)
        if follows or not tables.is_city_indicators(table.head.text):
            return columns["target"]
        return columns["city_target"]
    return rivals[0]


def _free(table: Table, column: str, row: int, count: int) -> bool:
    taken = table.cells.get(column, {})
    return row + count <= len(table.rows) and all(r not in taken for r in range(row, row + count))


def _first_free(table: Table, column: str, values: list[str]) -> int | None:
    """The first row from which the values' cells are free and in order."""
    for row in range(len(table.rows) - len(values) + 1):
        if _free(table, column, row, len(values)) and _in_order(table, column, row, values):
            return row
    return None


def _in_order(table: Table, column: str, row: int, values: list[str]) -> bool:
    """Whether activities' dates put from `row` on leave each to end after it starts."""
    if column not in ("start", "end"):
        return True
    other = table.cells.get("end" if column == "start" else "start", {})
    for n, value in enumerate(values):
        mine, theirs = tables.iso_date(value), tables.iso_date(other.get(row + n) or None)
        if mine and theirs and (mine > theirs if column == "start" else mine < theirs):
            return False
    return True


def put(table: Table, column: str, row: int, values: list[str]) -> None:
    cells = table.cells.setdefault(column, {})
    for n, value in enumerate(values):
        cells[row + n] = value
    table.context = row


def as_rows(table: Table) -> list[Line]:
    """A table's lines as rows of cells, a header first."""
    known = (*COLUMNS[table.kind], "amount")
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


def _balance_budget(table: Table, columns: list[str]) -> None:
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
        amounts = [_amount(v) for v in values]
        others = [
            {c: _amount(table.cells.get(c, {}).get(r) or "") for c in columns if c != column}
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


def _amount(text: str) -> float | None:
    number = budget.parse_number(text)
    return None if number is None else float(number)


def _balances(column: str, amount: float | None, others: dict[str, float | None]) -> bool:
    """Whether a budget row balances with `amount` in `column`: its net is its costs less
    its revenues (revenues written with or without their minus)."""
    cells = {**others, column: amount}
    costs, revenues, net = (cells.get(c) or 0.0 for c in ("costs", "revenues", "net"))
    return abs(costs - abs(revenues) - net) < 0.05


def _goes_on(value: str, text: str) -> bool:
    """Whether `text` is the rest of a worded value cut by its narrow column ("tas fram av"
    / "nämnden"), not a value of its own ("öka" under "minska")."""
    words = [_YEAR_RE.sub("#year", w) for w in f"{value} {text}".casefold().split()]
    return any(
        len(phrase) >= len(words) and list(phrase[: len(words)]) == words
        for phrase in tables.TEXT_TARGETS
    )


_YEAR_RE = re.compile(r"^(?:19|20)\d\d$")
_DATE_RE = re.compile(tables.DATE_PATTERN)


def fits(column: str, value: str) -> bool:
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


def header_role(ln: Line) -> str | None:
    """The column a short line names alone ("Årsmål", "Nämndens aktiviteter"), else None."""
    if marked(ln) or len(ln.text) > HEADER_MAX:
        return None
    return role_of(ln.text)


def stops(ln: Line) -> bool:
    t = ln.text
    return bool(
        ln.heading
        or ln.bold
        or ln.cells is not None
        or vocab.match_label(t)
        or vocab.match_narrative(t)
        or vocab.APPENDIX_HEADING_RE.match(t)
        or vocab.BUDGET_HEADING_RE.match(t)
        or is_sentence(t)
    )


def is_sentence(text: str) -> bool:
    """A line that ends a sentence and is longer than any cell: running text."""
    return bool(re.search(r"[.!?]$", text)) and len(text) > HEADER_MAX + 20
