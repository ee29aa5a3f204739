"""The committee's part of its report: the units' goals, indicators and amounts side by side,
and who has reported; read from a styra-report/1 committee dict (followup.interchange).
"""

from datetime import date
from typing import Any

from styra.lib.dates import long_date
from styra.lib.numbers import row_unit

from .layout import Block, Column, Heading, Paragraph, Row, Table, clean, iso_date
from .report_blocks import format_outcome, goal_blocks, money_table, status_cell


def committee_blocks(data: dict[str, Any]) -> list[Block]:
    result: list[Block] = []
    if data["goals"]:
        result.append(Heading(1, "Nämndens mål"))
        for goal in data["goals"]:
            result.extend(goal_blocks(goal, 1))
    if data["unit_goals"]:
        result.append(Heading(1, "Enheternas mål"))
        for table in data["unit_goals"]:
            result.append(Heading(2, clean(table["board_goal"]), label="Nämndmål:", role="goal"))
            columns = [Column("Enhet", 2.4), Column("Enhetens mål", 5.0), Column("Bedömning", 2.2)]
            rows = [
                Row([clean(r["unit"]), clean(r["goal"]), f"{r['symbol']} {r['label']}"])
                for r in table["rows"]
            ]
            result.append(Table(columns, rows))
    if data["indicators"]:
        result.append(Heading(1, "Indikatorer per enhet"))
        for indicator in data["indicators"]:
            result.append(Heading(2, clean(indicator["name"])))
            columns = [
                Column("Enhet", 3.0),
                Column("Årsmål", 1.6),
                Column("Utfall", 1.6, "right"),
                Column("Status", 2.0),
            ]
            total = indicator["total"]
            # One unit for the whole row, as on the roll-up page (`IndicatorRow.unit`).
            unit = row_unit(
                indicator["measure"],
                [(total or {}).get("target", ""), *(r["target"] for r in indicator["rows"])],
            )
            rows = [
                Row(
                    [
                        clean(r["unit"]),
                        clean(r["target"]),
                        format_outcome(r["outcome"], r["outcome_text"], unit),
                        status_cell(r),
                    ]
                )
                for r in indicator["rows"]
            ]
            if total:
                rows.append(
                    Row(
                        [
                            f"Nämnden totalt ({indicator['aggregation_label'].lower()})",
                            clean(total["target"]),
                            format_outcome(total["outcome"], "", unit),
                            status_cell(total),
                        ],
                        bold=True,
                    )
                )
            result.append(Table(columns, rows))
            if not total:
                result.append(Paragraph("Indikatorn kan inte summeras för nämnden."))
    money = data["budget_units"]
    if money["rows"]:
        rows = money["rows"] + ([{**money["total"], "total": True}] if money["total"] else [])
        table = money_table("Enhet", rows, "tkr")
        result.extend([Heading(1, f"Ekonomi {data['year']}"), table])
    result.extend(internal_control_blocks(data.get("internal_control")))
    result.extend(_reporting_blocks(data))
    return result


# The counts in internal_control.status.ORDER's order, as the roll-up page shows them.
COUNTS = (
    ("not_reported", "Ej rapporterade"),
    ("not_done", "Inte gjorda"),
    ("deviation", "Med avvikelser"),
    ("no_deviation", "Utan avvikelser"),
)


def _count_row(name: str, counts: dict[str, Any], *, bold: bool = False) -> Row:
    cells = [str(counts[key]) for key, _ in COUNTS]
    return Row([clean(name), *cells, str(counts["controls"])], bold=bold)


def internal_control_blocks(control: dict[str, Any] | None) -> list[Block]:
    """The roll-up of the units' control results (internal_control.rollup_report); a report
    frozen before the roll-up carried it has none, and its document shows none."""
    if control is None:
        return []
    result: list[Block] = [Heading(1, "Internkontroll")]
    if control["without_plan"]:
        result.append(Paragraph("Nämnden har ingen internkontrollplan för året."))
    if control["plans"]:
        columns = [
            Column("Plan", 3.0),
            *(Column(title, 1.3, "right") for _, title in COUNTS),
            Column("Kontrollmoment", 1.8, "right"),
        ]
        rows = [_count_row(p["unit"], p) for p in control["plans"]]
        rows.append(_count_row("Nämnden totalt", control["total"], bold=True))
        result.append(Paragraph(f"Kontrollmoment som rapporteras i {control['part']}, per plan."))
        result.append(Table(columns, rows))
    else:
        result.append(Paragraph("Inga fastställda internkontrollplaner för året."))
    result.append(Heading(2, "Avvikelser och åtgärder"))
    if control["deviations"]:
        columns = [
            Column("Plan", 2.0),
            Column("Process och risk", 2.4),
            Column("Kontrollmoment", 2.4),
            Column("Iakttagelser", 2.6),
            Column("Åtgärder", 2.8),
        ]
        rows = [
            Row(
                [
                    clean(d["unit"]),
                    clean(f"{d['process']}: {d['risk']}"),
                    clean(d["control"])
                    + (f" (ansvarig: {clean(d['responsible'])})" if d["responsible"] else ""),
                    clean(d["findings"]),
                    "; ".join(_measure(m) for m in d["measures"]) or "Ingen åtgärd ännu",
                ]
            )
            for d in control["deviations"]
        ]
        result.append(Table(columns, rows))
    else:
        result.append(Paragraph("Inga avvikelser rapporterade i perioden."))
    if control["not_adopted"]:
        result.append(Heading(2, "Planer som inte är fastställda"))
        result.append(
            Table(
                [Column("Plan", 4.0), Column("Status", 2.0)],
                [Row([clean(p["unit"]), clean(p["status_label"])]) for p in control["not_adopted"]],
            )
        )
    return result


def _measure(measure: dict[str, Any]) -> str:
    """A measure on one line: what, who, when and where it stands."""
    dates = " – ".join(iso_date(d) for d in (measure["start"], measure["end"]) if d)
    parts = [clean(measure["name"]), clean(measure["responsible"]), dates, measure["status_label"]]
    return ", ".join(part for part in parts if part)


def _reporting_blocks(data: dict[str, Any]) -> list[Block]:
    units = data["units"]
    if not units:
        return []
    handed_in = [u for u in units if u["reported"]]
    deadline = date.fromisoformat(data["deadline"])
    result: list[Block] = [
        Heading(1, "Rapportering"),
        Paragraph(
            f"{len(handed_in)} av {len(units)} enheter har lämnat in sin rapport. "
            f"Sista dag var {long_date(deadline)}."
        ),
    ]
    missing = [u for u in units if u not in handed_in]
    if missing:
        result.append(Heading(2, "Enheter som inte har rapporterat"))
        columns = [Column("Enhet", 4.0), Column("Status", 2.0), Column("Försenad", 1.5)]
        rows = [
            Row([clean(u["unit"]), u["status_label"], "Ja" if u["late"] else "Nej"])
            for u in missing
        ]
        result.append(Table(columns, rows))
    return result
