"""A page's text from where its characters and rules are drawn.

A PDF holds no lines, paragraphs or tables: only characters at positions and the strokes
around them. This module turns one page of those into the text the parser reads, so that
what a flat extraction has to guess is read off the page instead:

- **Table cells** come from the rules drawn around them. A table is a cluster of vertical
  rules with horizontal rules across them; every character inside it belongs to the cell
  its centre falls in, and a cell's lines are joined into one text. A row becomes one
  line of tab-separated cells (the parser's table row), whatever its cells wrap onto.
- **Lines** outside tables are the characters on one baseline, left to right. A gap of
  more than an em between them is a column gap (a letter head's two columns, a running
  head's page number) and is written as several spaces, as laid-out text has them.
- **Paragraphs** end where the space between two lines is clearly more than the page's
  usual line spacing: an empty line is written there.

The page's coordinates are PDF points with y growing upwards; every rule is general
(what any word processor draws), never a particular plan's layout.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .lines import join_wrapped

# A stroke thinner than this is a rule; a rule shorter than this is a tick or a bullet.
_RULE_THICKNESS = 2.0
_RULE_MIN_LENGTH = 6.0
# Rules this close (points) are one line: a cell's border drawn by each of its two cells.
_SNAP = 2.0
# Between two characters on a line: wider than this share of the font's height is a word
# space, wider than this many heights a column gap.
_WORD_GAP = 0.12
_COLUMN_GAP = 1.0
_CELL_GAP = 0.45
_OVERPRINT = 0.3  # of a character's width: the same character drawn this near is one
_MEASURED_LINE = 12  # characters: a line this long tells the page's character width
# A line's vertical centre within this share of its height of another's is the same line.
_SAME_LINE = 0.45
# More space above a line than the page's usual spacing plus this share of a line's
# height begins a new paragraph.
_PARAGRAPH_GAP = 0.3
# A page with more rules than this is a drawing, not a plan's tables: its rules are not
# read as cells (each table costs time in its rules).
MAX_RULES = 1500
# Strokes of any kind looked at on one page before it is taken for a drawing.
MAX_PATHS = 10_000
# A dense page of a plan draws some thousands of characters; more is a form drawn over
# and over, refused before it is laid out.
MAX_GLYPHS = 50_000
# Spaces before a part of a line: a page is some hundred characters wide, and a character
# drawn far outside it must not become a line of millions of spaces.
_MAX_PAD = 200
# A page holds a few tables; more is a drawing too (each character looks for its table).
MAX_TABLES = 40


@dataclass(frozen=True, slots=True)
class Glyph:
    """One drawn character: its text and box (left, bottom, right, top)."""

    text: str
    left: float
    bottom: float
    right: float
    top: float
    order: int = 0  # where the page draws it: a ligature's letters come one after the other

    @property
    def height(self) -> float:
        return self.top - self.bottom

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def centre(self) -> float:
        return (self.left + self.right) / 2


@dataclass(frozen=True, slots=True)
class Rule:
    """A drawn stroke's bounding box."""

    left: float
    bottom: float
    right: float
    top: float

    @property
    def horizontal(self) -> bool:
        return (
            self.top - self.bottom <= _RULE_THICKNESS and self.right - self.left >= _RULE_MIN_LENGTH
        )

    @property
    def vertical(self) -> bool:
        return (
            self.right - self.left <= _RULE_THICKNESS and self.top - self.bottom >= _RULE_MIN_LENGTH
        )


