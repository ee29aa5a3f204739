"""PDF into text: the text layer only (no OCR), read with positions so table cells stay apart.

pypdf opens the file and checks it (password, damage, what each page unpacks to) within
bounds; PDFium, the engine pdfplumber itself ships with (pypdfium2), then gives every
character's box and every stroke's, and positions.page_text lays them out: table rows
as cells from the rules drawn around them, lines and paragraphs from where they stand.
PDFium reads a page in a few milliseconds where pdfminer (under pdfplumber's own words
and tables) takes about 90, and the issue asks for a 20-page plan in under a second. A
page PDFium cannot read is laid out by pypdf instead.
"""

from __future__ import annotations

import io
import logging
import re
import time

from django.utils.translation import gettext, ngettext

from . import positions
from .detect import Unreadable

MAX_PAGES = 500
TIME_BUDGET = 8.0  # seconds; a plan of a few hundred pages takes far less
# A page's content stream, unpacked. A page of dense text and tables is some tens of KB;
# the time budget is checked between pages, so this bounds what one page may cost past it
# (layout extraction reads about a MB a second). pypdf's own stream limits (75 MB) would
# let a 13 KB file cost minutes on a single page.
MAX_PAGE_CONTENT = 1024 * 1024
# What pypdf may unpack of any one stream (a font, a content stream) while the text is read.
MAX_STREAM_BYTES = 16 * 1024 * 1024


def pdf_to_text(data: bytes) -> tuple[str, list[str]]:
    """Extract the text layer, pages separated by form feeds."""
    import pypdf

    with pypdf.apply_configuration(
        zlib_maximum_output_length=MAX_STREAM_BYTES,
        lzw_maximum_output_length=MAX_STREAM_BYTES,
        run_length_maximum_output_length=MAX_STREAM_BYTES,
        array_based_stream_maximum_output_length=MAX_STREAM_BYTES,
    ):
        return _read(pypdf, data)


def _read(pypdf, data: bytes) -> tuple[str, list[str]]:
    warnings: list[str] = []
    try:
        logging.getLogger("pypdf").setLevel(logging.ERROR)
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise Unreadable(gettext("PDF-filen är lösenordsskyddad och kan inte läsas."))
        pages = reader.pages
        count = len(pages)
    except Unreadable:
        raise
    except Exception as exc:  # pypdf raises many kinds on broken files
        raise Unreadable(gettext("PDF-filen är skadad och kunde inte öppnas.")) from exc
    if count > MAX_PAGES:
        warnings.append(
            gettext("PDF-filen har %(count)d sidor; endast de första %(max)d lästes.")
            % {"count": count, "max": MAX_PAGES}
        )
    drawn = _Drawn(data)
    try:
        text = _pages_text(pages, min(count, MAX_PAGES), drawn, warnings)
    finally:
        drawn.close()
    if not text.strip():
        raise Unreadable(
            gettext(
                "PDF-filen saknar text (den är troligen inskannad). Textigenkänning (OCR) "
                "stöds inte; använd originaldokumentet i Word- eller PDF-format med text."
            )
        )
    return text, warnings


def _pages_text(pages, count: int, drawn: _Drawn, warnings: list[str]) -> str:
    """Each page checked, then laid out; pages separated by form feeds."""
    texts: list[str] = []
    fonts: set[int] = set()  # the font programs checked already (pages share them)
    started = time.monotonic()
    for index in range(count):
        if time.monotonic() - started > TIME_BUDGET:
            warnings.append(
                ngettext(
                    "Inläsningen av PDF-filen avbröts efter %(count)d sida (tidsgräns).",
                    "Inläsningen av PDF-filen avbröts efter %(count)d sidor (tidsgräns).",
                    index,
                )
                % {"count": index}
            )
            break
        page = pages[index]
        _check_content(page, index + 1)
        _check_fonts(page, index + 1, fonts)
        _check_form_draws(page, index + 1)
        texts.append(drawn.page_text(index) or _page_text(page))
    return "\f".join(texts)


