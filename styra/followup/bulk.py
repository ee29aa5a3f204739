"""Outcomes in bulk: read an Excel or CSV file, check every row, store them on confirmation.

The file has a header row with the columns indikator, enhet, period, värde
and kommentar (any order, case ignored; kommentar may be left out). The
column names are part of the file format and stay Swedish in every language;
the messages about the file and its rows are in the language of the request.

- indikator: the indicator's id, or its name exactly as written (spaces and
  case aside); a name is looked up among the indicators of the period's year
  that apply to the row's unit, and a name that still fits several is refused;
- enhet: a unit's name or its path ("Socialförvaltningen/Vuxenenheten");
- period: 2026T1, 2026T2, 2026VB (or a month, 2026M04, for monthly indicators);
- värde: a number ("87,5", "1 234", "87 %") or, for indicators without a
  measure, words as written; percent-formatted Excel cells count in percent.

Excel files are .xlsx, read with openpyxl in read-only mode (XML through
defusedxml) after a check of the zip container: its size, the size it
unpacks to and its number of entries, so a small file cannot unpack into
gigabytes. CSV files are UTF-8 or Windows-1252 with ; or , between columns.

Nothing is stored while checking. `outcomes_store` stores the accepted rows
in one transaction through `outcome_record`, so either every row is stored
or none is.
"""

import contextlib
import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext, gettext_lazy, ngettext

from styra.accounts.permissions import Action, can, visible_unit_ids
from styra.indicators.models import Indicator, Measure, Source, Target
from styra.lib import uploads
from styra.lib.numbers import format_number
from styra.lib.periods import Period, is_due
from styra.lib.spreadsheets import neutralise, restore
from styra.organisation.models import Kind, OrgUnit, UnitLookupError, resolve_unit

from .services import decided_reports, outcome_record, outcome_refusal, parse_outcome

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
# Measures whose outcome must be a number; an indicator without one may be reported in words.
NUMERIC = {Measure.PERCENT, Measure.COUNT, Measure.INDEX, Measure.KRONOR, Measure.DAYS}

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
        return self.value


@dataclass
class Accepted:
    raw: RawRow
    indicator: Indicator
    unit: OrgUnit
    period: Period
    number: Decimal | None
    text: str

    def to_payload(self) -> dict[str, Any]:
        return {
            "line": self.raw.line,
            "indicator": self.indicator.pk,
            "unit": self.unit.pk,
            "period": self.period.code,
            "number": None if self.number is None else str(self.number),
            "text": self.text,
            "comment": self.raw.comment,
        }


@dataclass
class Rejected:
    raw: RawRow
    reason: str


@dataclass
class Preview:
    accepted: list[Accepted] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)

    def payload(self) -> list[dict[str, Any]]:
        return [row.to_payload() for row in self.accepted]


# ---------------------------------------------------------------- reading


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


def _excel_value(cell) -> Any:
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


def _check_dimension(sheet) -> None:
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


def _column(name: Any) -> str:
    key = _SPACES.sub(" ", str(name or "")).strip().casefold()
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

        def cell(column: str, cells=cells) -> Any:
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


# ---------------------------------------------------------------- checking


def _name_key(text: str) -> str:
    return _SPACES.sub(" ", text).strip().casefold()


class _Lookups:
    """Everything the rows refer to, each looked up once however many rows repeat it."""

    def __init__(self, rows: list[RawRow], user) -> None:
        self.user = user
        self.units: dict[str, OrgUnit | str] = {}
        self.editable: dict[int, bool] = {}
        self.targets: dict[int, set[int]] = {}
        periods = set()
        for row in rows:
            with contextlib.suppress(ValueError):
                periods.add(Period.parse(row.period))
        years = {p.year for p in periods}
        ids = [int(r.indicator) for r in rows if r.indicator.isdigit()]
        indicators = Indicator.objects.select_related("goal__year").filter(
            pk__in=ids
        ) | Indicator.objects.select_related("goal__year").filter(goal__year__year__in=years)
        self.by_id = {}
        self.by_name: dict[tuple[int, str], list[Indicator]] = {}
        for indicator in indicators:
            self.by_id[indicator.pk] = indicator
            key = (indicator.goal.year.year, _name_key(indicator.name))
            self.by_name.setdefault(key, []).append(indicator)
        # Submitted and approved reports, by (unit, period): their outcomes are locked.
        self.decided = decided_reports([p.code for p in periods if not p.is_month])

    def unit(self, text: str) -> OrgUnit | str:
        """The unit, or the reason it cannot be used."""
        key = text.casefold()
        if key not in self.units:
            try:
                self.units[key] = resolve_unit(text)
            except UnitLookupError as exc:
                self.units[key] = (
                    gettext(
                        "Enheten %(name)s är tvetydig; ange sökvägen, till exempel "
                        "Förvaltningen/%(unit)s."
                    )
                    % {"name": repr(text), "unit": text}
                    if exc.ambiguous
                    else gettext("Okänd enhet: %(name)s.") % {"name": repr(text)}
                )
        return self.units[key]

    def may_edit(self, unit: OrgUnit) -> bool:
        if unit.pk not in self.editable:
            self.editable[unit.pk] = can(self.user, Action.EDIT, unit)
        return self.editable[unit.pk]

    def applies(self, indicator: Indicator, unit: OrgUnit) -> bool:
        """As in the unit's plan: the unit owns the indicator or has a target for it."""
        if unit.pk not in self.targets:
            self.targets[unit.pk] = set(
                Target.objects.filter(org_unit=unit).values_list("indicator_id", flat=True)
            )
        return indicator.owner_id == unit.pk or indicator.pk in self.targets[unit.pk]


