"""Follow-up reports as documents: a unit's tertial or annual report and a committee's roll-up.

A report arrives as its styra-report/1 dict (followup.interchange, checked
against followup/report.schema.json) and is laid out as the same blocks the
plan documents use, so the PDF, the Word file and the JSON always say the same
things in the same order.
"""

from datetime import date, datetime
from typing import Any

from styra.lib.dates import long_date

from .committee_layout import committee_blocks
from .layout import (
    Block,
    DocumentLayout,
    Heading,
    ListBlock,
    ListItem,
    PageBreak,
    Paragraph,
    clean,
    text_blocks,
)
from .report_blocks import goal_blocks, money_table

APPROVED = "approved"  # the report's status once approved: its document is no longer a draft


def _budget_blocks(budget: dict[str, Any] | None, year: int) -> list[Block]:
    if not budget or not budget["rows"]:
        return []
    result: list[Block] = [
        Heading(1, f"Ekonomi {year}"),
        money_table("Budgetpost", budget["rows"], budget["currency_unit"]),
    ]
    comments = [r for r in budget["rows"] if clean(r["comment"])]
    if comments:
        result.append(Heading(2, "Kommentarer till prognosen"))
        items = [ListItem("•", f"{clean(r['name'])}: {clean(r['comment'])}") for r in comments]
        result.append(ListBlock(ordered=False, items=items))
    return result


def _section_blocks(sections: list[dict[str, Any]]) -> list[Block]:
    result: list[Block] = []
    for section in sections:
        body = text_blocks(section["text"])
        if body:  # the standard sections stay out of the document until someone writes them
            result.append(Heading(1, clean(section["heading"])))
            result.extend(body)
    return result


def _note(data: dict[str, Any]) -> str:
    parts = [f"Per {long_date(date.fromisoformat(data['cutoff']))}"]
    if data["approved_at"]:
        parts.append(f"godkänd {long_date(datetime.fromisoformat(data['approved_at']).date())}")
    elif data["submitted_at"]:
        parts.append(f"inlämnad {long_date(datetime.fromisoformat(data['submitted_at']).date())}")
    return " · ".join(parts)


def build_report_layout(data: dict[str, Any]) -> DocumentLayout:
    """The blocks of a unit's or a committee's report, from its dict."""
    body = _section_blocks(data["sections"])
    if data["kind"] == "committee":
        main = committee_blocks(data)
    else:
        main = [block for goal in data["goals"] for block in goal_blocks(goal, 0)]
        main += _budget_blocks(data["budget"], data["year"])
    if body and main:
        body.append(PageBreak())
    body.extend(main)
    if not body:
        body = [Paragraph("Rapporten har inget innehåll ännu.")]
    title, unit = clean(data["title"]), clean(data["unit"])
    return DocumentLayout(
        title=title,
        unit=unit,
        doc_title=f"{title} – {unit}",
        organisation=clean(data["organisation"]),
        officer=clean(data["officer"]),
        phone=clean(data["phone"]),
        addressee=clean(data["organisation"]) if data["kind"] == "unit" else unit,
        meeting="",
        draft=data["status"] != APPROVED,
        blocks=body,
        note=_note(data),
    )
