"""A control plan file of any kind as the plan importer's lines, page furniture dropped.

The importer's readers do the reading: a .docx's paragraphs and table rows
(`legacy.docx`), a PDF laid out from where its characters and rules are (`legacy.pdf`:
ruled table rows come as tab-separated cells, unruled ones as columns apart by spaces),
and a text's shape (tabs, markdown pipes, pdftotext's layout, a viewer's copy with an
empty line after every line: `legacy.lines`, `legacy.shapes`). Running heads and feet
and page numbers are dropped as for plans (`legacy.furniture`).
"""

from __future__ import annotations

from dataclasses import dataclass

from styra.importer.legacy import MAX_BYTES, MAX_LINES, detect, furniture, vocab
from styra.importer.legacy.blocks import Line

__all__ = ["Document", "document_lines"]


@dataclass
class Document:
    lines: list[Line]
    paged: bool  # whether the lines' page numbers are the file's pages
    warnings: list[str]
    kind: str  # "docx", "pdf" or "text"


def document_lines(data: bytes, filename: str) -> Document:
    """The file's lines; raises detect.Unreadable with a message for the user."""
    from django.utils.translation import gettext

    from styra.importer.legacy.docx import docx_to_lines
    from styra.importer.legacy.lines import text_to_lines
    from styra.importer.legacy.pdf import pdf_to_text

    if not data.strip():
        raise detect.Unreadable(gettext("Filen är tom."))
    if len(data) > MAX_BYTES:
        raise detect.Unreadable(gettext("Filen är för stor (över 60 MB) för att läsas in."))
    kind = detect.sniff(data, filename)
    warnings: list[str] = []
    if kind == "docx":
        lines = docx_to_lines(data)
        paged = False
    elif kind == "pdf":
        text, warnings = pdf_to_text(data)
        detect.check_line_count(text, MAX_LINES)
        lines = text_to_lines(text, plain=True, max_lines=MAX_LINES)
        paged = True
    else:
        text, warnings = detect.decode(data)
        detect.check_line_count(text, MAX_LINES)
        lines = text_to_lines(_unquoted(text), max_lines=MAX_LINES)
        paged = "\f" in text
    return Document(_without_furniture(lines), paged, warnings, kind)


def _without_furniture(lines: list[Line]) -> list[Line]:
    """The lines without page furniture, a table's header kept: a header repeated at the
    top of every page is a running head by its place, but it names the page's columns."""
    from .stream import header_columns
    from .table import is_header_line

    kept = {id(ln) for ln in furniture.drop_furniture(lines, 0)}
    # A line repeated at pages' edges is a running head, unless it also stands inside a
    # page: then it is a cell's value ("Två gånger", "Tertial") that a page began or ended.
    inside = {vocab.fold(ln.text) for ln in _inside_pages(lines)}
    return [
        ln
        for ln in lines
        if id(ln) in kept
        or (
            not ln.blank
            and (
                is_header_line(ln)
                or header_columns(ln.text) is not None
                or (vocab.fold(ln.text) in inside and not furniture.is_furniture(ln.text))
            )
        )
    ]


_EDGE = 3  # lines at each end of a page a running head or foot may stand on


def _inside_pages(lines: list[Line]) -> list[Line]:
    """The lines of each page but its first and last few."""
    by_page: dict[int, list[Line]] = {}
    for ln in lines:
        if not ln.blank:
            by_page.setdefault(ln.page, []).append(ln)
    return [ln for page in by_page.values() for ln in page[_EDGE:-_EDGE]]


def _unquoted(text: str) -> str:
    """Tab-separated text with Excel's quoting undone: a cell holding line breaks is
    written in double quotes, its lines inside them (they become spaces here)."""
    if '\t"' not in text and not text.startswith('"'):
        return text
    out: list[str] = []
    quoted = False
    start = 0
    for i, ch in enumerate(text):
        if ch == '"':
            before = text[i - 1] if i else "\n"
            after = text[i + 1] if i + 1 < len(text) else "\n"
            if not quoted and before in "\t\n":
                out.append(text[start:i])
                start, quoted = i + 1, True
            elif quoted and after in "\t\n\r":
                out.append(text[start:i].replace('""', '"').replace("\n", " "))
                start, quoted = i + 1, False
    out.append(text[start:])
    return "".join(out)
