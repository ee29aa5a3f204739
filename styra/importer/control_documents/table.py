"""A control plan's tables found among its lines: each header's roles and its rows of cells.

A table starts at a header (columns.is_header), whose words may go on over the rows under
it ("Sannolik-" / "het"). Its rows come in two shapes:

- **Cells** (a Word table, a ruled PDF table, tab-separated or markdown text): one row per
  line. A tab-separated row short of the header's cells goes on on the next line (Word's
  copy of a cell that holds a line break); a repeated header goes on with the same table.
- **Columns apart by spaces** (pdftotext -layout, an unruled PDF table): each word belongs
  to the column whose header starts at or before it, and a table row is as many lines as
  its tallest cell. A new row begins on the line where a column begins a new cell: text
  below an empty cell (cells start on their row's first line), or a word in capitals (or a
  digit) below a cell that did not stop on a word needing the next.

A table ends at text that is no row (a heading standing alone, a paragraph across the
columns). Every step reads each line once: the reading is linear in the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from styra.importer.legacy import vocab
from styra.importer.legacy.blocks import Line
from styra.importer.legacy.lines import join_wrapped

from . import columns

_GAP_RE = re.compile(r"\S(?: ?\S)*")  # a run of words apart by single spaces
_WORD_RE = re.compile(r"\S+")
# Letters run together across two cells (a cell filled to its edge): "OsannolikKännbar".
_GLUED_RE = re.compile(r"(?<=[a-zåäö,.)])(?=[A-ZÅÄÖ])")
_OPEN_PUNCT = (",", "-", "–", "/", "&", "(")
_SLACK = 2  # characters a laid-out word may start left of its column's header
# What a running head's line names beside the document's title.
_HEAD_RE = re.compile(r"\b(?:dnr|diarienr|sid|sida|page)\b\.?\s*\d", re.I)
_EARLY = 5  # characters a cell's first word may start left of its column, one space after text
_PAGE_HEAD = 3  # lines of a running head left at a page's top (the rest dropped as furniture)


@dataclass
class Row:
    cells: dict[str, str]  # role → text
    pages: tuple[int, int]


@dataclass
class Table:
    roles: list[str | None]
    rows: list[Row] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # header words of no role

    @property
    def last_page(self) -> int:
        return self.rows[-1].pages[1] if self.rows else -1

    @property
    def named(self) -> set[str]:
        return {r for r in self.roles if r is not None}


@dataclass
class Found:
    tables: list[Table]
    text: list[str]  # the lines outside tables, for the title and the year


def _segments(raw: str) -> list[tuple[int, str]]:
    """A laid-out line's runs of words, apart by two spaces or more, with where each starts."""
    return [(m.start(), m.group(0)) for m in _GAP_RE.finditer(raw.expandtabs(8))]


def _header_segments(raw: str) -> list[tuple[int, str]]:
    """A laid-out header line's cells: its runs, a run naming two roles split in two."""
    return [
        (start + at, part) for start, run in _segments(raw) for at, part in columns.split_run(run)
    ]


def is_header_line(ln: Line) -> bool:
    """Whether a line is a control plan table's header (as cells or laid out)."""
    cells = ln.cells if ln.cells is not None else _laid_out(ln)
    return cells is not None and columns.is_header(cells)


def _join(left: str, right: str) -> str:
    return join_wrapped(left, right) if left else right


def _opens(text: str) -> bool:
    """Whether a cell's text stops where it must go on ("T1, T2," "och", "Kontroll-")."""
    text = text.rstrip()
    return not text or text.endswith(_OPEN_PUNCT) or vocab.ends_open(text)


def _starts_cell(text: str) -> bool:
    return bool(text) and (text[0].isupper() or text[0].isdigit())