def _due(indicator: Indicator, period: Period) -> bool:
    if period.is_month:
        return indicator.periodicity == "month"
    return is_due(indicator.periodicity, period)


def _indicator(row: RawRow, unit: OrgUnit, period: Period, found: _Lookups) -> Indicator | str:
    if not row.indicator:
        return gettext("Indikator saknas.")
    if row.indicator.isdigit():
        indicator = found.by_id.get(int(row.indicator))
        if indicator is None:
            return gettext("Okänd indikator: %(id)s.") % {"id": row.indicator}
        if indicator.goal.year.year != period.year:
            return gettext(
                "Indikatorn %(id)s hör till %(year)s, inte till perioden %(period)s."
            ) % {"id": row.indicator, "year": indicator.goal.year.year, "period": period.code}
        if not found.applies(indicator, unit):
            return gettext("Indikatorn gäller inte för %(unit)s.") % {"unit": unit.name}
        return indicator
    candidates = found.by_name.get((period.year, _name_key(row.indicator)), [])
    if not candidates:
        return gettext("Okänd indikator för %(year)s: %(name)s.") % {
            "year": period.year,
            "name": repr(row.indicator),
        }
    applicable = [i for i in candidates if found.applies(i, unit)]
    if not applicable:
        return gettext("Indikatorn gäller inte för %(unit)s.") % {"unit": unit.name}
    if len(applicable) > 1:
        ids = ", ".join(str(i.pk) for i in applicable)
        return gettext("Flera indikatorer heter så; ange id i stället (%(ids)s).") % {"ids": ids}
    return applicable[0]


def _value(row: RawRow, indicator: Indicator) -> tuple[Decimal | None, str] | str:
    number: Decimal | None
    if isinstance(row.value, Decimal):
        number, text = row.value, ""
    else:
        if not str(row.value).strip():
            return gettext("Värde saknas.")
        try:
            number, text = parse_outcome(str(row.value))
        except ValidationError as exc:
            return " ".join(exc.messages)
    if number is None and indicator.measure in NUMERIC:
        return gettext("Värdet %(value)s är inte ett tal.") % {"value": repr(row.shown_value)}
    if number is not None and abs(number) >= Decimal("1e12"):
        return gettext("Värdet är för stort.")
    return number, text


def _check(row: RawRow, found: _Lookups, seen: dict[tuple[int, int, str], int]) -> Accepted | str:
    try:
        period = Period.parse(row.period)
    except ValueError:
        return gettext(
            "Ogiltig period %(period)s; skriv till exempel 2026T1, 2026T2 eller 2026VB."
        ) % {"period": repr(row.period)}
    if not row.unit:
        return gettext("Enhet saknas.")
    unit = found.unit(row.unit)
    if isinstance(unit, str):
        return unit
    if not found.may_edit(unit):
        return gettext("Du har inte behörighet att rapportera för %(unit)s.") % {"unit": unit.name}
    indicator = _indicator(row, unit, period, found)
    if isinstance(indicator, str):
        return indicator
    if not _due(indicator, period):
        label = indicator.get_periodicity_display() or gettext("År")
        return gettext("Indikatorn redovisas inte i %(period)s (periodicitet %(periodicity)s).") % {
            "period": period.display_label,
            "periodicity": str(label).lower(),
        }
    value = _value(row, indicator)
    if isinstance(value, str):
        return value
    key = (indicator.pk, unit.pk, period.code)
    if key in seen:
        return gettext("Dubblett: samma indikator, enhet och period som rad %(line)s.") % {
            "line": seen[key]
        }
    seen[key] = row.line
    refusal = outcome_refusal(found.decided.get((unit.pk, period.code)), period)
    if refusal:
        return refusal
    return Accepted(row, indicator, unit, period, *value)