@dataclass
class _Grid:
    """A ruled table: its column and row boundaries and the cells' characters."""

    left: float
    right: float
    bottom: float
    top: float
    rows: list[float]  # horizontal rules' y, top to bottom
    # Per row (numbered from the top, 0 above the first rule): the x of the vertical rules
    # drawn across it. A cell spanning two columns has no rule between them.
    columns: list[list[float]] = field(default_factory=list)
    cells: dict[tuple[int, int], list[Glyph]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._descending = [-y for y in self.rows]  # for bisect, which wants ascending

    def row_of(self, y: float) -> int:
        return bisect.bisect_left(self._descending, -y)

    def row_span(self, row: int) -> tuple[float, float]:
        top = self.rows[row - 1] if 0 < row <= len(self.rows) else self.top
        bottom = self.rows[row] if row < len(self.rows) else self.bottom
        return top, bottom

    def holds(self, g: Glyph) -> bool:
        return self.left <= g.centre <= self.right and self.bottom <= g.middle <= self.top


@dataclass
class _Line:
    top: float
    bottom: float
    glyphs: list[Glyph]


def page_text(glyphs: list[Glyph], rules: list[Rule]) -> str:
    """The page as lines of text: tables as tab-separated rows, paragraphs apart."""
    grids = _grids(rules) if len(rules) <= MAX_RULES else []
    if len(grids) > MAX_TABLES:
        grids = []
    free: list[Glyph] = []
    for g in glyphs:
        if not g.text.strip():
            continue  # spaces are read from the gaps between characters
        grid = next((t for t in grids if t.holds(g)), None)
        if grid is None:
            free.append(g)
        else:
            _place(grid, g)
    found = _lines(free)
    columns = _CharGrid(found)
    lines = [(ln.top, ln.bottom, columns.text(ln.glyphs)) for ln in found]
    spacing = _usual_spacing(lines)
    items = lines + [row for table in grids for row in _grid_rows(table)]
    items.sort(key=lambda item: -item[0])
    return _with_paragraph_gaps(items, spacing)


def _grids(rules: list[Rule]) -> list[_Grid]:
    """The ruled tables among a page's strokes: vertical rules that overlap in height with
    horizontal rules crossing them."""
    verticals = sorted((r for r in rules if r.vertical), key=lambda r: -r.top)
    horizontals = [r for r in rules if r.horizontal]
    groups: list[list[Rule]] = []
    for r in verticals:  # top to bottom: a group grows while the next rule overlaps it
        if groups and r.top >= min(v.bottom for v in groups[-1][-8:]) - _SNAP:
            groups[-1].append(r)
        else:
            groups.append([r])
    grids = []
    for group in groups:
        left = min(v.left for v in group) - _SNAP
        right = max(v.right for v in group) + _SNAP
        bottom = min(v.bottom for v in group) - _SNAP
        top = max(v.top for v in group) + _SNAP
        ys = _snap(
            (h.top + h.bottom) / 2
            for h in horizontals
            if bottom <= h.bottom and h.top <= top and h.left < right and h.right > left
        )
        xs = _snap((v.left + v.right) / 2 for v in group)
        if len(xs) < 2 or len(ys) < 2:
            continue  # a frame or a margin line, not a table
        grid = _Grid(left, right, min(ys) - _SNAP, max(ys) + _SNAP, sorted(ys, reverse=True))
        for row in range(len(grid.rows) + 1):
            top, bottom = grid.row_span(row)
            middle = (top + bottom) / 2
            grid.columns.append(
                _snap((v.left + v.right) / 2 for v in group if v.bottom <= middle <= v.top)
            )
        grids.append(grid)
    return grids


def _snap(values: Iterable[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _SNAP:
            out.append(v)
    return out


def _place(grid: _Grid, g: Glyph) -> None:
    row = grid.row_of(g.middle)
    # Column 0 lies between the first two rules; text left of the first is in it too.
    column = max(0, bisect.bisect_left(grid.columns[row], g.centre) - 1)
    grid.cells.setdefault((row, column), []).append(g)


def _grid_rows(grid: _Grid) -> list[tuple[float, float, str]]:
    rows: dict[int, dict[int, list[Glyph]]] = {}
    for (row, column), glyphs in grid.cells.items():
        rows.setdefault(row, {})[column] = glyphs
    out = []
    for row in sorted(rows):
        cells = rows[row]
        xs = grid.columns[row]
        # Every column of the row, empty ones too, and at least two: a row of one cell
        # (a heading across the table) still stands in it.
        width = max(max(cells) + 1, len(xs) - 1, 2)
        texts = [
            _cell_text(cells.get(c, []), xs[c + 1] if c + 1 < len(xs) else grid.right)
            for c in range(width)
        ]
        top, bottom = grid.row_span(row)
        # A cell's text keeps no tab: the row's cells are told apart by them.
        out.append((top, bottom, "\t".join(t.replace("\t", " ") for t in texts)))
    return out


def _cell_text(glyphs: list[Glyph], right: float) -> str:
    """A cell's lines as one text. A line that is one word ending at the cell's edge was
    broken inside the word (a word wider than the cell: "Periodicit" / "et") and joins
    the next without a space; every other line joins with one."""
    text = ""
    lines = _lines(glyphs)
    for i, line in enumerate(lines):
        words = _line_text(line.glyphs)
        if not text:
            text = words
            continue
        previous = lines[i - 1]
        last = previous.glyphs[-1]
        room = right - last.right
        one_word = " " not in _line_text(previous.glyphs)
        first = line.glyphs[0].text
        if one_word and room < 0.5 * last.height and first.isalpha() and first.islower():
            text += words
        else:
            text = join_wrapped(text, words)
    return text


def _lines(glyphs: list[Glyph]) -> list[_Line]:
    """Characters grouped by the line they stand on, top to bottom, each left to right."""
    lines: list[_Line] = []
    for g in sorted(glyphs, key=lambda g: -g.middle):
        line = lines[-1] if lines else None
        if line is not None and abs((line.top + line.bottom) / 2 - g.middle) <= _SAME_LINE * max(
            g.height, line.top - line.bottom
        ):
            line.glyphs.append(g)
            line.top = max(line.top, g.top)
            line.bottom = min(line.bottom, g.bottom)
        else:
            lines.append(_Line(g.top, g.bottom, [g]))
    for line in lines:
        line.glyphs.sort(key=lambda g: g.left)
        line.glyphs = _overprint_once(line.glyphs)
    return lines


def _overprint_once(glyphs: list[Glyph]) -> list[Glyph]:
    """A line's characters with those drawn again on themselves left out: a bold faked by
    printing the text twice, slightly shifted, or a form drawn over and over in place."""
    out: list[Glyph] = []
    for g in glyphs:
        last = out[-1] if out else None
        if (
            last is not None
            and g.text == last.text
            and g.left - last.left < _OVERPRINT * (last.right - last.left or 1.0)
            and abs(g.order - last.order) > 1  # drawn again later, not "ff" of a ligature
        ):
            continue
        out.append(g)
    return out


class _CharGrid:
    """Lines written on a grid of character columns across the page, as pdftotext -layout
    writes them: what starts at the same x on two lines starts at the same column, so a
    table without rules keeps its columns aligned, and a line starting well right of the
    margin (a letter head's right column, "Sid 1 (23)" alone) keeps its place."""

    def __init__(self, lines: list[_Line]) -> None:
        self.margin = min((ln.glyphs[0].left for ln in lines), default=0.0)
        # A column no wider than the narrowest line's characters on average: then no
        # line's text runs past the column where its next part is drawn.
        widths = [
            (ln.glyphs[-1].right - ln.glyphs[0].left) / len(text)
            for ln in lines
            if len(text := _line_text(ln.glyphs)) >= _MEASURED_LINE
        ]
        self.unit = max(min(widths, default=5.0) * 0.98, 1.0)

    def column(self, x: float) -> int:
        return round((x - self.margin) / self.unit)

    def text(self, glyphs: list[Glyph]) -> str:
        parts: list[str] = []
        length = 0
        previous: Glyph | None = None
        for g in glyphs:
            gap = g.left - (previous.right if previous else self.margin)
            height = g.height if previous is None else max(g.height, previous.height)
            pad = 0
            if gap > _COLUMN_GAP * height:
                # A column gap is at least four spaces, so it is never read as a word's.
                pad = max(4 if previous else 0, self.column(g.left) - length)
            elif previous is not None and gap > _CELL_GAP * height:
                # Wider than any word space: two cells of a table drawn without rules, whose
                # columns the table reader tells apart by two spaces or more.
                pad = max(2, self.column(g.left) - length)
            elif previous is not None and gap > _WORD_GAP * height:
                pad = 1
            pad = min(pad, _MAX_PAD)
            if pad:
                parts.append(" " * pad)
                length += pad
            parts.append(g.text)
            length += len(g.text)
            previous = g
        return "".join(parts)


def _line_text(glyphs: list[Glyph]) -> str:
    """A line's characters as words: a space where the gap is a word's."""
    parts: list[str] = []
    previous: Glyph | None = None
    for g in glyphs:
        if previous is not None and g.left - previous.right > _WORD_GAP * max(
            g.height, previous.height
        ):
            parts.append(" ")
        parts.append(g.text)
        previous = g
    return "".join(parts)


def _usual_spacing(lines: list[tuple[float, float, str]]) -> float:
    """The most common space between two lines of text on the page (points)."""
    gaps = Counter(round(a[1] - b[0], 1) for a, b in zip(lines, lines[1:], strict=False))
    usual = [(n, g) for g, n in gaps.items() if g >= 0]
    return max(usual)[1] if usual else 0.0


def _with_paragraph_gaps(items: list[tuple[float, float, str]], spacing: float) -> str:
    """The lines joined, an empty line where the space above one is a paragraph's."""
    out: list[str] = []
    for i, (top, bottom, text) in enumerate(items):
        row = "\t" in text
        if i and (
            items[i - 1][1] - top > spacing + _PARAGRAPH_GAP * min(top - bottom, 14.0)
            or row != ("\t" in items[i - 1][2])  # a table stands apart from the text
        ):
            out.append("")
        out.append(text)
    return "\n".join(out)
