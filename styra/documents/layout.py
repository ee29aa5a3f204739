"""The content of a rendered plan, in reading order, independent of the output format.

The PDF and the Word renderer both draw this same list of blocks, so the two
documents always say the same things in the same order; each renderer only
decides how a heading, a paragraph, a list or a table looks.
"""

import re
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from styra.lib.dates import long_date
from styra.lib.narrative import blocks as narrative_blocks
from styra.lib.numbers import format_number
from styra.lib.outline import (
    APPENDICES,
    BUDGET,
    CHAIN,
    CLOSING,
    GUARANTEES,
    INTRO,
    NOTHING_FOR_UNIT,
    PARTS,
    nothing_for_unit,
    shown,
)

from .meta import PlanMeta

LEVEL_LABELS = {
    "direction": "KF:s inriktningsmål:",
    "area": "KF:s mål för verksamhetsområdet:",
    "board": "Nämndmål:",
}

NARRATIVE_FIELDS = (
    ("description", "Beskrivning"),
    ("expected_result", "Förväntat resultat"),
    ("method", "Arbetssätt"),
    ("resources", "Resursanvändning"),
    ("follow_up", "Uppföljning"),
    ("development", "Utveckling"),
)

BUDGET_COLUMNS = (("costs", "Kostnader"), ("revenues", "Intäkter"), ("net", "Netto"))

TOC_DEPTH = 3
MAX_HEADING_LEVEL = 6

# Control characters are not allowed in Word's XML and mean nothing in print.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    label: str = ""  # the goal-chain level printed before the heading, e.g. "Nämndmål:"
    # "field" marks a narrative sub-heading (Arbetssätt …), drawn alike at any depth.
    role: str = "section"
    kind: str = field(default="heading", init=False)


@dataclass(frozen=True)
class Paragraph:
    text: str
    kind: str = field(default="paragraph", init=False)


@dataclass(frozen=True)
class ListItem:
    marker: str
    text: str


@dataclass(frozen=True)
class ListBlock:
    ordered: bool
    items: list[ListItem]
    numbering: str = ""  # Typst's pattern for ordered lists: "1.", "1)", "a)", "A)"
    start: int = 1
    kind: str = field(default="list", init=False)


@dataclass(frozen=True)
class Column:
    title: str
    width: float  # relative share of the text width
    align: str = "left"  # "left" or "right"


@dataclass(frozen=True)
class Row:
    cells: list[str]
    bold: bool = False


@dataclass(frozen=True)
class Table:
    columns: list[Column]
    rows: list[Row]
    kind: str = field(default="table", init=False)


@dataclass(frozen=True)
class PageBreak:
    kind: str = field(default="break", init=False)


@dataclass(frozen=True)
class MatrixCell:
    level: str  # "low", "medium", "high", "very_high": the renderer's colour for it
    label: str  # the level in words, printed in the cell so colour is never alone
    count: int


@dataclass(frozen=True)
class Matrix:
    """A risk matrix as a drawing: rows top to bottom, columns left to right.

    It is drawn for the eye; the same counts follow it as a Table for screen readers,
    so the PDF marks the drawing as an artifact.
    """

    rows: list[list[MatrixCell]]
    row_labels: list[str]
    column_labels: list[str]
    row_title: str
    column_title: str
    kind: str = field(default="matrix", init=False)


Block = Heading | Paragraph | ListBlock | Table | PageBreak | Matrix


@dataclass(frozen=True)
class DocumentLayout:
    title: str  # "Verksamhetsplan 2014"
    unit: str
    doc_title: str  # the title in the file's metadata
    organisation: str
    officer: str
    phone: str
    addressee: str
    meeting: str  # "Sammanträde: 17 december 2013" when the addressee lacks it, or empty
    draft: bool
    blocks: list[Block]
    note: str = ""  # a line under the title, e.g. a report's cut-off date and decision
    # On A4 turned sideways, for tables of many columns (an internal control plan's).
    landscape: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def toc_entries(self) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading) and b.level <= TOC_DEPTH]


def clean(value: Any) -> str:
    return _CONTROL.sub("", str(value or "")).strip()


def meeting_line(addressee: str, meeting_date: date | None) -> str:
    """ "Sammanträde: 17 december 2013", unless the addressee already names that date.

    The addressee is printed as the plan has it ("Östermalms stadsdelsnämnd,
    sammanträde 2013-12-17"), so the date is added only where it would be missing.
    """
    if meeting_date is None:
        return ""
    folded = addressee.casefold()
    if meeting_date.isoformat() in folded or long_date(meeting_date) in folded:
        return ""
    return f"Sammanträde: {long_date(meeting_date)}"


def text_blocks(text: str | None) -> list[Block]:
    result: list[Block] = []
    for block in narrative_blocks(clean(text)):
        if block.kind == "p":
            result.append(Paragraph(block.text))
        else:
            items = [ListItem(block.marker(i), item) for i, item in enumerate(block.items)]
            numbering = f"{block.numbering}{block.suffix}"
            result.append(
                ListBlock(block.kind == "ol", items, numbering=numbering, start=block.start)
            )
    return result


def section_blocks(sections: list[dict[str, Any]]) -> list[Block]:
    """A part's sections as the outline has them; a bare heading is left out."""
    result: list[Block] = []
    for entry in shown(
        sections, heading=lambda s: clean(s.get("heading")), text=lambda s: clean(s.get("text"))
    ):
        heading = clean(entry.section.get("heading"))
        if heading:
            result.append(Heading(entry.level, heading))
        result.extend(text_blocks(entry.section.get("text")))
    return result


