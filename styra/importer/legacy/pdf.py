"""PDF into text: the text layer only (no OCR), laid out so table columns stay apart."""

from __future__ import annotations

import io
import logging
import time

from django.utils.translation import gettext, ngettext

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
    texts: list[str] = []
    started = time.monotonic()
    for index in range(min(count, MAX_PAGES)):
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
        texts.append(_page_text(page))
    text = "\f".join(texts)
    if not text.strip():
        raise Unreadable(
            gettext(
                "PDF-filen saknar text (den är troligen inskannad). Textigenkänning (OCR) "
                "stöds inte; använd originaldokumentet i Word- eller PDF-format med text."
            )
        )
    return text, warnings


def _check_content(page, number: int) -> None:
    """Refuse a page whose unpacked content is more than any page of a plan has, before its
    text is laid out (a bomb would otherwise be read as an empty page or cost minutes)."""
    too_large = Unreadable(
        gettext(
            "Sidan %(page)d i PDF-filen innehåller mer än någon sida i en plan och kan inte "
            "läsas in."
        )
        % {"page": number}
    )
    try:
        contents = page.get_contents()
        size = 0 if contents is None else len(contents.get_data())
    except Exception as exc:  # pypdf's LimitReachedError and the many kinds of broken stream
        if type(exc).__name__ == "LimitReachedError":
            raise too_large from exc
        return  # a damaged page is read as well as it can be (see _page_text)
    if size > MAX_PAGE_CONTENT:
        raise too_large


def _page_text(page: object) -> str:
    try:
        return page.extract_text(extraction_mode="layout")  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - a damaged page should not sink the document
        try:
            return page.extract_text()  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001
            return ""
