"""From lines to a schema-valid styra-plan/1 dict, with fallbacks and warnings."""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from typing import Any

import jsonschema
from django.utils.translation import gettext

from . import budget, columnwise, furniture, header, tables, vocab
from . import lines as lines_mod
from .blocks import Line, Para
from .chain import Chain

# The unit name stored in the plan when the document has none: data, so always Swedish.
UNKNOWN_UNIT = "Okänd enhet"
_RUNNING_TITLE_RE = re.compile(r"^verksamhetsplan(?:en)?(?:\s+\d{4})?$", re.IGNORECASE)
_UNIT_FIELD_RE = re.compile(r"^\s*enhet\s*:\s*(\S.{0,80})$", re.IGNORECASE)


@functools.cache
def schema_validator() -> jsonschema.protocols.Validator:
    text = resources.files(__package__).joinpath("plan.schema.json").read_text("utf-8")
    schema = json.loads(text)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@dataclass
class Built:
    """A document read: the interchange dict, and what the preview shows beside it that
    styra-plan/1 has no place for."""

    plan: dict[str, Any]
    sources: list[Sources]  # the pages each goal came from
    phone: str | None  # the officer's telephone in the header block


def build_plan(lines: list[Line], warnings: list[str]) -> Built:
    """Parse lines of any source into the interchange dict."""
    lines = header.unfold_columns(lines_mod.drop_toc(lines))
    front = header.parse_front(lines)
    lines = furniture.drop_furniture(lines, front.end)
    body = [
        ln
        for ln in lines[front.end :]
        if ln.cells is not None or not _RUNNING_TITLE_RE.match(ln.text)
    ]
    blocks = lines_mod.group(columnwise.rewrite(body))
    marked = sum(1 for b in blocks if isinstance(b, Para) and (b.heading or b.bold)) >= 3
    chain = Chain(unit=front.unit, marked=marked)
    chain.feed(blocks)
    warnings.extend(chain.warnings)
    unit = front.unit or _unit_field(lines)
    if not unit:
        warnings.append(
            gettext("Enhetens namn hittades inte; ”%(unit)s” används.") % {"unit": UNKNOWN_UNIT}
        )
        unit = UNKNOWN_UNIT
    year = front.year or _plan_year(chain, lines, warnings)
    plan: dict[str, Any] = {
        "format": "styra-plan/1",
        "unit": unit,
        "year": year,
        "addressee": front.addressee,
        "officer": front.officer,
        "sections": [_section(s) for s in chain.sections],
        "goals": [_goal(g) for g in chain.goals],
        "budget": _budget(chain, lines, warnings),
        "appendices": _unique([a for a in chain.appendices if a]),
    }
    if not chain.goals:
        warnings.append(
            gettext("Ingen målkedja (inriktningsmål, nämndmål, åtaganden) hittades i dokumentet.")
        )
    return Built(plan, [_sources(g, chain.pages) for g in chain.goals], front.phone)


def _unit_field(lines: list[Line]) -> str | None:
    for ln in lines:
        text = ln.text if ln.cells is None else ": ".join(c for c in ln.cells if c)
        if m := _UNIT_FIELD_RE.match(text.replace(" :", ":")):
            return m.group(1).strip()
    return None


# The plan's year as plans name it: "Verksamhetsplan 2026", "verksamhetsplanen för 2026",
# "för 2026", "verksamhetsåret 2026". Never a year in a registration number ("Dnr
# 2025/123"), a date ("2025-12-10", "10 december 2025") or the clock: a plan is written the
# year before it runs and decided at a meeting dated then.
_YEAR_PHRASE_RE = re.compile(
    r"\b(?:verksamhetsplan(?:en)?(?:\s+för)?|verksamhetsåret|budgetåret|för\s+år(?:et)?|för)"
    r"\s+((?:199|20\d)\d)(?![\d/\-–.])",
    re.IGNORECASE,
)