def _too_large(number: int) -> Unreadable:
    return Unreadable(
        gettext(
            "Sidan %(page)d i PDF-filen innehåller mer än någon sida i en plan och kan inte "
            "läsas in."
        )
        % {"page": number}
    )


def _check_content(page, number: int) -> None:
    """Refuse a page whose unpacked content is more than any page of a plan has, before its
    text is laid out (a bomb would otherwise be read as an empty page or cost minutes)."""
    try:
        contents = page.get_contents()
        size = 0 if contents is None else len(contents.get_data())
    except Exception as exc:  # pypdf's LimitReachedError and the many kinds of broken stream
        if type(exc).__name__ == "LimitReachedError":
            raise _too_large(number) from exc
        return  # a damaged page is read as well as it can be (see _page_text)
    if size > MAX_PAGE_CONTENT:
        raise _too_large(number)


_FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")
# Resource dictionaries one page may lead to through its forms: a plan's page has a few.
MAX_RESOURCES = 200


def _check_fonts(page, number: int, checked: set[int]) -> None:
    """Refuse a page whose fonts or forms unpack to more than MAX_STREAM_BYTES, before PDFium
    (which knows no such bound) draws them: pypdf unpacks each font program and each form's
    content once, within it. Fonts are found in the page's resources and in those of every
    form it draws, and forms in forms, each dictionary once and at most MAX_RESOURCES."""
    try:
        pending = [page.get("/Resources")]
        seen = 0
        while pending:
            ref = pending.pop()
            resources = ref.get_object() if ref is not None else None
            if resources is None or not hasattr(resources, "get") or id(resources) in checked:
                continue
            checked.add(id(resources))
            seen += 1
            if seen > MAX_RESOURCES:
                raise _too_large(number)
            for font in (resources.get("/Font") or {}).values():
                _check_font(font.get_object(), checked)
            for xobject in (resources.get("/XObject") or {}).values():
                form = xobject.get_object()
                if form.get("/Subtype") == "/Form" and id(form) not in checked:
                    checked.add(id(form))
                    form.get_data()
                    pending.append(form.get("/Resources"))
    except Unreadable:
        raise
    except Exception as exc:  # pypdf's LimitReachedError and the many kinds of broken font
        if type(exc).__name__ == "LimitReachedError":
            raise _too_large(number) from exc


# Forms one page may draw, counting a form drawn by a form drawn ten times ten times, and
# the content they add up to: a plan's page draws a logo or a few. Nested forms multiply
# what PDFium lays out (ten forms of ten, seven deep, are ten million characters from a
# file of 2 KB).
MAX_FORM_DRAWS = 1000
MAX_DRAWN_CONTENT = 4 * MAX_PAGE_CONTENT
_DO_RE = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s+Do\b")


def _check_form_draws(page, number: int) -> None:
    """Refuse a page whose content draws more forms than MAX_FORM_DRAWS, or more content
    through them than MAX_DRAWN_CONTENT, forms in forms counted as often as they are
    drawn (each form's content is read once)."""
    drawn: dict[int, tuple[int, int]] = {}  # a form's id: (forms, bytes) one draw of it costs

    def cost(content: bytes, resources, depth: int) -> tuple[int, int]:
        if depth > 12:
            raise _too_large(number)
        xobjects = (resources.get_object().get("/XObject") if resources is not None else None) or {}
        forms, size = 0, len(content)
        for name in _DO_RE.findall(content):
            ref = xobjects.get("/" + name.decode("latin-1"))
            form = ref.get_object() if ref is not None else None
            if form is None or form.get("/Subtype") != "/Form":
                continue
            if id(form) not in drawn:
                drawn[id(form)] = (1, 0)  # a form drawing itself counts once
                inner = cost(form.get_data(), form.get("/Resources"), depth + 1)
                drawn[id(form)] = (1 + inner[0], inner[1])
            forms, size = forms + drawn[id(form)][0], size + drawn[id(form)][1]
            if forms > MAX_FORM_DRAWS or size > MAX_DRAWN_CONTENT:
                raise _too_large(number)
        return forms, size

    try:
        contents = page.get_contents()
        cost(b"" if contents is None else contents.get_data(), page.get("/Resources"), 0)
    except Unreadable:
        raise
    except Exception as exc:  # pypdf's LimitReachedError and the many kinds of broken form
        if type(exc).__name__ == "LimitReachedError":
            raise _too_large(number) from exc


