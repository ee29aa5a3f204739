"""A unit's tertial or annual report as its styra-report/1 dict (followup/report.schema.json)."""

from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils import translation

from styra.accounts.people import person_name
from styra.documents.layout import LEVEL_LABELS
from styra.documents.report_blocks import NOT_ASSESSED
from styra.goals.models import Goal
from styra.indicators.status import SYMBOLS, StatusMark
from styra.lib.periods import Period
from styra.plans.context import PlanNode

from .. import fulfilment
from ..context import ActivityLine, BudgetLine, GoalLine, IndicatorLine, ReportContext, load_report
from ..models import GoalAssessment, Report, ReportingPeriod, ReportStatus

FORMAT = "styra-report/1"

NOT_REPORTED = "Ej rapporterad"
STATUS_LABELS = {**{v: str(label) for v, label in ReportStatus.choices}, "missing": "Saknas"}


def as_number(value: Decimal | None) -> int | float | None:
    """A Decimal as a JSON number: whole numbers stay integers."""
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def as_iso(moment: datetime | date | None) -> str | None:
    return moment.isoformat() if moment else None


def fulfilment_label(value: str, *, forecast: bool) -> str:
    """An assessment as the document words it: the pages' words (followup.fulfilment), but
    always in Swedish, and a code Styra does not know as itself, so that a document never
    drops what a report says; "" when there is none."""
    with translation.override("sv"):
        return fulfilment.fulfilment_label(value, forecast=forecast) or value


def status_fields(mark: StatusMark) -> dict[str, str]:
    """A StatusMark as data: the status, its label and symbol, and why it cannot be judged
    (the note the page shows), so that a frozen report and its documents keep the reason."""
    return {
        "status": mark.status.value,
        "status_label": str(mark.status.label),
        "status_symbol": SYMBOLS[mark.status],
        "status_note": str(mark.note or ""),
    }


def _indicator_dict(line: IndicatorLine) -> dict[str, Any]:
    outcome = line.outcome
    return {
        "id": line.indicator.pk,
        "name": line.indicator.name,
        "measure": line.indicator.measure,
        "target": line.target or "",
        "outcome": as_number(outcome.value) if outcome else None,
        "outcome_text": outcome.text if outcome else "",
        "comment": outcome.comment if outcome else "",
        **status_fields(line.status),
    }


def _activity_dict(line: ActivityLine) -> dict[str, Any]:
    follow_up = line.follow_up
    return {
        "id": line.activity.pk,
        "name": line.activity.name,
        "status": follow_up.status if follow_up else "",
        "status_label": follow_up.get_status_display() if follow_up else NOT_REPORTED,
        "comment": follow_up.comment if follow_up else "",
    }


def assessment_dict(
    assessment: GoalAssessment | None, proposed: str, forecast: bool
) -> dict[str, str] | None:
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


def goal_line_dict(line: GoalLine, forecast: bool) -> dict[str, Any]:
    """An assessed goal outside a plan's chain (a committee's board goal) as a GOAL."""
    goal = line.goal
    return {
        "id": goal.pk,
        "level": goal.level,
        "label": _goal_label(goal, "Enhetsmål"),
        "number": goal.number,
        "title": goal.title,
        "assessed": True,
        "assessment": assessment_dict(line.assessment, line.proposed, forecast),
        "indicators": [_indicator_dict(i) for i in line.indicators],
        "activities": [_activity_dict(a) for a in line.activities],
        "children": [],
    }


def _goal_label(goal: Goal, unit_goal_label: str) -> str:
    return LEVEL_LABELS.get(goal.level, f"{unit_goal_label}:")


def _budget_row_dict(line: BudgetLine) -> dict[str, Any]:
    return {
        "name": line.row.name,
        "budget": as_number(line.budget),
        "outcome": as_number(line.outcome),
        "forecast": as_number(line.forecast),
        "deviation": as_number(line.deviation),
        "comment": line.comment,
        "total": line.row.is_sum,
    }


def unit_report_dict(ctx: ReportContext) -> dict[str, Any]:
    """Everything a unit's tertial or annual report says, as plain data."""
    report, period = ctx.report, ctx.period
    indicators: defaultdict[int, list[dict[str, Any]]] = defaultdict(list)
    activities: defaultdict[int, list[dict[str, Any]]] = defaultdict(list)
    for line in ctx.indicators:
        indicators[line.goal.pk].append(_indicator_dict(line))
    for act in ctx.activities:
        activities[act.goal.pk].append(_activity_dict(act))
    assessed = {g.goal.pk: g for g in ctx.goals}
    label = ctx.plan_ctx.unit_goal_label if ctx.plan_ctx else "Enhetsmål"

    def node_dict(node: PlanNode) -> dict[str, Any]:
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
                assessment_dict(line.assessment, line.proposed, period.is_forecast)
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
        **header_fields(report.period, period),
        "kind": "unit",
        "unit": report.unit_name,
        "organisation": committee.name if committee else "",
        "status": report.status,
        "status_label": report.get_status_display(),
        "submitted_at": as_iso(report.submitted_at),
        "approved_at": as_iso(report.approved_at),
        "officer": (plan.officer if plan else "") or person_name(report.submitted_by),
        "phone": plan.phone if plan else "",
        "sections": [{"heading": s.heading, "text": s.text} for s in ctx.sections],
        "goals": [node_dict(n) for n in ctx.plan_ctx.nodes] if ctx.plan_ctx else [],
        "budget": (
            {"currency_unit": ctx.currency_unit, "rows": [_budget_row_dict(b) for b in ctx.budget]}
            if ctx.budget
            else None
        ),
    }


def header_fields(reporting_period: ReportingPeriod, period: Period) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "title": period.label,
        "period": period.code,
        "year": period.year,
        "forecast": period.is_forecast,
        "cutoff": as_iso(reporting_period.cutoff),
        "deadline": as_iso(reporting_period.deadline),
    }


def with_status(data: dict[str, Any], report: Report) -> dict[str, Any]:
    """A frozen dict with the report's workflow state now (approval comes after submission)."""
    return {
        **data,
        "status": report.status,
        "status_label": report.get_status_display(),
        "submitted_at": as_iso(report.submitted_at),
        "approved_at": as_iso(report.approved_at),
    }


def unit_report_data(report: Report) -> dict[str, Any]:
    """The report's dict: as submitted once it is handed in, else from the live plan.

    See `followup.frozen` for why a submitted or approved report holds its content.
    """
    content = report.content_as_submitted
    if content:
        return with_status(content["report"], report)
    return unit_report_dict(load_report(report))
