"""Which kind of file this is, from its content, and how its text is encoded."""

from __future__ import annotations

import io
import zipfile

from django.utils.translation import gettext

from styra.lib.numbers import format_number

MAX_TEXT_BYTES = 4_000_000  # a 200-page plan is well under 1 MB of text


class Unreadable(Exception):
    """Raised with a message for the user; turned into DocumentError by the caller."""


def sniff(data: bytes, filename: str | None) -> str:
    """Return "docx", "pdf" or "text"."""
    head = data[:1024]
    if head.startswith(b"PK\x03\x04"):
        if _is_docx(data):
            return "docx"
        raise Unreadable(
            gettext("Filen är ett zip-arkiv men inget Word-dokument (word/document.xml saknas).")
        )
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise Unreadable(
            gettext(
                "Filen är i det gamla Word-formatet (.doc). "
                "Spara den som .docx eller PDF och försök igen."
            )
        )
    if head.startswith(b"{\\rtf"):
        raise Unreadable(gettext("RTF-filer stöds inte. Spara dokumentet som .docx eller PDF."))
    name = (filename or "").casefold()
    if name.endswith(".docx"):
        raise Unreadable(gettext("Filen har ändelsen .docx men är inget giltigt Word-dokument."))
    if name.endswith(".pdf"):
        raise Unreadable(gettext("Filen har ändelsen .pdf men är ingen giltig PDF."))
    return "text"


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return "word/document.xml" in zf.namelist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return False


def check_line_count(text: str, limit: int) -> None:
    """Refuse a text of more lines than any plan has."""
    if text.count("\n") + text.count("\f") >= limit:
        raise Unreadable(
            gettext(
                "Dokumentet har fler än %(max)s rader och är för stort för att läsas in. "
                "Dela upp det eller ta bort tomma rader."
            )
            % {"max": format_number(limit)}
        )


def decode(data: bytes) -> tuple[str, list[str]]:
    """Decode UTF-8 or, failing that, Windows-1252; refuse binary content."""
    warnings: list[str] = []
    if len(data) > MAX_TEXT_BYTES:
        # Refused rather than cut: half a plan read in would be stored as if whole.
        raise Unreadable(
            gettext(
                "Textfilen är större än 4 MB; ingen verksamhetsplan i textform är så stor. "
                "Kontrollera att det är rätt fil."
            )
        )
    sample = data[:65536]
    if sample.count(b"\x00") > len(sample) // 100:
        raise Unreadable(
            gettext(
                "Filen ser ut att vara en binärfil och inte ett textdokument. "
                "Välj en .docx-, PDF- eller textfil."
            )
        )
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(codec, errors="replace").lstrip("\ufeff"), warnings
    try:
        return data.decode("utf-8"), warnings
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors="replace")
    bad = sum(1 for ch in text[:65536] if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\t\n\r\f"))
    if bad > max(20, len(text[:65536]) // 20):
        raise Unreadable(
            gettext(
                "Filen kunde inte läsas som text: teckenkodningen känns inte igen eller "
                "filen är ingen textfil."
            )
        )
    return text, warnings
