"""A laid-out document (a plan, a report) as a Word document that people can go on editing.

Headings use Word's own "Heading N" styles so the navigation pane and the table
of contents work; the table of contents is a real TOC field whose cached
result is a plain list of the headings, so the text is there before Word has
updated any field.
"""

import io
import zipfile
from datetime import UTC, datetime
from typing import Any

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor, Twips
from docx.styles.style import BaseStyle
from docx.table import _Cell
from docx.text.paragraph import Paragraph as WordParagraph

from .layout import (
    Block,
    DocumentLayout,
    Heading,
    ListBlock,
    Matrix,
    PageBreak,
    Paragraph,
    Table,
)

FONT = "Arial"  # the city's document font; Liberation Sans, used in the PDF, has its metrics
LANGUAGE = "sv-SE"
ACCENT = RGBColor(0x0B, 0x3D, 0x6E)
MUTED = RGBColor(0x5B, 0x63, 0x6B)
DRAFT = RGBColor(0xA3, 0x26, 0x1B)
INK = RGBColor(0x1F, 0x23, 0x28)
HEADER_FILL = "E8EEF4"
HEADING_SIZES = {1: 15, 2: 12.5, 3: 11, 4: 10.5, 5: 10, 6: 10}
TEXT_WIDTH_MM = 163  # A4 less the margins below
LANDSCAPE_TEXT_WIDTH_MM = 250  # A4 sideways less the same margins
MATRIX_WIDTH_MM = 165
# The risk levels' colours, as in the PDF (plan.typ); each cell also says its level in words.
LEVEL_FILLS = {"low": "CDE8CD", "medium": "FBE6A0", "high": "F6C08A", "very_high": "EE9D94"}


def render_layout_docx(
    layout: DocumentLayout, generated_at: datetime | None, keywords: str = "verksamhetsplan"
) -> bytes:
    """Any document laid out as blocks (a plan, a report) in the plan's Word conventions."""
    document = Document()
    width = LANDSCAPE_TEXT_WIDTH_MM if layout.landscape else TEXT_WIDTH_MM
    _setup_page(document, layout.landscape)
    _setup_styles(document)
    _set_properties(document, layout, generated_at, keywords)
    _add_page_furniture(document, layout, width)
    _add_front_matter(document, layout)
    for block in layout.blocks:
        _add_block(document, block, width)
    _ask_word_to_update_fields(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return _normalise_zip(buffer.getvalue(), generated_at)


def _setup_page(document: WordDocument, landscape: bool) -> None:
    section = document.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(25), Mm(22)
    section.top_margin, section.bottom_margin = Mm(27), Mm(25)
    section.header_distance = section.footer_distance = Mm(12)
    section.different_first_page_header_footer = True


def _setup_styles(document: WordDocument) -> None:
    styles = document.styles
    normal = styles["Normal"]
    _set_font(normal, FONT)
    normal.font.size = Pt(10)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.1
    _set_document_language(document)
    for level, size in HEADING_SIZES.items():
        style = styles[f"Heading {level}"]
        _set_font(style, FONT)
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = ACCENT if level <= 4 else INK
        style.paragraph_format.space_before = Pt(16 if level == 1 else 10)
        style.paragraph_format.space_after = Pt(4)
        style.paragraph_format.keep_with_next = True
    for name in ("Title", "Subtitle", "List Bullet", "List Number", "Table Grid"):
        _set_font(styles[name], FONT)
    styles["Title"].font.color.rgb = ACCENT
    styles["Subtitle"].font.color.rgb = MUTED
    styles["Subtitle"].font.italic = False


def _set_font(style: BaseStyle, name: str) -> None:
    """Name the font outright: the template's theme-font attributes would otherwise win."""
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attribute}"), None)
    for attribute in ("ascii", "hAnsi", "cs"):
        fonts.set(qn(f"w:{attribute}"), name)