def _check_font(font, checked: set[int]) -> None:
    descriptors = [font.get("/FontDescriptor")]
    for descendant in font.get("/DescendantFonts") or []:
        descriptors.append(descendant.get_object().get("/FontDescriptor"))
    for descriptor in descriptors:
        if descriptor is None:
            continue
        descriptor = descriptor.get_object()
        for key in _FONT_FILES:
            stream = descriptor.get(key)
            if stream is None or id(stream.get_object()) in checked:
                continue
            checked.add(id(stream.get_object()))
            stream.get_object().get_data()


def _page_text(page: object) -> str:
    try:
        return page.extract_text(extraction_mode="layout")  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - a damaged page should not sink the document
        try:
            return page.extract_text()  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001
            return ""


class _TooManyGlyphs(Exception):
    """A page draws more characters than any page of a plan (forms drawn many times)."""


class _Drawn:
    """The document as PDFium draws it: each page's text laid out from its positions.

    Opened once for all pages; a document or page PDFium cannot read gives None, and the
    caller reads that page's text through pypdf.
    """

    def __init__(self, data: bytes) -> None:
        import pypdfium2

        try:
            self._document: object | None = pypdfium2.PdfDocument(data)
        except Exception:  # noqa: BLE001 - pypdf reads what PDFium cannot
            self._document = None

    def page_text(self, index: int) -> str | None:
        if self._document is None:
            return None
        try:
            page = self._document[index]  # type: ignore[index]
            try:
                if page.get_rotation() % 360:
                    # A page turned by /Rotate has its lines running up or down the page's
                    # own axes, which positions does not read: pypdf lays it out.
                    return None
                return positions.page_text(*_drawn(page))
            finally:
                page.close()
        except _TooManyGlyphs as exc:
            raise _too_large(index + 1) from exc
        except Exception:  # noqa: BLE001 - a damaged page should not sink the document
            return None

    def close(self) -> None:
        if self._document is not None:
            self._document.close()  # type: ignore[attr-defined]


def _drawn(page) -> tuple[list[positions.Glyph], list[positions.Rule]]:
    """A page's characters and strokes with their boxes (PDF points, y upwards)."""
    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        if count > positions.MAX_GLYPHS:
            raise _TooManyGlyphs
        text = textpage.get_text_range(0, count) if count else ""
        glyphs = []
        # get_text_range gives one character per index unless the page holds characters
        # outside the BMP; then each is read alone.
        whole = len(text) == count
        for i in range(count):
            char = text[i] if whole else textpage.get_text_range(i, 1)
            if not char.strip():
                continue
            if char == "\ufffe":
                char = "-"  # PDFium's mark for a hyphen at a line's end
            left, bottom, right, top = textpage.get_charbox(i, loose=True)
            glyphs.append(positions.Glyph(char, left, bottom, right, top, i))
    finally:
        textpage.close()
    rules = []
    for seen, obj in enumerate(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=4)):
        if seen >= positions.MAX_PATHS:
            return glyphs, []  # a drawing: its strokes are not a plan's tables
        rule = positions.Rule(*obj.get_bounds())
        if rule.horizontal or rule.vertical:
            rules.append(rule)
        if len(rules) > positions.MAX_RULES:
            break
    return glyphs, rules