class _Layout:
    """A laid-out table's columns: where each header starts, and its role."""

    def __init__(self, starts: list[int], texts: list[str]) -> None:
        self.starts = starts
        self.texts = texts

    @classmethod
    def of(cls, raws: list[str]) -> _Layout:
        """The columns of header lines: the first line's runs, the next lines' words added to
        the run they stand under, or a column of their own where they stand under none."""
        found: list[tuple[int, int, str]] = [(s, len(t), t) for s, t in _header_segments(raws[0])]
        for raw in raws[1:]:
            for start, text in _header_segments(raw):
                j = cls._index([s for s, _, _ in found], start)
                if j is None or start > found[j][0] + found[j][1] + 1:
                    found.append((start, len(text), text))
                    found.sort()
                else:
                    s, width, t = found[j]
                    found[j] = (s, width, _join(t, text))
        return cls([s for s, _, _ in found], [t for _, _, t in found])

    @staticmethod
    def _index(starts: list[int], x: int) -> int | None:
        best = None
        for j, s in enumerate(starts):
            if s <= x + _SLACK:
                best = j
        return best

    def fits(self, segments: list[tuple[int, str]]) -> bool:
        """Whether each run of a line starts where a column does."""
        return all(any(abs(at - s) <= _SLACK for s in self.starts) for at, _ in segments)

    def on_page(self, lines: list[Line], i: int) -> _Layout:
        """The columns of the page from line i: where its runs start (to the page's end),
        each start matched to a column in order, nearest first; this layout when the page
        has more starts than columns."""
        page = lines[i].page
        found: list[int] = []
        for ln in lines[i:]:
            if ln.page != page:
                break
            if ln.cells is None and not ln.blank:
                found += [at for at, _ in _segments(ln.raw)]
        starts: list[int] = []
        for at in sorted(found):
            if not starts or at - starts[-1] > _SLACK:
                starts.append(at)
        k, m = len(self.starts), len(starts)
        if not m or m > k:
            return self
        # cost[a][b]: the least distance matching the first a starts to the first b columns.
        inf = float("inf")
        cost = [[inf] * (k + 1) for _ in range(m + 1)]
        cost[0] = [0.0] * (k + 1)
        for a in range(1, m + 1):
            for b in range(a, k + 1):
                take = cost[a - 1][b - 1] + abs(starts[a - 1] - self.starts[b - 1])
                cost[a][b] = min(cost[a][b - 1], take)
        matched: list[int | None] = [None] * k
        a, b = m, k
        while a:
            if cost[a][b] == cost[a][b - 1] and b > a:
                b -= 1
            else:
                matched[b - 1] = starts[a - 1]
                a, b = a - 1, b - 1
        # A column no start matched stands where the next matched one does (words go to
        # the later of two columns starting at one place), or past the line's end.
        out: list[int] = [0] * k
        following = 10**6
        for j in range(k - 1, -1, -1):
            value = matched[j]
            following = value if value is not None else following
            out[j] = following
        return _Layout(out, self.texts)

    def cells(self, raw: str) -> list[str]:
        """A body line's words in their columns. A word goes to the column it starts in,
        but a layout sets columns only roughly where their header is, so two rules more:
        a column takes the words of one run (words one space apart) only, a run that ran
        into the next column's place going on in its own; and a run (or a capitalised
        word one space after a cell that stopped) a few characters short of the next
        column, after text in the column before, starts the next column."""
        placed: list[tuple[str, int, int]] = []  # (word, column, run)
        last_end, last_j, run = -10, 0, -1
        for m in _WORD_RE.finditer(raw.expandtabs(8)):
            word, at = m.group(0), m.start()
            offset = 0
            for n, piece in enumerate(_GLUED_RE.split(word)):
                x = at + offset
                gap = x - last_end
                if gap >= 2:
                    run += 1
                j = self._index(self.starts, x)
                if j is None:
                    j = 0
                following = j + 1
                early = following < len(self.starts) and 0 < self.starts[following] - x <= _EARLY
                if early and (
                    (gap >= 2 and j == last_j and n == 0)
                    or (gap == 1 and piece[0].isupper() and not _opens(placed[-1][0]))
                ):
                    j = following
                offset += len(piece)
                placed.append((piece, j, run))
                last_end, last_j = at + offset, j
        # The last run in each column keeps it; an earlier run's words there go back to
        # the column its words before them stand in.
        owner: dict[int, int] = {}
        for _, j, r in placed:
            owner[j] = r
        out = [""] * len(self.starts)
        previous: tuple[int, int] = (-1, 0)  # (run, column) of the word before
        for piece, j, r in placed:
            if owner[j] != r and previous[0] == r:
                j = previous[1]
            out[j] = f"{out[j]} {piece}" if out[j] else piece
            previous = (r, j)
        return out


def find_tables(lines: list[Line]) -> Found:
    """Every control plan table among the lines, and the lines outside them."""
    tables: list[Table] = []
    text: list[str] = []
    i, n = 0, len(lines)
    current: Table | None = None
    last: Table | None = None  # the table a text line ended
    while i < n:
        ln = lines[i]
        if ln.blank:
            i += 1
            continue
        cells = ln.cells if ln.cells is not None else _laid_out(ln)
        if cells is not None and columns.is_header(cells):
            header = [cells]
            raws = [ln.raw]
            start = i
            i += 1
            while i < n and not lines[i].blank:
                more = lines[i].cells
                if more is None:
                    more = [t for _, t in _segments(lines[i].raw)]
                if not columns.goes_on_header(more):
                    break
                header.append(more)
                raws.append(lines[i].raw)
                i += 1
            if ln.cells is not None:
                names = [_header_text(header, j) for j in range(len(cells))]
                layout = None
            else:
                above = lines[start - 1] if start else None
                if above is not None and text and _header_cell_above(above, cells):
                    # A header cell a layout set on a line of its own above the others.
                    raws.append(above.raw)
                    text.pop()
                layout = _Layout.of(raws)
                names = layout.texts
            roles = columns.roles(names)
            if current is not None and current.roles == roles:
                pass  # the header repeated on a new page, or a table split in two
            elif last is not None and last.roles == roles and ln.page > last.last_page:
                current = last  # repeated on the next page, a running head between
            else:
                current = Table(
                    roles, unknown=[t for t, r in zip(names, roles, strict=True) if r is None and t]
                )
                tables.append(current)
            i = (
                _cell_rows(lines, i, current)
                if layout is None
                else _laid_out_rows(lines, i, current, layout)
            )
            continue
        if current is not None and ln.cells is not None:
            i = _cell_rows(lines, i, current)
            continue
        if current is not None:
            last = current
        current = None
        text.append(ln.text)
        i += 1
    return Found(tables, text)


