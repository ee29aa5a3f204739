"""Follow-up reports as documents: a unit's tertial or annual report and a committee's roll-up.

As for plans, a report is first read into a plain dict (the `json` export,
described below), and that dict is laid out as the same blocks the plan
documents use, so the PDF, the Word file and the JSON always say the same
things in the same order.

The dict, "styra-report/1". Amounts and outcomes are JSON numbers (or null),
dates ISO strings, statuses a code plus its Swedish label:

    {"format": "styra-report/1", "kind": "unit" | "committee",
     "title": "Tertialrapport 1 2026", "period": "2026T1", "year": 2026,
     "forecast": true,               # T1 and T2 assess goals as a forecast
     "unit": "Vuxenenheten", "organisation": "Socialnämnden",
     "status": "draft" | "submitted" | "approved" | "missing", "status_label": "Utkast",
     "cutoff": "2026-04-30", "deadline": "2026-05-14",
     "submitted_at": ISO | null, "approved_at": ISO | null,
     "officer": "…", "phone": "…",
     "sections": [{"heading": "Viktiga händelser", "text": "…"}],
     "goals": [GOAL],                # the plan's goal chain in document order
     "budget": {"currency_unit": "tkr", "rows": [BUDGET ROW]} | null,
     # committee documents only; the roll-up is followup.rollup.rollup_for's:
     "unit_goals": [{"board_goal": "…", "rows": [{"unit", "report_id", "goal",
                     "assessment", "label", "symbol"}]}],
     "indicators": [{"id", "name", "measure", "aggregation", "aggregation_label",
                     "rows": [FIGURE + {"unit"}], "total": FIGURE | null}],
     "units": [{"id", "unit", "report_id", "status", "status_label", "reported", "late"}],
     "budget_units": {"currency_unit": "tkr", "rows": [{"unit", "budget", "outcome",
                      "forecast", "deviation"}], "total": {…} | null}}

    FIGURE = {"target", "outcome", "outcome_text", "note", "status", "status_label",
              "status_symbol", "status_note"}
    GOAL = {"id", "level", "label": "Enhetsmål:", "number", "title",
            "assessed": true,     # the report assesses this goal
            "assessment": {"value", "label", "proposed", "proposed_label", "reason",
                           "analysis"} | null,
            "indicators": [{"id", "name", "measure", "target", "outcome", "outcome_text",
                            "comment", "status", "status_label", "status_symbol",
                            "status_note"}],
            "activities": [{"id", "name", "status", "status_label", "comment"}],
            "children": [GOAL]}
    BUDGET ROW = {"name", "budget", "outcome", "forecast", "deviation", "comment", "total"}

A negative deviation is a deficit. Only indicators due in the period are listed.
"""

import json
from collections import defaultdict
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from styra.followup.context import ReportContext, load_report
from styra.followup.models import (
    ActivityFollowUp,
    ActivityStatus,
    Fulfilment,
    GoalAssessment,
    Report,
    ReportingPeriod,
    ReportStatus,
)
from styra.followup.rollup import rollup_for
from styra.goals.models import Activity, Goal, Level
from styra.indicators.models import Aggregation
from styra.indicators.status import SYMBOLS
from styra.lib.numbers import figure_unit, format_figure, format_number, row_unit
from styra.lib.outline import NOTHING_FOR_UNIT, nothing_for_unit
from styra.lib.periods import Period
from styra.organisation.models import OrgUnit

from .layout import (
    LEVEL_LABELS,
    Block,
    Column,
    DocumentLayout,
    Heading,
    ListBlock,
    ListItem,
    PageBreak,
    Paragraph,
    Row,
    Table,
    clean,
    long_date,
    text_blocks,
)

FORMAT = "styra-report/1"

# In T1 and T2 a goal's fulfilment is a forecast, in the annual report a result.
FORECAST_LABELS = {
    Fulfilment.FULFILLED: "Bedöms uppfyllas",
    Fulfilment.PARTLY: "Bedöms delvis uppfyllas",
    Fulfilment.NOT_FULFILLED: "Bedöms inte uppfyllas",
}
RESULT_LABELS = {value: str(label) for value, label in Fulfilment.choices}
NOT_ASSESSED = "Ej bedömt"  # as on the roll-up pages
NOT_REPORTED = "Ej rapporterad"
MISSING_OUTCOME = "Saknas"
STATUS_LABELS = {**{v: str(label) for v, label in ReportStatus.choices}, "missing": "Saknas"}


