"""PDF into text: the text layer only (no OCR), laid out so table columns stay apart."""

from __future__ import annotations

import io
import logging
import time

from django.utils.translation import gettext, ngettext

from .detect import Unreadable

MAX_PAGES = 500
TIME_BUDGET = 8.0  # seconds; a plan of a few hundred pages takes far less


def pdf_to_text(data: bytes) -> tuple[str, list[str]]:
    """Extract the text layer, pages separated by form feeds."""
    warnings: list[str] = []
    try:
        import pypdf

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
        texts.append(_page_text(pages[index]))
    text = "\f".join(texts)
    if not text.strip():
        raise Unreadable(
            gettext(
                "PDF-filen saknar text (den är troligen inskannad). Textigenkänning (OCR) "
                "stöds inte; använd originaldokumentet i Word- eller PDF-format med text."
            )
        )
    return text, warnings


def _page_text(page: object) -> str:
    try:
        return page.extract_text(extraction_mode="layout")  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - a damaged page should not sink the document
        try:
            return page.extract_text()  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001
            return ""