def _header_cell_above(above: Line, cells: list[str]) -> bool:
    """Whether the line above a laid-out header is one of its cells: one run naming a role
    the header's line does not."""
    if above.blank or above.cells is not None:
        return False
    segments = _segments(above.raw)
    if len(segments) != 1:
        return False
    named = columns.role(segments[0][1])
    return named is not None and named not in columns.roles(cells)


def _laid_out(ln: Line) -> list[str] | None:
    segments = _segments(ln.raw)
    return [t for _, t in segments] if len(segments) >= 2 else None


def _header_text(rows: list[list[str]], j: int) -> str:
    text = ""
    for row in rows:
        if j < len(row) and row[j].strip():
            text = _join(text, row[j].strip())
    return text


def _row(table: Table, cells: list[str], pages: tuple[int, int]) -> Row:
    by_role: dict[str, str] = {}
    for role, cell in zip(table.roles, cells, strict=False):
        if role is not None and cell.strip():
            by_role[role] = " ".join(cell.split())
    return Row(by_role, pages)


def _cell_rows(lines: list[Line], i: int, table: Table) -> int:
    """The table's rows of cells from line i; the index of the first line past them."""
    width = len(table.roles)
    n = len(lines)
    while i < n:
        ln = lines[i]
        if ln.blank:
            i += 1
            continue
        if ln.cells is None:
            return i
        if columns.is_header(ln.cells):
            return i
        cells = list(ln.cells)
        first = last = ln.page
        i += 1
        # A row short of cells goes on on the next line (a cell with a line break in it):
        # a line of text, or the rest of the row's cells exactly (a row whose empty cells
        # at its end were cut off is a row of its own).
        while len(cells) < width and i < n and not lines[i].blank:
            row = lines[i].cells
            more = row if row is not None else [lines[i].text]
            if row is not None and (len(cells) + len(row) - 1 != width or columns.is_header(row)):
                break
            cells[-1] = _join(cells[-1], more[0])
            cells += more[1:]
            last = lines[i].page
            i += 1
        if any(c.strip() for c in cells):
            table.rows.append(_row(table, cells, (first, last)))
    return i


def _laid_out_rows(lines: list[Line], i: int, table: Table, layout: _Layout) -> int:
    """A laid-out table's rows from line i; the index of the first line past them."""
    n = len(lines)
    current: list[str] | None = None
    pages = (0, 0)
    first_width = layout.starts[1] if len(layout.starts) > 1 else 80
    page_head = 0

    def flush() -> None:
        if current is not None and any(current):
            table.rows.append(_row(table, current, pages))

    while i < n:
        ln = lines[i]
        if ln.blank:
            i += 1
            continue
        if ln.cells is not None:
            break
        segments = _segments(ln.raw)
        if not segments:
            i += 1
            continue
        cells_here = _laid_out(ln)
        if cells_here is not None and columns.is_header(cells_here):
            break
        if current is not None and ln.page > pages[1]:
            # The table goes on on the next page without its header: what stands alone at
            # the page's top is its running head, and the page has columns of its own
            # (a layout places them by each page's text).
            if (len(segments) == 1 or _HEAD_RE.search(ln.text)) and page_head < _PAGE_HEAD:
                page_head += 1
                i += 1
                continue
            if len(segments) > 1 and not layout.fits(segments):
                layout = layout.on_page(lines, i)
        if _ends_table(lines, i, segments, first_width):
            break
        page_head = 0
        cells = layout.cells(ln.raw)
        # Cells start on their row's first line: text below an empty cell, or a capital
        # below a cell that stopped, is the next row's.
        new = current is None or any(
            c and (not current[j] or (_starts_cell(c) and not _opens(current[j])))
            for j, c in enumerate(cells)
        )
        if new:
            flush()
            current = cells
            pages = (ln.page, ln.page)
        else:
            assert current is not None
            current = [_join(a, b) if b else a for a, b in zip(current, cells, strict=True)]
            pages = (pages[0], ln.page)
        i += 1
    flush()
    return i


def _ends_table(lines: list[Line], i: int, segments: list[tuple[int, str]], width: int) -> bool:
    """Whether a laid-out line is text after the table: one run of words from the margin,
    wider than the first column, or standing alone between empty lines (a heading)."""
    if len(segments) != 1 or segments[0][0] > _SLACK:
        return False
    text = segments[0][1]
    if len(text) > width + 4:
        return True
    before = i == 0 or lines[i - 1].blank
    after = i + 1 >= len(lines) or lines[i + 1].blank
    return before and after