def _plan_year(chain: Chain, lines: list[Line], warnings: list[str]) -> int | None:
    """The year when the title does not give it: the budget table's heading ("Budget 2026"),
    else the phrases above in the first lines, else "Verksamhetsplan YYYY" anywhere. None,
    with a warning, when the document does not say: the preview asks for the year."""
    if chain.budget_years:
        return chain.budget_years[0]
    head = " ".join(ln.text for ln in lines[:40] if not ln.blank)
    if m := _YEAR_PHRASE_RE.search(head):
        return int(m.group(1))
    named = Counter(
        int(m.group(1))
        for ln in lines
        for m in _YEAR_PHRASE_RE.finditer(ln.text)
        if m.group(0).lower().startswith("verksamhetsplan")
    )
    if named:
        return named.most_common(1)[0][0]
    warnings.append(
        gettext(
            "Planens år står inte i dokumentet (som ”Verksamhetsplan 2026” eller ”för 2026”). "
            "Ange året innan planen sparas."
        )
    )
    return None


def _budget(chain: Chain, lines: list[Line], warnings: list[str]) -> dict[str, Any] | None:
    if not chain.budgets:
        return None
    if len(chain.budgets) > 1:
        warnings.append(gettext("Dokumentet har flera budgettabeller; den första lästes in."))
    first = chain.budgets[0]
    document = " ".join(ln.text for ln in lines[:20000])
    unit = budget.currency_unit(first.header, first.context, document, first.rows)
    return {"currency_unit": unit, "rows": first.rows}


def _text(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def _section(section: dict[str, str]) -> dict[str, str]:
    return {"heading": section["heading"].strip(), "text": section["text"].strip()}


def _goal(goal: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "level": goal["level"],
        "number": goal["number"],
        "title": goal["title"].strip() or "(utan rubrik)",  # data: stored as the goal's title
    }
    for key in (
        "description",
        "expected_result",
        "method",
        "resources",
        "follow_up",
        "development",
    ):
        out[key] = _text(goal.get(key))
    out["indicators"] = [
        {
            "name": i["name"],
            "target": i.get("target"),
            "city_target": i.get("city_target"),
            "period": i.get("period"),
        }
        for i in goal["indicators"]
        if i.get("name")
    ]
    out["activities"] = [
        {
            "name": a["name"],
            "start": tables.iso_date(a.get("start")),
            "end": tables.iso_date(a.get("end")),
        }
        for a in goal["activities"]
        if a.get("name")
    ]
    out["children"] = [_goal(c) for c in goal["children"]]
    return out


@dataclass
class Sources:
    """The pages (numbered from 1) a goal of the plan was read from, its indicators' and
    activities' in the plan's order, and its children's: what the preview shows beside
    each part of a PDF."""

    pages: tuple[int, int]
    indicators: list[tuple[int, int]]
    activities: list[tuple[int, int]]
    children: list[Sources]

    def as_data(self) -> dict[str, Any]:
        """As JSON holds it: for the preview's signed form, to show again after a refusal."""
        return {
            "pages": list(self.pages),
            "indicators": [list(p) for p in self.indicators],
            "activities": [list(p) for p in self.activities],
            "children": [c.as_data() for c in self.children],
        }

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Sources:
        def span(pair: list[int]) -> tuple[int, int]:
            return int(pair[0]), int(pair[1])

        return cls(
            pages=span(data["pages"]),
            indicators=[span(p) for p in data["indicators"]],
            activities=[span(p) for p in data["activities"]],
            children=[cls.from_data(c) for c in data["children"]],
        )


def _sources(goal: dict[str, Any], pages: dict[int, tuple[int, int]]) -> Sources:
    """As _goal reads the goal: the same parts in the same order."""

    def of(part: dict[str, Any]) -> tuple[int, int]:
        first, last = pages.get(id(part), (0, 0))
        return first + 1, last + 1

    return Sources(
        pages=of(goal),
        indicators=[of(i) for i in goal["indicators"] if i.get("name")],
        activities=[of(a) for a in goal["activities"] if a.get("name")],
        children=[_sources(c, pages) for c in goal["children"]],
    )


def _unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        key = vocab.fold(item)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def validate(plan: dict[str, Any]) -> list[str]:
    """Schema errors as short messages (empty when the plan is valid)."""
    return [e.message for e in schema_validator().iter_errors(plan)][:5]