# ---------------------------------------------------------------- small formatting


def _num(value: Decimal | None) -> int | float | None:
    """A Decimal as a JSON number: whole numbers stay integers."""
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def _iso(moment: datetime | date | None) -> str | None:
    return moment.isoformat() if moment else None


def fulfilment_label(value: str, *, forecast: bool) -> str:
    if not value:
        return ""
    return (FORECAST_LABELS if forecast else RESULT_LABELS).get(value, value)


def _status(mark) -> dict[str, str]:
    """A StatusMark as data: the status, its label and symbol, and why it cannot be judged
    (the note the page shows), so that a frozen report and its documents keep the reason."""
    return {
        "status": mark.status.value,
        "status_label": str(mark.status.label),
        "status_symbol": SYMBOLS[mark.status],
        "status_note": str(mark.note or ""),
    }


def format_outcome(value: Any, text: str = "", unit: str = "") -> str:
    """87.5 with "%" -> '87,5 %'; a text outcome as written; nothing -> 'Saknas'."""
    if value is None:
        return clean(text) or MISSING_OUTCOME
    return format_figure(value, unit)


def _status_cell(item: dict[str, Any]) -> str:
    cell = f"{item['status_symbol']} {item['status_label']}"
    # Reports frozen before the note was kept have none.
    note = item.get("status_note")
    return f"{cell}: {note}" if note else cell


# ---------------------------------------------------------------- unit report: the dict


def _indicator_dict(line) -> dict[str, Any]:
    outcome = line.outcome
    return {
        "id": line.indicator.pk,
        "name": line.indicator.name,
        "measure": line.indicator.measure,
        "target": line.target or "",
        "outcome": _num(outcome.value) if outcome else None,
        "outcome_text": outcome.text if outcome else "",
        "comment": outcome.comment if outcome else "",
        **_status(line.status),
    }


def _activity_dict(line) -> dict[str, Any]:
    follow_up = line.follow_up
    return {
        "id": line.activity.pk,
        "name": line.activity.name,
        "status": follow_up.status if follow_up else "",
        "status_label": follow_up.get_status_display() if follow_up else NOT_REPORTED,
        "comment": follow_up.comment if follow_up else "",
    }


def _assessment_dict(assessment: GoalAssessment | None, proposed: str, forecast: bool):
    if assessment is None and not proposed:
        return None
    value = assessment.value if assessment else ""
    return {
        "value": value,
        "label": fulfilment_label(value, forecast=forecast) or NOT_ASSESSED,
        "proposed": proposed,
        "proposed_label": fulfilment_label(proposed, forecast=forecast),
        "reason": assessment.reason if assessment else "",
        "analysis": assessment.analysis if assessment else "",
    }


def goal_line_dict(line, forecast: bool) -> dict[str, Any]:
    """An assessed goal outside a plan's chain (a committee's board goal) as a GOAL."""
    goal = line.goal
    return {
        "id": goal.pk,
        "level": goal.level,
        "label": _goal_label(goal, "Enhetsmål"),
        "number": goal.number,
        "title": goal.title,
        "assessed": True,
        "assessment": _assessment_dict(line.assessment, line.proposed, forecast),
        "indicators": [_indicator_dict(i) for i in line.indicators],
        "activities": [_activity_dict(a) for a in line.activities],
        "children": [],
    }


def _goal_label(goal: Goal, unit_goal_label: str) -> str:
    return LEVEL_LABELS.get(goal.level, f"{unit_goal_label}:")


def _budget_row_dict(line) -> dict[str, Any]:
    return {
        "name": line.row.name,
        "budget": _num(line.budget),
        "outcome": _num(line.outcome),
        "forecast": _num(line.forecast),
        "deviation": _num(line.deviation),
        "comment": line.comment,
        "total": line.row.is_sum,
    }