def _set_document_language(document: WordDocument) -> None:
    """Proofing language for all text, so Word spell-checks the plan as Swedish."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)


def _set_properties(
    document: WordDocument, layout: DocumentLayout, moment: datetime | None, keywords: str
) -> None:
    props = document.core_properties
    stamp = _utc(moment)
    props.title = layout.doc_title
    props.language = LANGUAGE
    props.author = layout.officer
    props.last_modified_by = layout.officer
    props.subject = layout.organisation
    props.comments = ""
    props.keywords = keywords
    props.revision = 1
    props.created = props.modified = stamp
    props.last_printed = stamp


def _add_page_furniture(document: WordDocument, layout: DocumentLayout, width: float) -> None:
    section = document.sections[0]
    running = f"{layout.title} – {layout.unit}" + (" · Förslag till beslut" if layout.draft else "")
    header = section.header.paragraphs[0]
    header.add_run(f"{layout.organisation}\t{running}")
    tabs = header.paragraph_format.tab_stops
    # The Header style's tabs are set for US Letter; one right tab at the A4 text edge instead.
    for position in (Twips(4680), Twips(9360)):
        tabs.add_tab_stop(position, WD_TAB_ALIGNMENT.CLEAR)
    tabs.add_tab_stop(Mm(width), WD_TAB_ALIGNMENT.RIGHT)
    _style_small(header)
    for footer in (section.footer, section.first_page_footer):
        _add_page_number(footer.paragraphs[0])


def _add_page_number(paragraph: WordParagraph) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph.add_run("Sid ")
    _add_field(paragraph, "PAGE", "1")
    paragraph.add_run(" (")
    _add_field(paragraph, "NUMPAGES", "1")
    paragraph.add_run(")")
    _style_small(paragraph)


def _style_small(paragraph: WordParagraph) -> None:
    for run in paragraph.runs:
        run.font.size = Pt(8)
        run.font.color.rgb = MUTED


def _field_char(paragraph: WordParagraph, kind: str) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    if kind == "begin":
        char.set(qn("w:dirty"), "true")  # recalculated when Word opens the file
    paragraph.add_run()._r.append(char)


def _instruction(paragraph: WordParagraph, code: str) -> None:
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {code} "
    paragraph.add_run()._r.append(instr)


def _add_field(paragraph: WordParagraph, code: str, cached: str) -> None:
    _field_char(paragraph, "begin")
    _instruction(paragraph, code)
    _field_char(paragraph, "separate")
    paragraph.add_run(cached)
    _field_char(paragraph, "end")


def _add_front_matter(document: WordDocument, layout: DocumentLayout) -> None:
    first = document.paragraphs[0] if document.paragraphs else document.add_paragraph()
    if layout.organisation:
        run = first.add_run(layout.organisation)
        run.bold, run.font.size, run.font.color.rgb = True, Pt(11), ACCENT
        first.paragraph_format.space_after = Pt(16)
    _add_letter_head(document, layout)
    if layout.draft:
        draft = document.add_paragraph()
        draft.paragraph_format.space_before = Pt(28)
        run = draft.add_run("Förslag till beslut")
        run.bold, run.font.size, run.font.color.rgb = True, Pt(14), DRAFT
    title = document.add_paragraph(layout.title, style="Title")
    title.paragraph_format.space_before = Pt(12 if layout.draft else 36)
    if layout.unit:
        document.add_paragraph(layout.unit, style="Subtitle")
    if layout.note:
        document.add_paragraph(layout.note).runs[0].font.color.rgb = MUTED
    _add_table_of_contents(document, layout)


def _add_letter_head(document: WordDocument, layout: DocumentLayout) -> None:
    """Officer left, addressee right, in a borderless table as in the city's letters."""
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    # "Label: value" in one paragraph, the way a reader (and the importer) expects it.
    if layout.officer:
        _cell_line(left, ("Handläggare: ", True), (layout.officer, False))
    if layout.phone:
        _cell_line(left, (f"Telefon: {layout.phone}", False))
    # The addressee exactly as the plan has it; a meeting date only when it lacks one.
    lines = [text for text in (layout.addressee, layout.meeting) if text]
    if lines:
        _cell_line(right, ("Till", True))
    for text in lines:
        _cell_line(right, (text, False))


