"""Word documents (.docx) into lines: real headings, bold runs and real tables."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext

from styra.lib import uploads
from styra.lib.numbers import format_number

from .blocks import Line
from .detect import Unreadable
from .lines import physical_line

MAX_XML_BYTES = 40_000_000  # uncompressed document.xml; guards against zip bombs
# Paragraphs (in the body and in table cells) a document may have: a 200-page plan
# has a few thousand. Counted while document.xml is streamed, before python-docx
# builds its tree; 1.6 million empty paragraphs compress to about 100 KB.
MAX_PARAGRAPHS = 50_000
# XML elements in document.xml (paragraphs, runs, texts, properties). With the paragraph
# bound this keeps the slowest accepted document (benchmarks/bench_hostile_import.py:
# one paragraph of 250,000 runs, 49,000 paragraphs of text) within the importer's
# budget of about ten seconds (at 100,000 paragraphs and 1,000,000 elements the slowest
# took 11 s on a loaded CI machine).
MAX_XML_ELEMENTS = 600_000
# Every other XML part together (styles, numbering, headers, footers, comments, the
# relationships): a plan's are a few hundred KB. python-docx parses them all when it
# opens the file, so a 1.2 MB .docx with a 338 MB styles.xml cost 34 s and 5.5 GB.
MAX_OTHER_XML_BYTES = 10_000_000

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE_RE = re.compile(r"^(?:heading|rubrik)\s*(\d)$", re.IGNORECASE)
_TOC_STYLE_RE = re.compile(r"^(?:toc|innehåll|innehållsförteckning)\b", re.IGNORECASE)
_LIST_STYLE_RE = re.compile(r"list|liststycke|punkt", re.IGNORECASE)


MAX_ZIP_ENTRIES = 2000
DOCX_LIMITS = uploads.ZipLimits(
    max_bytes=200 * uploads.MB,  # the callers limit the upload itself; this bounds the directory
    # python-docx holds every part in memory; images hardly compress, so this is about
    # the largest file the command line takes (styra.importer.legacy.MAX_BYTES) plus XML.
    max_unpacked=MAX_XML_BYTES + MAX_OTHER_XML_BYTES + 70_000_000,
    max_entries=MAX_ZIP_ENTRIES,
    subject=uploads.WORD,
)


def _check_size(data: bytes) -> None:
    """The shared zip check (styra.lib.uploads) before python-docx opens anything."""
    try:
        archive = uploads.check_zip(
            data, DOCX_LIMITS, office=True, required=(uploads.MAIN_PARTS[uploads.DOCX],)
        )
    except uploads.UploadRefused as exc:
        if exc.code in {"too_large", "entries", "unpacked"}:
            raise Unreadable(gettext("Word-dokumentet är för stort för att läsas in.")) from None
        if exc.code in {"not_zip", "missing_part"}:
            raise Unreadable(gettext("Word-dokumentet är skadat och kunde inte öppnas.")) from None
        raise Unreadable(exc.messages[0]) from None
    if archive.getinfo(uploads.MAIN_PARTS[uploads.DOCX]).file_size > MAX_XML_BYTES:
        raise Unreadable(gettext("Word-dokumentet är för stort för att läsas in."))
    if _other_xml_bytes(archive) > MAX_OTHER_XML_BYTES:
        raise Unreadable(gettext("Word-dokumentet är för stort för att läsas in."))
    _check_paragraphs(archive)


def _other_xml_bytes(archive: Any) -> int:
    """The unpacked size of the parts python-docx parses as XML, document.xml aside: the
    relationships and every part whose content type is XML, whatever its name (a part is
    parsed for its declared type, so a styles part may be called "word/media/a.png")."""
    from docx.opc.packuri import PackURI
    from docx.opc.pkgreader import _ContentTypeMap

    types = archive.getinfo(uploads.CONTENT_TYPES)
    if types.file_size > MAX_OTHER_XML_BYTES:
        return types.file_size
    content_types = _ContentTypeMap.from_xml(archive.read(types))
    total = 0
    for entry in archive.infolist():
        name = entry.filename
        if name == uploads.MAIN_PARTS[uploads.DOCX] or name.endswith("/"):
            continue
        try:
            xml = content_types[PackURI("/" + name)].endswith("xml")
        except KeyError:  # a part without a type: python-docx does not load it
            xml = False
        if xml or name.casefold().endswith((".rels", ".xml")):
            total += entry.file_size
    return total


def _check_paragraphs(archive: Any) -> None:
    """Refuse a document of more than MAX_PARAGRAPHS paragraphs or MAX_XML_ELEMENTS elements.

    document.xml is streamed, keeping nothing, and read no further than the bound.
    """
    from lxml import etree

    paragraphs = elements = 0
    try:
        with archive.open(uploads.MAIN_PARTS[uploads.DOCX]) as stream:
            for _event, element in etree.iterparse(
                stream, events=("end",), resolve_entities=False, no_network=True
            ):
                elements += 1
                paragraphs += element.tag == _W + "p"
                if paragraphs > MAX_PARAGRAPHS:
                    raise Unreadable(
                        gettext(
                            "Word-dokumentet har fler än %(max)s stycken och är för stort "
                            "för att läsas in."
                        )
                        % {"max": format_number(MAX_PARAGRAPHS)}
                    )
                if elements > MAX_XML_ELEMENTS:
                    raise Unreadable(gettext("Word-dokumentet är för stort för att läsas in."))
                element.clear(keep_tail=True)
                parent = element.getparent()
                if parent is not None:
                    while element.getprevious() is not None:
                        del parent[0]  # the finished siblings before it
    except Unreadable:
        raise
    except Exception:  # a broken XML or zip stream: python-docx would fail on it too
        raise Unreadable(gettext("Word-dokumentet är skadat och kunde inte läsas.")) from None


def docx_to_lines(data: bytes) -> list[Line]:
    """Read a .docx into the same lines the text parser produces."""
    _check_size(data)
    try:
        import docx  # python-docx
        from docx.table import Table as DocxTable
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
        lines: list[Line] = []
        fields = _Fields()
        styles = _Styles(document)
        for element in _body_elements(document.element.body):
            if element.tag == _W + "p":
                if fields.in_toc_after(element):
                    continue  # an entry of a table of contents kept as a field's result
                lines.extend(_paragraph(Paragraph(element, document), styles))
            elif element.tag == _W + "tbl":
                table = DocxTable(element, document)
                if _is_letter_head(table):
                    lines.extend(_cells_as_paragraphs(table, styles))
                else:
                    lines.extend(_table(table))
        return lines
    except Unreadable:
        raise
    except Exception as exc:  # python-docx and lxml raise many kinds on broken files
        raise Unreadable(gettext("Word-dokumentet är skadat och kunde inte läsas.")) from exc


class _Fields:
    """Complex fields (w:fldChar begin … end) open across paragraphs, to spot a TOC's result."""

    def __init__(self) -> None:
        self.codes: list[str] = []

    def _in_toc(self) -> bool:
        return any(code.lstrip().upper().startswith("TOC") for code in self.codes)

    def in_toc_after(self, paragraph: Any) -> bool:
        """Track the fields through a paragraph; whether it is part of a TOC field."""
        inside = self._in_toc()
        for node in paragraph.iter(_W + "fldChar", _W + "instrText"):
            if node.tag == _W + "instrText":
                if self.codes:
                    self.codes[-1] += node.text or ""
            elif node.get(_W + "fldCharType") == "begin":
                self.codes.append("")
            elif node.get(_W + "fldCharType") == "end" and self.codes:
                inside = inside or self._in_toc()
                self.codes.pop()
            inside = inside or self._in_toc()
        return inside