def unit_report_dict(ctx: ReportContext) -> dict[str, Any]:
    """Everything a unit's tertial or annual report says, as plain data."""
    report, period = ctx.report, ctx.period
    indicators, activities = defaultdict(list), defaultdict(list)
    for line in ctx.indicators:
        indicators[line.goal.pk].append(_indicator_dict(line))
    for line in ctx.activities:
        activities[line.goal.pk].append(_activity_dict(line))
    assessed = {g.goal.pk: g for g in ctx.goals}
    label = ctx.plan_ctx.unit_goal_label if ctx.plan_ctx else "Enhetsmål"

    def node_dict(node) -> dict[str, Any]:
        goal = node.goal
        line = assessed.get(goal.pk)
        return {
            "id": goal.pk,
            "level": goal.level,
            "label": _goal_label(goal, label),
            "number": goal.number,
            "title": goal.title,
            "assessed": line is not None,
            "assessment": (
                _assessment_dict(line.assessment, line.proposed, period.is_forecast)
                if line
                else None
            ),
            "indicators": indicators.get(goal.pk, []),
            "activities": activities.get(goal.pk, []),
            "children": [node_dict(child) for child in node.children],
        }

    plan = ctx.plan
    committee = ctx.plan_ctx.committee if ctx.plan_ctx else None
    return {
        **_header(report.period, period),
        "kind": "unit",
        "unit": report.unit_name,
        "organisation": committee.name if committee else "",
        "status": report.status,
        "status_label": report.get_status_display(),
        "submitted_at": _iso(report.submitted_at),
        "approved_at": _iso(report.approved_at),
        "officer": (plan.officer if plan else "") or _person(report.submitted_by),
        "phone": plan.phone if plan else "",
        "sections": [{"heading": s.heading, "text": s.text} for s in ctx.sections],
        "goals": [node_dict(n) for n in ctx.plan_ctx.nodes] if ctx.plan_ctx else [],
        "budget": (
            {"currency_unit": ctx.currency_unit, "rows": [_budget_row_dict(b) for b in ctx.budget]}
            if ctx.budget
            else None
        ),
    }


def _header(reporting_period: ReportingPeriod, period: Period) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "title": period.label,
        "period": period.code,
        "year": period.year,
        "forecast": period.is_forecast,
        "cutoff": _iso(reporting_period.cutoff),
        "deadline": _iso(reporting_period.deadline),
    }


