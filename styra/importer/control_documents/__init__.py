"""An existing internal control plan document (Word, PDF, text) read into styra-internal-control/1.

    reading = read_control_plan(data, filename="internkontrollplan.pdf")
    reading.data      # a valid styra-internal-control/1 dict: a draft, no results
    reading.warnings  # in the active language: what could not be read, what to check
    reading.pages     # the first and last page each process came from (PDFs, paged text)

Plans are tables of process / risk / probability / consequence / (risk value) / control /
method / scope / frequency / responsible / when, in one table or a risk table and a
control table, their columns in any order and named in many words. The file becomes the
plan importer's lines (source.py), its tables are found by their headers (table.py,
columns.py), and one reading turns their rows into processes, risks and controls
(plan.py, words.py); the dict is shaped as internal control exports it (build.py). The
plan's year comes from "Internkontrollplan 2026" or "… för 2026" (never from a dnr or a
date), the node's name from the title when it names one.

A file that cannot be read, or holds no control plan table, raises ValidationError with
a Swedish message; nothing is guessed into a plan that is not there.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from styra.importer.legacy.detect import Unreadable

from .build import plan_dict
from .plan import read_tables
from .source import document_lines
from .stream import find_streamed
from .table import find_tables

__all__ = ["ControlReading", "answer_read_document", "read_control_plan"]

logger = logging.getLogger(__name__)

# Processes, risks and controls a document may turn into: a large plan has some hundred.
MAX_OBJECTS = 20_000


@dataclass(frozen=True)
class ControlReading:
    data: dict[str, Any]
    warnings: list[str] = field(default_factory=list)
    # Per process, in the dict's order: its first and last page (1-based); empty when the
    # file has no pages (Word, text without page breaks).
    pages: list[tuple[int, int]] = field(default_factory=list)


def read_control_plan(data: bytes, *, filename: str) -> ControlReading:
    """Read a control plan document; ValidationError (a message for the user) if it is none."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise ValidationError(gettext("Filen kunde inte läsas."))
    try:
        return _read(bytes(data), filename)
    except Unreadable as exc:
        raise ValidationError(str(exc)) from None
    except ValidationError:
        raise
    except RecursionError:
        raise ValidationError(gettext("Dokumentet är för komplext för att läsas in.")) from None
    except Exception:
        logger.exception("control plan import failed on %s", filename)
        raise ValidationError(
            gettext(
                "Dokumentet kunde inte tolkas. Kontrollera att det är en internkontrollplan i "
                "Word-, PDF- eller textformat."
            )
        ) from None


def _read(data: bytes, filename: str) -> ControlReading:
    document = document_lines(data, filename)
    found = find_tables(document.lines)
    if not found.tables:
        found = find_streamed(document.lines)  # a text that keeps no columns
    if not found.tables:
        raise ValidationError(
            gettext(
                "Dokumentet innehåller ingen tabell som ser ut som en internkontrollplan. Planen "
                "ska ha en tabell med kolumner som Process, Risk, Sannolikhet, Konsekvens, "
                "Kontrollmoment, Ansvarig och Rapportering."
            )
        )
    if sum(len(t.rows) for t in found.tables) > MAX_OBJECTS:
        raise ValidationError(
            gettext("Dokumentet har fler rader än någon internkontrollplan och kan inte läsas in.")
        )
    read = read_tables(found.tables)
    if not read.processes:
        raise ValidationError(
            gettext(
                "Tabellen i dokumentet har rubriker som en internkontrollplan men inga risker "
                "under dem."
            )
        )
    warnings = [*document.warnings]
    unknown = sorted({t for table in found.tables for t in table.unknown})
    if unknown:
        warnings.append(
            gettext("Kolumnerna %(columns)s känns inte igen och har inte lästs in.")
            % {"columns": ", ".join(f"”{c[:60]}”" for c in unknown[:10])}
        )
    year, unit = title_of(found.text)
    if year is None:
        year = dt.date.today().year
        warnings.append(
            gettext(
                "Dokumentet anger inte vilket år planen gäller (som ”Internkontrollplan "
                "%(year)s”); året har satts till %(year)s. Kontrollera det."
            )
            % {"year": year}
        )
    warnings += read.warnings
    return ControlReading(
        data=plan_dict(year=year, unit=unit, processes=read.processes),
        warnings=warnings,
        pages=[(a + 1, b + 1) for a, b in read.pages] if document.paged else [],
    )


_YEAR = r"((?:19|20)\d\d)(?![\d/-])"
# "Internkontrollplan 2026", "Internkontrollplan för 2026", "Plan för intern kontroll 2026",
# "internkontrollplan för år 2026".
_TITLE_RES = (
    re.compile(rf"intern\s*-?\s*kontrollplan(?:en)?\s*(?:för\s+)?(?:år\s+)?{_YEAR}", re.I),
    re.compile(rf"plan\s+för\s+(?:den\s+)?intern(?:a)?\s+kontroll(?:en)?\s*(?:för\s+)?(?:år\s+)?{_YEAR}", re.I),  # noqa: E501
    re.compile(rf"intern\s*kontroll\w*\b.{{0,40}}?\bför\s+(?:år\s+)?{_YEAR}", re.I),
)  # fmt: skip
_NODE_RE = re.compile(
    r"\b([A-ZÅÄÖ][\w-]*(?:\s+[\w-]+){0,4}?(?:nämnd|nämnden|styrelse|styrelsen|förvaltning|"
    r"förvaltningen|enhet|enheten|kontor|kontoret|utskott|utskottet))s?\b"
)
_NODE_FIELD_RE = re.compile(r"^\s*(?:nämnd|enhet|förvaltning|styrelse)\s*:\s*(\S.{0,120})$", re.I)


def title_of(text: list[str]) -> tuple[int | None, str]:
    """The plan's year and the node its title names ("" when none) from the lines outside
    its tables, the first title line that names a year."""
    year: int | None = None
    unit = ""
    for line in text[:2000]:
        if (field_match := _NODE_FIELD_RE.match(line)) and not unit:
            unit = field_match.group(1).strip()
        if year is not None:
            continue
        for rx in _TITLE_RES:
            if m := rx.search(line):
                year = int(m.group(1))
                rest = (line[: m.start()] + " " + line[m.end() :]).strip()
                if not unit and (node := _NODE_RE.search(rest)):
                    unit = node.group(1)
                break
        if year is not None and unit:
            break
    return year, unit[:200]


def answer_read_document(content: bytes, filename: str) -> tuple[dict[str, Any], list[str]]:
    """Internal control's question (`interchange.reading.read_document`): the document's
    dict and the reading's warnings."""
    reading = read_control_plan(content, filename=filename)
    return reading.data, list(reading.warnings)
