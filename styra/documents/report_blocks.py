"""The blocks a report's goals are printed as: each goal with its assessment, indicators and
activities, and the tables of amounts; read from a styra-report/1 dict (followup.interchange).
"""

from decimal import Decimal
from typing import Any

from styra.lib.numbers import figure_unit, format_figure, format_number
from styra.lib.outline import NOTHING_FOR_UNIT, nothing_for_unit

from .layout import Block, Column, Heading, Paragraph, Row, Table, clean, text_blocks

NOT_ASSESSED = "Ej bedömt"  # as on the roll-up pages (followup.fulfilment), always Swedish here
MISSING_OUTCOME = "Saknas"


def format_outcome(value: Any, text: str = "", unit: str = "") -> str:
    """87.5 with "%" -> '87,5 %'; a text outcome as written; nothing -> 'Saknas'."""
    if value is None:
        return clean(text) or MISSING_OUTCOME
    return format_figure(value, unit)


def status_cell(item: dict[str, Any]) -> str:
    cell = f"{item['status_symbol']} {item['status_label']}"
    # Reports frozen before the note was kept have none.
    note = item.get("status_note")
    return f"{cell}: {note}" if note else cell


def _indicator_table(indicators: list[dict[str, Any]]) -> Table:
    columns = [
        Column("Indikator", 4.0),
        Column("Årsmål", 1.3),
        Column("Utfall", 1.3, "right"),
        Column("Status", 1.8),
        Column("Kommentar", 3.2),
    ]
    rows = [
        Row(
            [
                clean(i["name"]),
                clean(i["target"]),
                format_outcome(
                    i["outcome"], i["outcome_text"], figure_unit(i["measure"], i["target"])
                ),
                status_cell(i),
                clean(i["comment"]),
            ]
        )
        for i in indicators
    ]
    return Table(columns, rows)


def _activity_table(activities: list[dict[str, Any]]) -> Table:
    columns = [Column("Aktivitet", 4.6), Column("Status", 1.5), Column("Kommentar", 4.0)]
    rows = [
        Row([clean(a["name"]), clean(a["status_label"]), clean(a["comment"])]) for a in activities
    ]
    return Table(columns, rows)


def _assessment_blocks(goal: dict[str, Any]) -> list[Block]:
    assessment = goal["assessment"]
    if not goal["assessed"]:
        return []
    if assessment is None:
        return [Paragraph(f"Bedömning: {NOT_ASSESSED}")]
    result: list[Block] = [Paragraph(f"Bedömning: {assessment['label']}")]
    if (
        assessment["value"]
        and assessment["proposed"]
        and assessment["value"] != assessment["proposed"]
    ):
        result.append(
            Paragraph(
                f"Styras förslag var {assessment['proposed_label'].lower()}. "
                f"Skäl till annan bedömning: {clean(assessment['reason'])}"
            )
        )
    # The analysis follows the assessment without a heading of its own, which would
    # crowd the table of contents at the committee's level.
    result.extend(text_blocks(assessment["analysis"]))
    return result


def goal_blocks(goal: dict[str, Any], depth: int) -> list[Block]:
    level = min(depth + 1, 6)
    title = " ".join(part for part in (clean(goal["number"]), clean(goal["title"])) if part)
    result: list[Block] = [Heading(level, title, label=goal["label"], role="goal")]
    result.extend(_assessment_blocks(goal))
    if goal["indicators"]:
        result.append(_indicator_table(goal["indicators"]))
    if goal["activities"]:
        result.append(_activity_table(goal["activities"]))
    if nothing_for_unit(
        goal["level"],
        indicators=goal["indicators"],
        activities=goal["activities"],
        children=goal["children"],
        assessed=goal["assessed"],
    ):
        result.append(Paragraph(NOTHING_FOR_UNIT))
    for child in goal["children"]:
        result.extend(goal_blocks(child, depth + 1))
    return result


def _decimals(values: list[Any]) -> int:
    found = 0
    for value in values:
        if value is None:
            continue
        exponent = Decimal(str(value)).normalize().as_tuple().exponent
        if isinstance(exponent, int):
            found = max(found, -exponent)
    return found


MONEY_COLUMNS = {
    "budget": "Budget",
    "outcome": "Utfall",
    "forecast": "Prognos",
    "deviation": "Avvikelse",
}


def money_table(first: str, rows: list[dict[str, Any]], unit: str) -> Table:
    """Amounts with one number of decimals per table and the currency unit in every header."""
    keys = tuple(MONEY_COLUMNS)
    decimals = _decimals([r[k] for r in rows for k in keys])
    columns = [Column(first, 3.0)] + [
        Column(f"{MONEY_COLUMNS[key]} ({unit})", 1.6, "right") for key in keys
    ]
    return Table(
        columns,
        [
            Row(
                [clean(r.get("name") or r.get("unit"))]
                + [format_number(r[k], decimals) for k in keys],
                bold=bool(r.get("total")),
            )
            for r in rows
        ],
    )
