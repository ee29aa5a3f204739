"""The outcome file: its columns and limits, and reading an Excel or CSV upload into rows.

The file has a header row with the columns indikator, enhet, period, värde
and kommentar (any order, case ignored; kommentar may be left out). The
column names are part of the file format and stay Swedish in every language;
the messages about the file and its rows are in the language of the request.

- indikator: the indicator's id, or its name exactly as written (spaces and
  case aside);
- enhet: a unit's name or its path ("Socialförvaltningen/Vuxenenheten");
- period: 2026T1, 2026T2, 2026VB (or a month, 2026M04, for monthly indicators);
- värde: a number ("87,5", "1 234", "87 %") or, for indicators without a
  measure, words as written; percent-formatted Excel cells count in percent.

Excel files are .xlsx, read with openpyxl in read-only mode (XML through
defusedxml) after a check of the zip container: its size, the size it
unpacks to and its number of entries, so a small file cannot unpack into
gigabytes. CSV files are UTF-8 or Windows-1252 with ; or , between columns.

`read_rows` gives the rows as written; `followup.bulk` checks them.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_lazy, ngettext

from styra.lib import uploads
from styra.lib.numbers import format_number
from styra.lib.spreadsheets import restore

COLUMNS = ("indikator", "enhet", "period", "värde", "kommentar")
REQUIRED = COLUMNS[:4]
ALIASES = {"varde": "värde", "indicator": "indikator", "utfall": "värde"}
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_ZIP_ENTRIES = 200
EXCEL_LIMITS = uploads.ZipLimits(
    max_bytes=MAX_FILE_BYTES,
    max_unpacked=MAX_UNPACKED_BYTES,
    max_entries=MAX_ZIP_ENTRIES,
    subject=uploads.EXCEL,
)
MAX_ROWS = 5000
# Columns read from a sheet: the template's five and room for a few of the user's
# own. A sheet's declared dimension (its <dimension> tag) wider than this, or
# longer than MAX_ROWS, is refused before any row is read: openpyxl fills every
# row out to the declared width (a 1.5 KB file claiming 16,384 columns cost 5 s
# and 650 MB).
MAX_COLUMNS = 50
NOT_EXCEL = gettext_lazy(
    "Filen är varken en Excelfil (.xlsx) eller en CSV-fil. Spara den som .xlsx eller "
    "som CSV (semikolon- eller kommaseparerad) och ladda upp den igen."
)
_SPACES = re.compile(r"\s+")
_BINARY = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass(frozen=True)
class RawRow:
    """One data row as it stood in the file; `line` is its row number there."""

    line: int
    indicator: str
    unit: str
    period: str
    value: Any  # a string, or a Decimal from a numeric Excel cell
    comment: str

    @property
    def shown_value(self) -> str:
        if isinstance(self.value, Decimal):
            return format_number(self.value)
        return str(self.value)  # already a string: a cell's text


# Cells any sheet within MAX_ROWS and MAX_COLUMNS can hold. A sheet need not declare its
# dimension, and openpyxl parses every cell of a row it reads however few columns are
# asked for: a 60 KB file whose first row holds two million cells cost 22 s.
MAX_CELLS = (MAX_ROWS + 1) * MAX_COLUMNS
# XML elements in the whole workbook. openpyxl parses the shared strings and the styles
# in full when it opens a file (a 118 KB file of 2.8 million shared strings cost 23 s);
# a full template of 5 000 rows has about 100 000.
MAX_XML_ELEMENTS = 600_000
_CELL_RE = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,30}:)?c[\s/>]")
_ELEMENT_RE = re.compile(rb"<[A-Za-z_]")
_TAG_TAIL = 40  # longer than any cell tag the pattern matches


def _count_tags(archive: zipfile.ZipFile, name: str) -> tuple[int, int]:
    """(cells, elements) in a part, read in chunks (never the whole part at once). Every
    part is counted, whatever its name: openpyxl finds its parts by their declared type."""
    cells, elements, tail = 0, 0, b""
    with archive.open(name) as part:
        while chunk := part.read(1024 * 1024):
            buffer = tail + chunk
            # A tag that began in the tail and was cut by the last chunk is counted now;
            # one wholly in the tail was counted with the chunk before.
            cells += sum(1 for m in _CELL_RE.finditer(buffer) if m.end() > len(tail))
            elements += sum(1 for m in _ELEMENT_RE.finditer(buffer) if m.end() > len(tail))
            if cells > MAX_CELLS or elements > MAX_XML_ELEMENTS:
                break
            tail = buffer[-_TAG_TAIL:]
    return cells, elements


def _check_cells(archive: zipfile.ZipFile) -> None:
    cells = elements = 0
    for entry in archive.infolist():
        found = _count_tags(archive, entry.filename)
        cells, elements = cells + found[0], elements + found[1]
        if cells > MAX_CELLS:
            raise ValidationError(
                gettext(
                    "Excelfilens blad har fler än %(max)s celler; en fil med utfall har "
                    "högst %(rows)s rader och %(columns)s kolumner. Kopiera raderna till "
                    "mallen och ladda upp den igen."
                )
                % {
                    "max": format_number(MAX_CELLS),
                    "rows": format_number(MAX_ROWS),
                    "columns": format_number(MAX_COLUMNS),
                }
            )
        if elements > MAX_XML_ELEMENTS:
            raise ValidationError(
                gettext(
                    "Excelfilen innehåller mer än en fil med utfall kan innehålla och kan "
                    "inte läsas. Kopiera raderna till mallen och ladda upp den igen."
                )
            )


def check_zip(data: bytes) -> zipfile.ZipFile:
    """Refuse zip containers that are not an Excel workbook or would unpack too far.

    The shared check (styra.lib.uploads) reads only the zip's directory: its size, entry
    count, declared unpacked size, encryption, entry names and [Content_Types].xml.
    """
    try:
        return uploads.check_zip(
            data,
            EXCEL_LIMITS,
            office=True,
            required=(uploads.MAIN_PARTS[uploads.XLSX],),
        )
    except uploads.UploadRefused as exc:
        if exc.code in {"not_zip", "not_ooxml", "missing_part"}:
            raise ValidationError(NOT_EXCEL) from None
        raise ValidationError(exc.messages) from None


def _excel_value(cell: Any) -> Any:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        number = Decimal(str(value))
        # A cell formatted as percent holds 0.875 for 87,5 %.
        if "%" in (getattr(cell, "number_format", "") or ""):
            number = (number * 100).normalize()
        if number == number.to_integral_value():
            number = number.quantize(Decimal(1))
        return number
    return restore(str(value).strip())


def _read_xlsx(data: bytes) -> list[list[Any]]:
    import openpyxl  # imported here: only uploads need it

    _check_cells(check_zip(data))
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file  # noqa: BLE001
        raise ValidationError(gettext("Excelfilen kunde inte läsas. Är den skadad?")) from None
    try:
        sheet = workbook.worksheets[0]
        _check_dimension(sheet)
        # The header within MAX_COLUMNS, then only as far as its last template column.
        first = next(sheet.iter_rows(max_row=1, max_col=MAX_COLUMNS), ())
        header = [_excel_value(cell) for cell in first]
        known = [i for i, name in enumerate(header) if _column(name) in COLUMNS]
        width = known[-1] + 1 if known else len(header)
        rows = [header[:width]]
        if width:
            for row in sheet.iter_rows(min_row=2, max_row=MAX_ROWS + 2, max_col=width):
                rows.append([_excel_value(cell) for cell in row])
        while len(rows) > 1 and not any(str(c) for c in rows[-1]):
            rows.pop()  # openpyxl pads up to max_row with empty rows
        return rows
    except ValidationError:
        raise
    except Exception:  # a damaged sheet part  # noqa: BLE001
        raise ValidationError(gettext("Excelfilen kunde inte läsas. Är den skadad?")) from None
    finally:
        workbook.close()


def _check_dimension(sheet: Any) -> None:
    """Refuse a sheet whose declared size (the <dimension> tag) no outcome file has."""
    columns, rows = sheet.max_column or 0, sheet.max_row or 0
    if columns > MAX_COLUMNS:
        raise ValidationError(
            gettext(
                "Excelfilens blad anger %(columns)s kolumner; en fil med utfall har högst "
                "%(max)s. Kopiera raderna till mallen och ladda upp den igen."
            )
            % {"columns": format_number(columns), "max": format_number(MAX_COLUMNS)}
        )
    if rows > MAX_ROWS + 1:
        raise ValidationError(
            gettext("Filen har fler än %(rows)s rader; dela upp den.")
            % {"rows": format_number(MAX_ROWS)}
        )


def _read_csv(data: bytes) -> list[list[Any]]:
    if len(data) > MAX_FILE_BYTES:
        raise ValidationError(gettext("Filen är större än 5 MB."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    if _BINARY.search(text[:4096]):  # an image or a document renamed to .csv
        raise ValidationError(NOT_EXCEL)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    try:
        return [
            [restore(cell.strip()) for cell in row]
            for row in csv.reader(io.StringIO(text), delimiter=delimiter)
        ]
    except csv.Error:  # a cell longer than csv's field limit (128 KB), or broken quoting
        raise ValidationError(
            gettext(
                "CSV-filen kunde inte läsas: en cell är för lång eller så stämmer inte "
                "citattecknen."
            )
        ) from None


def name_key(text: str) -> str:
    """`text` with its spaces run together and its case folded, to compare names by."""
    return _SPACES.sub(" ", text).strip().casefold()


def _column(name: Any) -> str:
    key = name_key(str(name or ""))
    return ALIASES.get(key, key)


def read_rows(data: bytes, filename: str) -> list[RawRow]:
    """The file's data rows; a ValidationError saying why when the file cannot be read."""
    name = (filename or "").lower()
    if data[:4] == b"PK\x03\x04":
        table = _read_xlsx(data)
    elif data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ValidationError(
            gettext(
                "Filen är i Excels äldre format (.xls). Spara den som .xlsx eller CSV och "
                "försök igen."
            )
        )
    elif name.endswith((".csv", ".txt")):
        table = _read_csv(data)
    else:
        raise ValidationError(NOT_EXCEL)
    if not table or not any(str(c) for c in table[0]):
        raise ValidationError(gettext("Filen är tom; första raden ska vara kolumnrubrikerna."))
    header = [_column(c) for c in table[0]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ValidationError(
            ngettext(
                "Kolumnerna %(missing)s saknas. Första raden ska ha rubrikerna %(columns)s.",
                "Kolumnerna %(missing)s saknas. Första raden ska ha rubrikerna %(columns)s.",
                len(missing),
            )
            % {"missing": ", ".join(missing), "columns": ", ".join(COLUMNS)}
        )
    if len(table) > MAX_ROWS + 1:
        raise ValidationError(
            gettext("Filen har fler än %(rows)s rader; dela upp den.")
            % {"rows": format_number(MAX_ROWS)}
        )
    position = {c: header.index(c) for c in COLUMNS if c in header}
    rows = []
    for number, cells in enumerate(table[1:], start=2):

        def cell(column: str, cells: list[Any] = cells) -> Any:
            i = position.get(column)
            return cells[i] if i is not None and i < len(cells) else ""

        values = {c: cell(c) for c in COLUMNS}
        if all(v == "" for v in values.values()):
            continue
        rows.append(
            RawRow(
                line=number,
                indicator=str(values["indikator"]).strip(),
                unit=str(values["enhet"]).strip(),
                period=str(values["period"]).strip(),
                value=values["värde"],
                comment=str(values["kommentar"]).strip(),
            )
        )
    return rows