def goal_blocks(node: dict[str, Any], depth: int, meta: PlanMeta) -> list[Block]:
    level = min(depth + 1, MAX_HEADING_LEVEL)
    label = LEVEL_LABELS.get(node.get("level", ""), f"{meta.unit_goal_label}:")
    title = " ".join(part for part in (clean(node.get("number")), clean(node.get("title"))) if part)
    result: list[Block] = [Heading(level, title, label=label, role="goal")]
    for key, heading in NARRATIVE_FIELDS:
        body = text_blocks(node.get(key))
        if body:
            result.append(Heading(min(level + 1, MAX_HEADING_LEVEL), heading, role="field"))
            result.extend(body)
    if node.get("indicators"):
        result.append(indicator_table(node["indicators"]))
    if node.get("activities"):
        result.append(activity_table(node["activities"]))
    if nothing_for_unit(
        node.get("level", ""),
        indicators=node.get("indicators"),
        activities=node.get("activities"),
        children=node.get("children"),
    ):
        result.append(Paragraph(NOTHING_FOR_UNIT))
    for child in node.get("children") or []:
        result.extend(goal_blocks(child, depth + 1, meta))
    return result


def indicator_table(indicators: list[dict[str, Any]]) -> Table:
    columns = [
        Column("Indikator", 5.0),
        Column("Årsmål", 1.3),
        Column("KF:s årsmål", 1.6),
        Column("Periodicitet", 1.4),
    ]
    rows = [
        Row([clean(i.get(key)) for key in ("name", "target", "city_target", "period")])
        for i in indicators
    ]
    return Table(columns, rows)


def activity_table(activities: list[dict[str, Any]]) -> Table:
    columns = [Column("Aktivitet", 5.6), Column("Startdatum", 1.35), Column("Slutdatum", 1.35)]
    rows = [
        Row([clean(a.get("name")), iso_date(a.get("start")), iso_date(a.get("end"))])
        for a in activities
    ]
    return Table(columns, rows)


def iso_date(value: Any) -> str:
    """Dates are shown as ISO dates; anything else the plan says is kept as written."""
    text = clean(value)
    try:
        return date.fromisoformat(text[:10]).isoformat() if len(text) >= 10 else text
    except ValueError:
        return text


def budget_table(budget: dict[str, Any]) -> Table | None:
    rows = budget.get("rows") or []
    unit = clean(budget.get("currency_unit")) or "tkr"
    used = [
        (key, name) for key, name in BUDGET_COLUMNS if any(r.get(key) is not None for r in rows)
    ]
    if not rows or not used:
        return None
    # One number of decimals per table, so 3,0 lines up under 7,6 as in the printed plans.
    decimals = max((_decimals(r.get(key)) for r in rows for key, _ in used), default=0)
    columns = [Column("Budgetpost", 3.2)] + [
        Column(f"{name} ({unit})", 1.8, "right") for _, name in used
    ]
    table_rows = [
        Row(
            [clean(r.get("name"))] + [format_number(r.get(key), decimals) for key, _ in used],
            bold=bool(r.get("total")),
        )
        for r in rows
    ]
    return Table(columns, table_rows)


def _decimals(value: Any) -> int:
    if value is None or value == "":
        return 0
    exponent = Decimal(str(value)).normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def budget_blocks(budget: dict[str, Any] | None, year: str) -> list[Block]:
    table = budget_table(budget) if budget else None
    return [Heading(1, f"Budget {year}".strip()), table] if table else []


def appendix_blocks(names: list[str] | None) -> list[Block]:
    appendices = [clean(name) for name in names or [] if clean(name)]
    if not appendices:
        return []
    items = [ListItem("•", name) for name in appendices]
    return [Heading(1, "Bilagor"), ListBlock(ordered=False, items=items)]


def guarantee_blocks(guarantees: list[dict[str, Any]] | None) -> list[Block]:
    """The unit's quality guarantees (styra-plan/1's optional `quality_guarantees`)."""
    if not guarantees:
        return []
    columns = [
        Column("Vi lovar", 3.4),
        Column("Villkor", 2.4),
        Column("Målvärde", 1.2, "right"),
        Column("Om garantin inte hålls", 3.0),
    ]
    rows = [
        Row(
            [
                clean(g.get("promise")),
                clean(g.get("term")),
                f"{format_number(g.get('target_percent'), 0)}\u00a0%",
                clean(g.get("remedy")),
            ]
        )
        for g in guarantees
    ]
    return [Heading(1, "Kvalitetsgarantier"), Table(columns, rows)]


def build_layout(plan: dict[str, Any], meta: PlanMeta) -> DocumentLayout:
    year = clean(plan.get("year"))
    unit = clean(plan.get("unit"))
    title = f"Verksamhetsplan {year}".strip()
    addressee = clean(plan.get("addressee"))
    sections = plan.get("sections") or []
    split = len(sections) if meta.closing_from is None else max(0, meta.closing_from)

    parts = {
        INTRO: section_blocks(sections[:split]),
        CHAIN: [block for goal in plan.get("goals") or [] for block in goal_blocks(goal, 0, meta)],
        GUARANTEES: guarantee_blocks(plan.get("quality_guarantees")),
        CLOSING: section_blocks(sections[split:]),
        BUDGET: budget_blocks(plan.get("budget"), year),
        APPENDICES: appendix_blocks(plan.get("appendices")),
    }
    body: list[Block] = []
    for name in PARTS:
        if name == CHAIN and parts[CHAIN] and body:
            body.append(PageBreak())  # the goals begin on a page of their own
        body.extend(parts[name])

    return DocumentLayout(
        title=title,
        unit=unit,
        doc_title=f"{title} – {unit}" if unit else title,
        organisation=clean(meta.organisation),
        officer=clean(plan.get("officer")),
        phone=clean(meta.phone),
        addressee=addressee,
        meeting=meeting_line(addressee, meta.meeting_date),
        draft=meta.is_draft,
        blocks=body,
    )