def _is_letter_head(table: Any) -> bool:
    """A small table only used to lay out header fields ("Handläggare", "Till") side by side."""
    from .header import is_field_label

    rows = table.rows
    if not rows or len(rows) > 3:
        return False
    return any(
        is_field_label(paragraph.text)
        for row in rows
        for cell in row.cells
        for paragraph in cell.paragraphs[:1]
    )


def _cells_as_paragraphs(table: Any, styles: _Styles) -> list[Line]:
    """A layout table read as text: each cell's paragraphs, cell after cell."""
    lines: list[Line] = []
    seen: set[int] = set()
    for row in table.rows:
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            for paragraph in cell.paragraphs:
                lines.extend(_paragraph(paragraph, styles))
    return lines


def _body_elements(body: Any) -> Iterator[Any]:
    for child in body.iterchildren():
        if child.tag == _W + "sdt":
            gallery = child.find(f".//{_W}docPartGallery")
            if gallery is not None and "content" in (gallery.get(_W + "val") or "").lower():
                continue  # the table of contents
            content = child.find(_W + "sdtContent")
            if content is not None:
                yield from _body_elements(content)
        elif child.tag in (_W + "p", _W + "tbl"):
            yield child


class _Styles:
    """A paragraph style's name and boldness, looked up once per style.

    python-docx finds a style by scanning the whole style sheet on every call;
    a document of many paragraphs (or many styles) then costs paragraphs × styles.
    """

    def __init__(self, document: Any) -> None:
        self.part = document.part
        self.cache: dict[str | None, tuple[str, bool]] = {}

    def of(self, paragraph: Any) -> tuple[str, bool]:
        style_id = paragraph._p.style
        if style_id not in self.cache:
            from docx.enum.style import WD_STYLE_TYPE

            try:
                style = self.part.get_style(style_id, WD_STYLE_TYPE.PARAGRAPH)
            except (KeyError, AttributeError, ValueError):
                style = None
            self.cache[style_id] = (_style_name(style), _style_bold(style))
        return self.cache[style_id]