def _cell_line(cell: _Cell, *runs: tuple[str, bool]) -> None:
    paragraph = cell.paragraphs[-1] if not cell.paragraphs[-1].text else cell.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(0)
    for text, bold in runs:
        paragraph.add_run(text).bold = bold


def _add_table_of_contents(document: WordDocument, layout: DocumentLayout) -> None:
    heading = document.add_paragraph("Innehåll", style="TOC Heading")
    heading.paragraph_format.space_before = Pt(28)
    entries = layout.toc_entries()
    first = document.add_paragraph()
    _field_char(first, "begin")
    _instruction(first, 'TOC \\o "1-3" \\h \\z \\u')
    _field_char(first, "separate")
    # The cached result of the field: the headings without page numbers until Word updates it.
    paragraphs = [first] + [document.add_paragraph() for _ in entries[1:]]
    for paragraph, entry in zip(paragraphs, entries, strict=False):
        paragraph.add_run(entry.text).bold = entry.level == 1
        paragraph.paragraph_format.left_indent = Mm(5 * (entry.level - 1))
        paragraph.paragraph_format.space_after = Pt(2)
    _field_char(paragraphs[-1], "end")
    paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)


def _styled(document: WordDocument, text: str, style: str) -> WordParagraph:
    """Set the style by id: python-docx's lookup by name scans every style on every call."""
    paragraph = document.add_paragraph(text)
    paragraph._p.style = style.replace(" ", "")  # built-in styles' ids are their names unspaced
    return paragraph


def _add_block(document: WordDocument, block: Block, width: float) -> None:
    if isinstance(block, Heading):
        _add_heading(document, block)
    elif isinstance(block, Paragraph):
        document.add_paragraph(block.text)
    elif isinstance(block, ListBlock):
        _add_list(document, block)
    elif isinstance(block, Table):
        _add_table(document, block, width)
    elif isinstance(block, Matrix):
        _add_matrix(document, block)
    elif isinstance(block, PageBreak):
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _add_heading(document: WordDocument, block: Heading) -> None:
    if block.label:
        label = document.add_paragraph()
        label.paragraph_format.keep_with_next = True
        label.paragraph_format.space_before = Pt(14)
        label.paragraph_format.space_after = Pt(0)
        run = label.add_run(block.label)
        run.bold, run.font.size, run.font.color.rgb = True, Pt(8.5), MUTED
    heading = _styled(document, block.text, f"Heading {block.level}")
    if block.label:
        heading.paragraph_format.space_before = Pt(0)
    if block.role == "field":
        # Narrative sub-headings look alike whatever their depth in the goal chain.
        run = heading.runs[0] if heading.runs else heading.add_run()
        run.font.size, run.font.color.rgb = Pt(10), INK


def _add_list(document: WordDocument, block: ListBlock) -> None:
    """Word's own list styles; an ordered list gets its own numbering, restarted at its start."""
    if not block.ordered:
        for item in block.items:
            _styled(document, item.text, "List Bullet")
        return
    num_id = _add_numbering(document, block)
    for item in block.items:
        paragraph = _styled(document, item.text, "List Number")
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = num_id


# Typst's numbering patterns (layout.ListBlock.numbering) as Word's number format and text.
_WORD_NUMBERING = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter"}


def _add_numbering(document: WordDocument, block: ListBlock) -> int:
    """A numbering definition for one list: "a)" stays "a)", and each list starts anew.

    One abstract definition per list rather than one shared with a start override,
    because Word and LibreOffice agree on that reading.
    """
    numbering = document.part.numbering_part.element
    abstract_id = 1 + max(
        (int(a.get(qn("w:abstractNumId"))) for a in _abstract_nums(numbering)), default=-1
    )
    pattern = block.numbering or "1."
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        '<w:multiLevelType w:val="singleLevel"/>'
        f'<w:lvl w:ilvl="0"><w:start w:val="{block.start}"/>'
        f'<w:numFmt w:val="{_WORD_NUMBERING[pattern[0]]}"/>'
        f'<w:lvlText w:val="%1{pattern[1:]}"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="454" w:hanging="454"/></w:pPr></w:lvl>'
        "</w:abstractNum>"
    )
    # The schema puts every abstract definition before the first numbering instance.
    first_num = numbering.find(qn("w:num"))
    if first_num is None:
        numbering.append(abstract)
    else:
        first_num.addprevious(abstract)
    return numbering.add_num(abstract_id).numId


