"""One check for uploaded files: size, real type and, for Word/Excel (zip), what unpacking costs.

Every path that takes a file from outside (plan appendices, the bulk upload of
outcomes, the plan importer's Word documents) asks here before it opens the
file with a library:

* `check_zip()` reads only the zip's central directory (never an entry) and
  refuses a container that is too big, would unpack past a limit (zipfile stops
  reading an entry at its declared size, so the declared sizes bound the work),
  has too many entries, is encrypted, carries macros, names an entry outside
  the archive (absolute paths, "..", drive letters, backslashes) or, for
  Office Open XML, lacks `[Content_Types].xml` or the format's main part.
* `sniff()` tells PDF, DOCX and XLSX apart by content, never by file name, so a
  renamed program or archive is refused.

Refusals are `UploadRefused` (a `ValidationError` with a Swedish message and a
`code`), so a caller may show its own message for a code.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError

MB = 1024 * 1024

PDF, DOCX, XLSX = "pdf", "docx", "xlsx"
EXTENSIONS = {PDF: ".pdf", DOCX: ".docx", XLSX: ".xlsx"}
# The main part that makes an Office Open XML package a Word document or a workbook.
MAIN_PARTS = {DOCX: "word/document.xml", XLSX: "xl/workbook.xml"}
CONTENT_TYPES = "[Content_Types].xml"

_DRIVE_RE = re.compile(r"^[A-Za-z]:")


class UploadRefused(ValidationError):
    """A refused file; `code` says why (too_large, not_zip, entries, unpacked, encrypted,
    name, macros, not_ooxml, missing_part, type)."""


@dataclass(frozen=True)
class ZipLimits:
    max_bytes: int = 20 * MB  # the file as uploaded
    max_unpacked: int = 100 * MB  # the sum of every entry's declared size
    max_entries: int = 1000
    noun: str = "Filen"  # "Excelfilen", "Word-dokumentet": how messages name the file


def _mb(n: int) -> str:
    return f"{n // MB} MB" if n >= MB else f"{n} byte"


def _refuse(message: str, code: str) -> UploadRefused:
    return UploadRefused(message, code=code)


def _bad_name(name: str) -> bool:
    if not name or "\x00" in name or "\\" in name or name.startswith("/"):
        return True
    if _DRIVE_RE.match(name):
        return True
    return any(part == ".." for part in name.split("/"))


def check_zip(
    data: bytes,
    limits: ZipLimits = ZipLimits(),  # noqa: B008 - frozen, so one shared default is safe
    *,
    office: bool = True,
    required: tuple[str, ...] = (),
) -> zipfile.ZipFile:
    """The opened archive if it is safe to unpack; `UploadRefused` otherwise.

    `office` requires `[Content_Types].xml` (every Office Open XML package has it);
    `required` names further entries that must exist (a format's main part).
    """
    noun = limits.noun
    if len(data) > limits.max_bytes:
        raise _refuse(f"Filen är större än {_mb(limits.max_bytes)}.", "too_large")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise _refuse(f"{noun} är skadad eller inget zip-arkiv.", "not_zip") from None
    if len(entries) > limits.max_entries:
        raise _refuse(f"{noun} innehåller för många delar för att läsas.", "entries")
    for entry in entries:
        if entry.flag_bits & 0x1:
            raise _refuse(
                f"{noun} är lösenordsskyddad (krypterad). Ta bort skyddet och försök igen.",
                "encrypted",
            )
        if _bad_name(entry.filename):
            raise _refuse(f"{noun} innehåller en del med ett otillåtet namn.", "name")
    if sum(entry.file_size for entry in entries) > limits.max_unpacked:
        raise _refuse(
            f"{noun} packas upp till mer än {_mb(limits.max_unpacked)} och kan inte läsas.",
            "unpacked",
        )
    names = {entry.filename for entry in entries}
    if any(name.casefold().endswith("vbaproject.bin") for name in names):
        raise _refuse(
            f"{noun} innehåller makron. Spara den utan makron (.docx eller .xlsx).", "macros"
        )
    if office and CONTENT_TYPES not in names:
        raise _refuse(f"{noun} är inget Office-dokument ({CONTENT_TYPES} saknas).", "not_ooxml")
    for name in required:
        if name not in names:
            raise _refuse(f"{noun} saknar delen {name}.", "missing_part")
    return archive


def sniff(
    data: bytes,
    limits: ZipLimits = ZipLimits(),  # noqa: B008 - frozen, so one shared default is safe
    allowed: tuple[str, ...] = (PDF, DOCX, XLSX),
) -> str:
    """ "pdf", "docx" or "xlsx" from the content, after the zip check for the Office formats."""
    if len(data) > limits.max_bytes:
        raise _refuse(f"Filen är större än {_mb(limits.max_bytes)}.", "too_large")
    kind = None
    if data.startswith(b"%PDF-"):
        # The header only: Styra stores and serves appendices, it never renders them.
        kind = PDF
    elif data.startswith(b"PK\x03\x04"):
        archive = check_zip(data, limits, office=True)
        names = set(archive.namelist())
        kinds = [k for k, part in MAIN_PARTS.items() if part in names]
        if len(kinds) != 1:
            raise _refuse(
                "Filen är ett zip-arkiv men varken ett Word- eller Exceldokument.", "type"
            )
        kind = kinds[0]
    if kind is None or kind not in allowed:
        shown = ", ".join(EXTENSIONS[k] for k in allowed)
        raise _refuse(f"Filen är av en typ som inte tas emot här (tillåtet: {shown}).", "type")
    return kind