def check_rows(rows: list[RawRow], user) -> Preview:
    """Every row either accepted, with what would be stored, or rejected with the reason."""
    found, preview = _Lookups(rows, user), Preview()
    seen: dict[tuple[int, int, str], int] = {}
    for row in rows:
        result = _check(row, found, seen)
        if isinstance(result, str):
            preview.rejected.append(Rejected(row, result))
        else:
            preview.accepted.append(result)
    return preview


# ---------------------------------------------------------------- storing


@transaction.atomic
def outcomes_store(*, rows: list[dict[str, Any]], user) -> int:
    """Store the previewed rows, all or none; the rules are checked again as they are stored."""
    indicators = Indicator.objects.in_bulk([r["indicator"] for r in rows])
    units = OrgUnit.objects.in_bulk([r["unit"] for r in rows])
    for row in rows:
        indicator, unit = indicators.get(row["indicator"]), units.get(row["unit"])
        line = row["line"]
        if indicator is None or unit is None:
            raise ValidationError(
                gettext("Rad %(line)s: indikatorn eller enheten finns inte längre.")
                % {"line": line}
            )
        if not can(user, Action.EDIT, unit):
            raise ValidationError(
                gettext("Rad %(line)s: du har inte behörighet att rapportera för %(unit)s.")
                % {"line": line, "unit": unit}
            )
        try:
            number = None if row["number"] is None else Decimal(row["number"])
        except InvalidOperation:
            raise ValidationError(
                gettext("Rad %(line)s: värdet är inte ett tal.") % {"line": line}
            ) from None
        try:
            outcome_record(
                indicator=indicator,
                org_unit=unit,
                period=row["period"],
                value=number if number is not None else row["text"],
                comment=row["comment"],
                source=Source.UPLOAD,
                by=user,
            )
        except ValidationError as exc:
            raise ValidationError(
                gettext("Rad %(line)s: %(reason)s")
                % {"line": line, "reason": " ".join(exc.messages)}
            ) from None
    return len(rows)


# ---------------------------------------------------------------- template


def template_rows(user, period: Period) -> list[tuple[str, str]]:
    """(indicator name, unit path) for every indicator due in the period in units the user edits."""
    editable = visible_unit_ids(user, Action.EDIT)
    paths = {
        node.pk: path
        for path, node in OrgUnit.objects.by_path().items()
        if node.pk in editable and node.kind in (Kind.UNIT, Kind.GROUP)
    }
    pairs = set(
        Target.objects.filter(
            org_unit_id__in=paths, indicator__goal__year__year=period.year
        ).values_list("indicator_id", "org_unit_id")
    )
    pairs |= set(
        Indicator.objects.filter(owner_id__in=paths, goal__year__year=period.year).values_list(
            "pk", "owner_id"
        )
    )
    indicators = Indicator.objects.in_bulk({i for i, _ in pairs})
    rows = [(indicators[i].name, paths[u]) for i, u in pairs if _due(indicators[i], period)]
    return sorted(rows, key=lambda r: (r[1].casefold(), r[0].casefold()))[:MAX_ROWS]


def template_xlsx(user, period: Period) -> bytes:
    """An Excel file to fill in: the columns, and a row per indicator the user reports."""
    import xlsxwriter

    buffer = io.BytesIO()
    # Names are written as text, never as formulas, whatever they start with, and a
    # name a spreadsheet could take for a formula is quoted like in every other export
    # (it still is one once the sheet is saved as CSV); read_rows() takes the quote off.
    workbook = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    sheet = workbook.add_worksheet(gettext("Utfall"))
    bold = workbook.add_format({"bold": True})
    sheet.write_row(0, 0, COLUMNS, bold)
    for number, (name, unit) in enumerate(template_rows(user, period), start=1):
        sheet.write_string(number, 0, neutralise(name))
        sheet.write_string(number, 1, neutralise(unit))
        sheet.write_string(number, 2, neutralise(period.code))
    sheet.set_column(0, 0, 60)
    sheet.set_column(1, 1, 45)
    sheet.set_column(2, 3, 10)
    sheet.set_column(4, 4, 50)
    sheet.freeze_panes(1, 0)
    # The instructions are in the user's language; the column names they explain are not.
    help_sheet = workbook.add_worksheet(gettext("Instruktioner"))
    for number, text in enumerate(
        [
            gettext("Fyll i värde (och gärna kommentar) på varje rad och ladda upp filen i Styra."),
            gettext("indikator: indikatorns namn som i planen, eller dess id."),
            gettext("enhet: enhetens namn eller sökväg i organisationen."),
            gettext("period: till exempel 2026T1, 2026T2 eller 2026VB."),
            gettext("värde: ett tal, till exempel 87,5. Procent kan skrivas 87,5 %."),
            gettext("Inget sparas förrän du har sett förhandsgranskningen och bekräftat."),
        ]
    ):
        help_sheet.write_string(number, 0, neutralise(text))
    help_sheet.set_column(0, 0, 90)
    workbook.close()
    return buffer.getvalue()