def _abstract_nums(numbering: Any) -> list[Any]:
    return numbering.findall(qn("w:abstractNum"))


def _add_table(document: WordDocument, block: Table, text_width: float) -> None:
    table = document.add_table(rows=1, cols=len(block.columns))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    total = sum(c.width for c in block.columns)
    widths = [Mm(text_width * c.width / total) for c in block.columns]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid; Word reads the cell widths, LibreOffice the grid
    header = table.rows[0]
    _repeat_as_header(header._tr)
    for cell, column, width in zip(header.cells, block.columns, widths, strict=True):
        _fill_cell(cell, column.title, bold=True, align=column.align, width=width)
        _shade(cell, HEADER_FILL)
    for row in block.rows:
        cells = table.add_row().cells
        for cell, text, column, width in zip(cells, row.cells, block.columns, widths, strict=True):
            _fill_cell(cell, text, bold=row.bold, align=column.align, width=width)
    document.add_paragraph().paragraph_format.space_after = Pt(2)  # keeps tables apart


def _add_matrix(document: WordDocument, block: Matrix) -> None:
    """The risk matrix drawn as a table of shaded cells, each with its level and count;
    the axes' titles above the rows and below the columns. The same counts follow as a
    table with a header row, for those who read it cell by cell."""
    n = len(block.column_labels)
    table = document.add_table(rows=len(block.rows) + 3, cols=n + 1)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    label_width = Mm(34)
    cell_width = Mm((MATRIX_WIDTH_MM - 34) / n)
    for column, width in zip(table.columns, [label_width] + [cell_width] * n, strict=True):
        column.width = width
    rows = table.rows
    _fill_cell(
        rows[0].cells[0], f"{block.row_title} ↑", bold=True, align="right", width=label_width
    )
    for row, label, cells in zip(rows[1:], block.row_labels, block.rows, strict=False):
        _fill_cell(row.cells[0], label, bold=False, align="right", width=label_width)
        for cell, found in zip(row.cells[1:], cells, strict=True):
            _fill_cell(cell, found.label, bold=False, align="center", width=cell_width)
            count = cell.add_paragraph()
            count.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = count.add_run(str(found.count))
            run.bold, run.font.size = True, Pt(12)
            _shade(cell, LEVEL_FILLS[found.level])
        row.height = Mm(14)
    labels = rows[len(block.rows) + 1].cells
    for cell, label in zip(labels[1:], block.column_labels, strict=True):
        _fill_cell(cell, label, bold=False, align="center", width=cell_width)
    title = rows[-1].cells[1].merge(rows[-1].cells[-1])
    _fill_cell(title, f"{block.column_title} →", bold=True, align="center", width=cell_width * n)
    document.add_paragraph().paragraph_format.space_after = Pt(2)


def _repeat_as_header(tr: Any) -> None:
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    tr.get_or_add_trPr().append(marker)


def _fill_cell(cell: _Cell, text: str, *, bold: bool, align: str, width: Any) -> None:
    cell.width = width
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(0)
    if align == "right":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif align == "center":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(9)


def _shade(cell: _Cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _ask_word_to_update_fields(document: WordDocument) -> None:
    """Word then fills in the table of contents and page numbers when the file is opened."""
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    document.settings.element.append(update)


def _utc(moment: datetime | None) -> datetime:
    if moment is None:
        return datetime.now(UTC).replace(microsecond=0)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _normalise_zip(data: bytes, moment: datetime | None) -> bytes:
    """python-docx stamps each zip entry with the current time; use the fixed one instead."""
    stamp = _utc(moment)
    date_time = (
        max(stamp.year, 1980),
        stamp.month,
        stamp.day,
        stamp.hour,
        stamp.minute,
        stamp.second,
    )
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(output, "w") as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            target.writestr(entry, source.read(info.filename))
    return output.getvalue()
