"""A control plan's rows read into processes, risks and controls, with what could not be.

One reading for every kind of file: each row's cells by role (table.py). A process cell
left empty (a merged cell) goes on with the process above; a row without a risk is another
control of the risk above; a table of controls without an assessment (a plan's second
table) names its risks by title and its controls go to them. Probability and consequence
are read as digits or in their column's scale of words (words.py); a risk value alone is
kept out of the assessment (a value of 6 may be 2 × 3 or 3 × 2) and said so, as is a value
that is not probability × consequence. A risk with a control is selected into the plan;
a high risk without one is left out and the reader asks for the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext, ngettext

from styra.internal_control.models import HIGH_FROM

from . import columns, words
from .build import ControlData, ProcessData, RiskData
from .table import Table

# What a process, risk or control is stored as at most (the schema's lengths).
_TITLE_MAX = {"process": 300, "risk": 500}
_FIELD_MAX = {"what": 5000, "method": 5000, "scope": 300, "frequency": 100, "responsible": 200}
# The process a risk goes under when the document names none.
NO_PROCESS = "Process saknas"
_QUOTE_MAX = 80


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def _quote(text: str) -> str:
    return text if len(text) <= _QUOTE_MAX else text[: _QUOTE_MAX - 1].rstrip() + "…"


@dataclass
class _Risk:
    data: RiskData
    value: int | None = None  # the document's own risk value, if it has the column
    pages: tuple[int, int] = (0, 0)


@dataclass
class _Process:
    title: str
    risks: list[_Risk] = field(default_factory=list)
    pages: tuple[int, int] = (0, 0)


@dataclass
class Read:
    processes: list[ProcessData]
    pages: list[tuple[int, int]]  # each process's first and last page
    warnings: list[str]


class _Reader:
    def __init__(self) -> None:
        self.processes: list[_Process] = []
        self.by_title: dict[str, _Process] = {}
        self.risks: dict[str, _Risk] = {}
        self.warnings: list[str] = []
        self.unknown_words: dict[str, list[str]] = {"probability": [], "consequence": []}
        self.no_when = 0
        self.unknown_when: list[str] = []
        self.orphans = 0
        self.no_what = 0

    def process(self, title: str, pages: tuple[int, int]) -> _Process:
        title = title[: _TITLE_MAX["process"]]
        key = _fold(title)
        found = self.by_title.get(key)
        if found is None:
            found = _Process(title, pages=pages)
            self.by_title[key] = found
            self.processes.append(found)
        found.pages = (min(found.pages[0], pages[0]), max(found.pages[1], pages[1]))
        return found

    def read(self, table: Table) -> None:
        named = table.named
        assessed = bool(named & set(columns.ASSESSMENT_ROLES))
        scales = {
            "probability": words.choose(
                words.PROBABILITY_SCALES, (r.cells.get("probability", "") for r in table.rows)
            ),
            "consequence": words.choose(
                words.CONSEQUENCE_SCALES, (r.cells.get("consequence", "") for r in table.rows)
            ),
        }
        process: _Process | None = None
        risk: _Risk | None = None
        for row in table.rows:
            cells = row.cells
            if columns.PROCESS in cells:
                before = process
                process = self.process(cells[columns.PROCESS], row.pages)
                if process is not before:
                    risk = None  # a new process's controls start with its first risk
                if columns.RISK not in cells and not (cells.keys() & set(columns.CONTROL_ROLES)):
                    risk = None  # a process's own row (a heading across the table)
                    continue
            if columns.RISK in cells:
                title = cells[columns.RISK][: _TITLE_MAX["risk"]]
                known = self.risks.get(_fold(title))
                if known is not None and not assessed:
                    risk = known  # a control table naming a risk of the risk table
                else:
                    if process is None:
                        process = self.process(NO_PROCESS, row.pages)
                    risk = _Risk({"title": title, "controls": []}, pages=row.pages)
                    self._assess(risk, cells, scales)
                    process.risks.append(risk)
                    self.risks.setdefault(_fold(title), risk)
            control = self._control(cells)
            if control is None:
                continue
            if risk is None:
                self.orphans += 1
                continue
            risk.data.setdefault("controls", []).append(control)

    def _assess(self, risk: _Risk, cells: dict[str, str], scales: dict[str, words.Scale]) -> None:
        for role, all_scales in (
            ("probability", words.PROBABILITY_SCALES),
            ("consequence", words.CONSEQUENCE_SCALES),
        ):
            text = cells.get(role, "")
            step, understood = words.assessment(text, scales[role], all_scales)
            if not understood:
                self.unknown_words[role].append(text)
            risk.data[role] = step  # type: ignore[literal-required]
        if columns.VALUE in cells:
            risk.value = words.risk_value(cells[columns.VALUE])

    def _control(self, cells: dict[str, str]) -> ControlData | None:
        fields = {role: cells.get(role, "") for role in columns.CONTROL_ROLES}
        if not any(fields.values()):
            return None
        what = fields["what"]
        if not what:
            self.no_what += 1
            return None
        when = fields["when"]
        parts = words.reported_in(when) if when else None
        if parts is None:
            if when:
                self.unknown_when.append(when)
            else:
                self.no_when += 1
            parts = ["VB"]
        return {
            "what": what[: _FIELD_MAX["what"]],
            "method": fields["method"][: _FIELD_MAX["method"]],
            "scope": fields["scope"][: _FIELD_MAX["scope"]],
            "frequency": fields["frequency"][: _FIELD_MAX["frequency"]],
            "responsible": fields["responsible"][: _FIELD_MAX["responsible"]],
            "reported_in": parts,
        }

    def finish(self, tables: list[Table]) -> Read:
        named = {r for t in tables for r in t.named}
        if columns.VALUE in named and not {columns.PROBABILITY, columns.CONSEQUENCE} <= named:
            self.warnings.append(
                gettext(
                    "Dokumentet anger riskvärde men inte sannolikhet och konsekvens var för sig. "
                    "Riskerna har lästs in utan bedömning: bedöm sannolikhet och konsekvens för "
                    "varje risk."
                )
            )
        messages = {
            "probability": gettext(
                "Orden för sannolikhet känns inte igen och har lämnats tomma: %(words)s."
            ),
            "consequence": gettext(
                "Orden för konsekvens känns inte igen och har lämnats tomma: %(words)s."
            ),
        }
        for role, message in messages.items():
            unknown = sorted(set(self.unknown_words[role]))
            if unknown:
                self.warnings.append(
                    message % {"words": ", ".join(f"”{_quote(w)}”" for w in unknown[:10])}
                )
        out: list[ProcessData] = []
        for process in self.processes:
            for risk in process.risks:
                self._settle(risk)
            out.append({"title": process.title, "risks": [r.data for r in process.risks]})
        self._counted_warnings()
        return Read(
            [p for p in out if p["risks"]],
            [p.pages for p in self.processes if p.risks],
            self.warnings,
        )

    def _settle(self, risk: _Risk) -> None:
        data = risk.data
        title = _quote(data["title"])
        p, c = data.get("probability"), data.get("consequence")
        value = p * c if p is not None and c is not None else None
        if risk.value is not None and value is not None and risk.value != value:
            self.warnings.append(
                gettext(
                    "Risken ”%(risk)s” har riskvärdet %(written)s i dokumentet men "
                    "sannolikhet × konsekvens är %(value)s; Styra räknar med %(value)s."
                )
                % {"risk": title, "written": risk.value, "value": value}
            )
        controls = data.get("controls") or []
        data["selected"] = bool(controls) and value is not None
        if controls and value is None:
            self.warnings.append(
                gettext(
                    "Risken ”%(risk)s” har kontrollmoment men saknar bedömning och är inte med i "
                    "kontrollplanen: bedöm sannolikhet och konsekvens och ta med den."
                )
                % {"risk": title}
            )
        elif not controls and value is not None and value >= HIGH_FROM:
            self.warnings.append(
                gettext(
                    "Risken ”%(risk)s” har högt riskvärde (%(value)s) men inget kontrollmoment "
                    "och är inte med i kontrollplanen: ange skälet till det, eller lägg till "
                    "kontrollmoment."
                )
                % {"risk": title, "value": value}
            )

    def _counted_warnings(self) -> None:
        if self.no_when:
            self.warnings.append(
                ngettext(
                    "%(count)d kontrollmoment anger inte när det rapporteras; det rapporteras i "
                    "verksamhetsberättelsen (VB) tills du ändrar det.",
                    "%(count)d kontrollmoment anger inte när de rapporteras; de rapporteras i "
                    "verksamhetsberättelsen (VB) tills du ändrar det.",
                    self.no_when,
                )
                % {"count": self.no_when}
            )
        if self.unknown_when:
            unknown = sorted(set(self.unknown_when))
            self.warnings.append(
                gettext(
                    "När kontrollen rapporteras känns inte igen i %(words)s; de kontrollmomenten "
                    "rapporteras i verksamhetsberättelsen (VB) tills du ändrar det."
                )
                % {"words": ", ".join(f"”{_quote(w)}”" for w in unknown[:10])}
            )
        if self.orphans:
            self.warnings.append(
                ngettext(
                    "%(count)d kontrollmoment står före första risken och har inte lästs in.",
                    "%(count)d kontrollmoment står före första risken och har inte lästs in.",
                    self.orphans,
                )
                % {"count": self.orphans}
            )
        if self.no_what:
            self.warnings.append(
                ngettext(
                    "%(count)d rad har uppgifter om en kontroll men inget kontrollmoment och har "
                    "inte lästs in.",
                    "%(count)d rader har uppgifter om en kontroll men inget kontrollmoment och "
                    "har inte lästs in.",
                    self.no_what,
                )
                % {"count": self.no_what}
            )


def read_tables(tables: list[Table]) -> Read:
    reader = _Reader()
    for table in tables:
        reader.read(table)
    return reader.finish(tables)
