"""The intermediate representation every input format is turned into.

A document becomes a list of `Line`s (one per physical line or Word paragraph,
table rows carrying their cells) and then a list of blocks: `Para`graphs and
`Table`s, which the chain parser reads in document order.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Line:
    text: str  # inline markup stripped, white space folded
    heading: int = 0  # explicit heading level (markdown #, Word style), 0 = none
    bold: bool = False  # the whole line is emphasised
    bullet: bool = False  # list item; text starts with "- "
    cells: list[str] | None = None  # table row cells, None when not a row
    raw: str = ""  # the line as written, for column positions in PDF text
    page: int = 0  # page number where form feeds tell it
    blank: bool = False
    values_lost: bool = False  # a table's header row whose rows' values were placed by guess


@dataclass
class Para:
    text: str
    heading: int = 0
    bold: bool = False
    bullet: bool = False
    lines: int = 1  # physical lines joined into it
    short_heading: bool = False  # looked like a heading in unmarked text
    pages: tuple[int, int] = (0, 0)  # the first and last page its lines stand on


@dataclass
class Table:
    rows: list[list[str]]
    raws: list[str] = field(default_factory=list)
    spaced: bool = False  # rebuilt from space-separated PDF text
    values_lost: bool = False  # read column by column: its rows have their names only
    pages: tuple[int, int] = (0, 0)


Block = Para | Table