def _person(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


# ---------------------------------------------------------------- committee report: the dict


def _figure_dict(figure, measure: str) -> dict[str, Any]:
    value = None if figure.value is None else round(Decimal(figure.value), figure.decimals)
    return {
        "target": figure.target,
        "outcome": _num(value),
        "outcome_text": figure.text,
        "note": figure.note,
        **_status(figure.status),
    }


def _column_name(column) -> str:
    return column.report.unit_name if column.report else column.node.name


def _board_goal_dict(
    goal: Goal,
    assessment: GoalAssessment | None,
    indicator_rows: list,
    activities: list[Activity],
    statuses: dict[int, ActivityFollowUp],
    forecast: bool,
) -> dict[str, Any]:
    indicators = []
    for row in indicator_rows:
        if row.indicator.goal_id != goal.pk:
            continue
        figure = _figure_dict(row.total, row.indicator.measure)
        if figure["outcome"] is None and not figure["outcome_text"]:
            # No committee total: the units' outcomes are in the roll-up further on.
            figure["outcome_text"] = "–"
        note = f"{row.total.note.capitalize()}; se enheternas utfall." if row.total.note else ""
        indicators.append(
            {
                "id": row.indicator.pk,
                "name": row.indicator.name,
                "measure": row.indicator.measure,
                "comment": note,
                **figure,
            }
        )
    acts = []
    for activity in activities:
        if activity.goal_id != goal.pk:
            continue
        follow_up = statuses.get(activity.pk)
        acts.append(
            {
                "id": activity.pk,
                "name": activity.name,
                "status": follow_up.status if follow_up else "",
                "status_label": (
                    str(ActivityStatus(follow_up.status).label) if follow_up else NOT_REPORTED
                ),
                "comment": follow_up.comment if follow_up else "",
            }
        )
    return {
        "id": goal.pk,
        "level": goal.level,
        "label": LEVEL_LABELS[Level.BOARD],
        "number": goal.number,
        "title": goal.title,
        "assessed": True,
        "assessment": _assessment_dict(assessment, "", forecast),
        "indicators": indicators,
        "activities": acts,
        "children": [],
    }


def committee_report_dict(
    committee: OrgUnit, reporting_period: ReportingPeriod, *, today: date | None = None
) -> dict[str, Any]:
    """A committee's report as it was handed in once its own report is, else as it is now.

    A committee's submitted or approved report froze this whole document,
    roll-up included, when it was submitted (`followup.frozen`): what the
    committee decided on does not move when a unit's plan changes afterwards.
    """
    own = (
        Report.objects.filter(org_unit=committee, period=reporting_period)
        .only("status", "frozen_content", "submitted_at", "approved_at")
        .first()
    )
    content = own.content_as_submitted if own is not None else None
    if content and content.get("committee"):
        return with_status(content["committee"], own)
    return live_committee_report_dict(committee, reporting_period, today=today)


def live_committee_report_dict(
    committee: OrgUnit, reporting_period: ReportingPeriod, *, today: date | None = None
) -> dict[str, Any]:
    """A committee's report: its own goals, and the roll-up of what its units reported.

    The roll-up tables are `followup.rollup.rollup_for`, the same figures
    as the roll-up page: goals × units, the shared indicators across units
    with the committee total, the budget in tkr (budget, outcome to date, forecast and
    deviation), and who has not reported.
    """
    period = reporting_period.period
    forecast = period.is_forecast
    rollup = rollup_for(committee, reporting_period, today=today)
    own_report = rollup.scope_report
    if own_report is not None:
        own_report = Report.objects.select_related("submitted_by").get(pk=own_report.pk)
    city = OrgUnit.objects.filter(pk=committee.parent_id).first() if committee.parent_id else None

    board_goals = [row.goal for row in rollup.goal_rows]
    assessments = (
        {a.goal_id: a for a in GoalAssessment.objects.filter(report=own_report)}
        if own_report
        else {}
    )
    statuses = (
        {s.activity_id: s for s in ActivityFollowUp.objects.filter(report=own_report)}
        if own_report
        else {}
    )
    activities = list(
        Activity.objects.filter(goal__in=board_goals, owner=committee).order_by("position", "pk")
    )
    goals = [
        _board_goal_dict(
            goal, assessments.get(goal.pk), rollup.indicator_rows, activities, statuses, forecast
        )
        for goal in board_goals
    ]

    names = [_column_name(c) for c in rollup.columns]
    unit_goals = []
    for row in rollup.goal_rows:
        rows = [
            {
                "unit": name,
                "report_id": cell.report.pk if cell.report else None,
                "goal": item.goal.title,
                "assessment": item.mark.value,
                "label": item.mark.label,
                "symbol": item.mark.symbol,
            }
            for name, cell in zip(names, row.cells, strict=True)
            for item in cell.items
        ]
        if rows:
            unit_goals.append({"board_goal": row.goal.title, "rows": rows})

    indicators = []
    for row in rollup.indicator_rows:
        measure = row.indicator.measure
        rows = [
            {"unit": name, **_figure_dict(figure, measure)}
            for name, figure in zip(names, row.cells, strict=True)
            if figure.applies
        ]
        indicators.append(
            {
                "id": row.indicator.pk,
                "name": row.indicator.name,
                "measure": measure,
                "aggregation": row.indicator.aggregation,
                "aggregation_label": str(Aggregation(row.indicator.aggregation).label),
                "rows": rows,
                "total": (
                    None
                    if row.indicator.aggregation == Aggregation.NONE
                    else {"unit": "Nämnden totalt", **_figure_dict(row.total, measure)}
                ),
            }
        )

    def money(figure, name: str) -> dict[str, Any]:
        return {
            "unit": name,
            "budget": _num(figure.budget),
            "outcome": _num(figure.outcome),
            "forecast": _num(figure.forecast),
            "deviation": _num(figure.deviation),
        }

    budget_rows = [
        money(figure, name)
        for name, figure in zip(names, rollup.budget, strict=True)
        if figure.rows
    ]
    pending = {p.node.pk for p in rollup.pending}
    late = {p.node.pk for p in rollup.pending if p.late}
    units = [
        {
            "id": c.node.pk,
            "unit": name,
            "report_id": c.report.pk if c.report else None,
            "status": c.report.status if c.report else "missing",
            "status_label": STATUS_LABELS[c.report.status if c.report else "missing"],
            "reported": c.node.pk not in pending,
            "late": c.node.pk in late,
        }
        for name, c in zip(names, rollup.columns, strict=True)
    ]
    status = own_report.status if own_report else "missing"
    return {
        **_header(reporting_period, period),
        "kind": "committee",
        "unit": committee.name,
        "organisation": city.name if city else "",
        "status": status,
        "status_label": STATUS_LABELS[status],
        "submitted_at": _iso(own_report.submitted_at) if own_report else None,
        "approved_at": _iso(own_report.approved_at) if own_report else None,
        "officer": _person(own_report.submitted_by) if own_report else "",
        "phone": "",
        "sections": (
            [{"heading": s.heading, "text": s.text} for s in own_report.sections.all()]
            if own_report
            else []
        ),
        "goals": goals,
        "budget": None,
        "unit_goals": unit_goals,
        "indicators": indicators,
        "units": units,
        "budget_units": {
            "currency_unit": "tkr",
            "rows": budget_rows,
            "total": money(rollup.budget_total, "Nämnden totalt") if budget_rows else None,
        },
    }


# ---------------------------------------------------------------- blocks


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
                _status_cell(i),
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


def _goal_blocks(goal: dict[str, Any], depth: int) -> list[Block]:
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
        result.extend(_goal_blocks(child, depth + 1))
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


def _money_table(first: str, rows: list[dict[str, Any]], unit: str) -> Table:
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


def _budget_blocks(budget: dict[str, Any] | None, year: int) -> list[Block]:
    if not budget or not budget["rows"]:
        return []
    result: list[Block] = [
        Heading(1, f"Ekonomi {year}"),
        _money_table("Budgetpost", budget["rows"], budget["currency_unit"]),
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


def _committee_blocks(data: dict[str, Any]) -> list[Block]:
    result: list[Block] = []
    if data["goals"]:
        result.append(Heading(1, "Nämndens mål"))
        for goal in data["goals"]:
            result.extend(_goal_blocks(goal, 1))
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
                        _status_cell(r),
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
                            _status_cell(total),
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
        table = _money_table("Enhet", rows, "tkr")
        result.extend([Heading(1, f"Ekonomi {data['year']}"), table])
    result.extend(_reporting_blocks(data))
    return result


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
        main = _committee_blocks(data)
    else:
        main = [block for goal in data["goals"] for block in _goal_blocks(goal, 0)]
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
        draft=data["status"] != ReportStatus.APPROVED,
        blocks=body,
        note=_note(data),
    )


# ---------------------------------------------------------------- loading


def with_status(data: dict[str, Any], report: Report) -> dict[str, Any]:
    """A frozen dict with the report's workflow state now (approval comes after submission)."""
    return {
        **data,
        "status": report.status,
        "status_label": report.get_status_display(),
        "submitted_at": _iso(report.submitted_at),
        "approved_at": _iso(report.approved_at),
    }


def unit_report_data(report: Report) -> dict[str, Any]:
    """The report's dict: as submitted once it is handed in, else from the live plan.

    See `followup.frozen` for why a submitted or approved report holds its content.
    """
    content = report.content_as_submitted
    if content:
        return with_status(content["report"], report)
    return unit_report_dict(load_report(report))


def committee_report_data(committee: OrgUnit, period_code: str) -> dict[str, Any]:
    """Raises ReportingPeriod.DoesNotExist for a period the city has not set up."""
    reporting_period = ReportingPeriod.objects.select_related("year").get(code=period_code)
    return committee_report_dict(committee, reporting_period)


def generated_at(data: dict[str, Any]) -> datetime:
    """A fixed time for a decided report, so that its file is the same each time."""
    for key in ("approved_at", "submitted_at"):
        if data.get(key):
            return datetime.fromisoformat(data[key])
    return datetime.now(UTC).replace(microsecond=0)


# ---------------------------------------------------------------- files

FORMATS = {
    "json": "application/json",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def report_data_file(data: dict[str, Any], fmt: str) -> bytes:
    """A report's dict as JSON, PDF or DOCX."""
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    if fmt == "pdf":
        from .report_pdf import render_report_pdf

        return render_report_pdf(data)
    if fmt == "docx":
        from .report_docx import render_report_docx

        return render_report_docx(data)
    raise ValueError(f"unknown format {fmt}")


def report_filename(data: dict[str, Any], fmt: str) -> str:
    """'tertialrapport-1-2026-Vuxenenheten.pdf'."""

    def safe(text: str) -> str:
        return "".join(c if c.isalnum() else "-" for c in text).strip("-")

    title = safe(data["title"]).lower() or "rapport"
    return f"{title}-{safe(data['unit']) or 'enhet'}.{fmt}"