def _style_name(style: Any) -> str:
    try:
        return (style.name or "") if style is not None else ""
    except (KeyError, AttributeError, ValueError):
        return ""


def _heading(name: str) -> int:
    if m := _HEADING_STYLE_RE.match(name):
        return max(1, min(6, int(m.group(1))))
    if name.casefold() in ("title", "rubrik", "titel"):
        return 1
    if name.casefold() in ("subtitle", "underrubrik"):
        return 2
    return 0


def _style_bold(style: Any) -> bool:
    try:
        return bool(style is not None and style.font.bold)
    except (KeyError, AttributeError, ValueError):
        return False


def _paragraph(paragraph: Any, styles: _Styles) -> list[Line]:
    style, style_bold = styles.of(paragraph)
    if _TOC_STYLE_RE.match(style):
        return []
    # Runs of the same weight are joined once per segment, not copied run by run.
    segments: list[tuple[list[str], bool]] = []
    for item in paragraph.iter_inner_content():
        runs = getattr(item, "runs", None)
        for run in runs if runs is not None else [item]:
            text = (run.text or "").replace("\t", " ")
            if not text:
                continue
            bold = bool(run.bold if run.bold is not None else style_bold) and bool(text.strip())
            if segments and segments[-1][1] == bold:
                segments[-1][0].append(text)
            else:
                segments.append(([text], bold))
    raw = "".join(_render("".join(texts), bold) for texts, bold in segments)
    level = _heading(style)
    numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
    out: list[Line] = [Line("", blank=True)]
    for part in raw.split("\n"):
        if not part.strip():
            continue
        prefix = "#" * level + " " if level else ""
        if not level and (numbered or _LIST_STYLE_RE.search(style)) and not part.startswith("-"):
            prefix = "- " if not re.match(r"\s*\d", part) else ""
        out.extend(physical_line(prefix + part.strip(), 0))
    out.append(Line("", blank=True))
    return out


def _render(text: str, bold: bool) -> str:
    if not bold:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    return "\n".join(f"**{p.strip()}**" if p.strip() else p for p in text.strip().split("\n")).join(
        (lead, trail)
    )


def _table(table: Any) -> list[Line]:
    lines = [Line("", blank=True)]
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue  # a merged cell is returned once per grid column
            seen.add(id(cell._tc))
            text = " ".join(p.text for p in cell.paragraphs)
            cells.append(re.sub(r"\s+", " ", text).strip())
        if any(cells):
            lines.append(Line(" ".join(c for c in cells if c), cells=cells, raw="\t".join(cells)))
    lines.append(Line("", blank=True))
    return lines
