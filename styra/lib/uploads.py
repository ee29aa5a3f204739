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

Refusals are `UploadRefused` (a `ValidationError` with a message in the active language
and a `code`), so a caller may show its own message for a code.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from typing import Protocol

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MB = 1024 * 1024

PDF, DOCX, XLSX = "pdf", "docx", "xlsx"
EXTENSIONS = {PDF: ".pdf", DOCX: ".docx", XLSX: ".xlsx"}
# The main part that makes an Office Open XML package a Word document or a workbook.
MAIN_PARTS = {DOCX: "word/document.xml", XLSX: "xl/workbook.xml"}
CONTENT_TYPES = "[Content_Types].xml"

_DRIVE_RE = re.compile(r"^[A-Za-z]:")

# How the messages name the file (ZipLimits.subject). Each message is a whole sentence for
# each subject, so that no translation has to fit a noun into a sentence written for another.
FILE, EXCEL, WORD = "file", "excel", "word"

_MESSAGES = {
    "not_zip": {
        FILE: _("Filen är skadad eller inget zip-arkiv."),
        EXCEL: _("Excelfilen är skadad eller inget zip-arkiv."),
        WORD: _("Word-dokumentet är skadat eller inget zip-arkiv."),
    },
    "entries": {
        FILE: _("Filen innehåller för många delar för att läsas."),
        EXCEL: _("Excelfilen innehåller för många delar för att läsas."),
        WORD: _("Word-dokumentet innehåller för många delar för att läsas."),
    },
    "encrypted": {
        FILE: _("Filen är lösenordsskyddad (krypterad). Ta bort skyddet och försök igen."),
        EXCEL: _("Excelfilen är lösenordsskyddad (krypterad). Ta bort skyddet och försök igen."),
        WORD: _(
            "Word-dokumentet är lösenordsskyddat (krypterat). Ta bort skyddet och försök igen."
        ),
    },
    "name": {
        FILE: _("Filen innehåller en del med ett otillåtet namn."),
        EXCEL: _("Excelfilen innehåller en del med ett otillåtet namn."),
        WORD: _("Word-dokumentet innehåller en del med ett otillåtet namn."),
    },
    "unpacked": {
        FILE: _("Filen packas upp till mer än %(size)s och kan inte läsas."),
        EXCEL: _("Excelfilen packas upp till mer än %(size)s och kan inte läsas."),
        WORD: _("Word-dokumentet packas upp till mer än %(size)s och kan inte läsas."),
    },
    "macros": {
        FILE: _("Filen innehåller makron. Spara den utan makron (.docx eller .xlsx)."),
        EXCEL: _("Excelfilen innehåller makron. Spara den utan makron (.xlsx)."),
        WORD: _("Word-dokumentet innehåller makron. Spara det utan makron (.docx)."),
    },
    "not_ooxml": {
        FILE: _("Filen är inget Office-dokument (%(part)s saknas)."),
        EXCEL: _("Excelfilen är inget Office-dokument (%(part)s saknas)."),
        WORD: _("Word-dokumentet är inget Office-dokument (%(part)s saknas)."),
    },
    "missing_part": {
        FILE: _("Filen saknar delen %(part)s."),
        EXCEL: _("Excelfilen saknar delen %(part)s."),
        WORD: _("Word-dokumentet saknar delen %(part)s."),
    },
}


class UploadRefused(ValidationError):
    """A refused file; `code` says why (too_large, not_zip, entries, unpacked, encrypted,
    name, macros, not_ooxml, missing_part, type)."""


@dataclass(frozen=True)
class ZipLimits:
    max_bytes: int = 20 * MB  # the file as uploaded
    max_unpacked: int = 100 * MB  # the sum of every entry's declared size
    max_entries: int = 1000
    subject: str = FILE  # FILE, EXCEL or WORD: how the messages name the file


def _mb(n: int) -> str:
    return f"{n // MB} MB" if n >= MB else f"{n} byte"


def _refuse(code: str, subject: str = FILE, **params: str) -> UploadRefused:
    """The refusal with its message for the subject; the lazy message is put in the language
    active when it is shown."""
    return UploadRefused(_MESSAGES[code][subject], code=code, params=params or None)


def _too_large(limit: int) -> UploadRefused:
    return UploadRefused(
        _("Filen är större än %(size)s."), code="too_large", params={"size": _mb(limit)}
    )


def check_size(size: int, limit: int) -> None:
    """Refuse a file of `size` bytes when it is larger than `limit`, before it is read."""
    if size > limit:
        raise _too_large(limit)


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
    subject = limits.subject
    check_size(len(data), limits.max_bytes)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise _refuse("not_zip", subject) from None
    if len(entries) > limits.max_entries:
        raise _refuse("entries", subject)
    for entry in entries:
        if entry.flag_bits & 0x1:
            raise _refuse("encrypted", subject)
        if _bad_name(entry.filename):
            raise _refuse("name", subject)
    if sum(entry.file_size for entry in entries) > limits.max_unpacked:
        raise _refuse("unpacked", subject, size=_mb(limits.max_unpacked))
    names = {entry.filename for entry in entries}
    if any(name.casefold().endswith("vbaproject.bin") for name in names):
        raise _refuse("macros", subject)
    if office and CONTENT_TYPES not in names:
        raise _refuse("not_ooxml", subject, part=CONTENT_TYPES)
    for name in required:
        if name not in names:
            raise _refuse("missing_part", subject, part=name)
    return archive


def sniff(
    data: bytes,
    limits: ZipLimits = ZipLimits(),  # noqa: B008 - frozen, so one shared default is safe
    allowed: tuple[str, ...] = (PDF, DOCX, XLSX),
) -> str:
    """ "pdf", "docx" or "xlsx" from the content, after the zip check for the Office formats."""
    check_size(len(data), limits.max_bytes)
    kind = None
    if data.startswith(b"%PDF-"):
        # The header only: Styra stores and serves appendices, it never renders them.
        kind = PDF
    elif data.startswith(b"PK\x03\x04"):
        archive = check_zip(data, limits, office=True)
        names = set(archive.namelist())
        kinds = [k for k, part in MAIN_PARTS.items() if part in names]
        if len(kinds) != 1:
            raise UploadRefused(
                _("Filen är ett zip-arkiv men varken ett Word- eller Exceldokument."), code="type"
            )
        kind = kinds[0]
    if kind is None or kind not in allowed:
        shown = ", ".join(EXTENSIONS[k] for k in allowed)
        raise UploadRefused(
            _("Filen är av en typ som inte tas emot här (tillåtet: %(allowed)s)."),
            code="type",
            params={"allowed": shown},
        )
    return kind


def json_shape(data: object, *, stop_at_depth: int | None = None) -> tuple[int, int]:
    """(depth, containers) of parsed JSON: how deeply lists and objects nest, and how many
    objects there are, found without recursion (nesting that would exhaust it is the point).

    Stops early, with the depth so far, once `stop_at_depth` is passed.
    """
    deepest, objects, stack = 0, 0, [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            deepest = max(deepest, depth)
            objects += isinstance(value, dict)
            if stop_at_depth is not None and depth > stop_at_depth:
                break
            stack.extend(
                (child, depth + 1)
                for child in (value.values() if isinstance(value, dict) else value)
            )
    return deepest, objects


class _OfPlan(Protocol):
    plan_id: int


def appendix_path(instance: _OfPlan, filename: str) -> str:
    """Where a plan appendix's file is stored: one folder per plan (plans.Appendix.file).

    Here rather than beside the model because migrations refer to it by this path."""
    return f"appendices/{instance.plan_id}/{filename}"
