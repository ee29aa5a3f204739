"""A committee's report as its styra-report/1 dict: its own goals and its units' roll-up."""

from datetime import date
from decimal import Decimal
from typing import Any

from styra.accounts.people import person_name
from styra.documents.layout import LEVEL_LABELS
from styra.goals.models import Activity, Goal, Level
from styra.indicators.models import Aggregation
from styra.organisation.models import OrgUnit

from ..models import ActivityFollowUp, ActivityStatus, GoalAssessment, Report, ReportingPeriod
from ..rollup import rollup_for
from ..rollup_internal_control import internal_control_report
from ..rollup_tables import BudgetFigure, Column, Figure, IndicatorRow
from .unit import (
    NOT_REPORTED,
    STATUS_LABELS,
    as_iso,
    as_number,
    assessment_dict,
    header_fields,
    status_fields,
    with_status,
)


def _figure_dict(figure: Figure, measure: str) -> dict[str, Any]:
    value = None if figure.value is None else round(Decimal(figure.value), figure.decimals)
    return {
        "target": figure.target,
        "outcome": as_number(value),
        "outcome_text": figure.text,
        "note": figure.note,
        **status_fields(figure.status),
    }


def _column_name(column: Column) -> str:
    return column.report.unit_name if column.report else column.node.name


def _board_goal_dict(
    goal: Goal,
    assessment: GoalAssessment | None,
    indicator_rows: list[IndicatorRow],
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
        "assessment": assessment_dict(assessment, "", forecast),
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
    if own is not None and content and content.get("committee"):
        return with_status(content["committee"], own)
    return live_committee_report_dict(committee, reporting_period, today=today)


def live_committee_report_dict(
    committee: OrgUnit, reporting_period: ReportingPeriod, *, today: date | None = None
) -> dict[str, Any]:
    """A committee's report: its own goals, and the roll-up of what its units reported.

    The roll-up tables are `followup.rollup.rollup_for`, the same figures
    as the roll-up page: goals × units, the shared indicators across units
    with the committee total, the budget in tkr (budget, outcome to date, forecast and
    deviation), who has not reported, and the internal control of the committee's and
    its units' adopted plans (`rollup_internal_control`, as on the roll-up page).
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
    for indicator_row in rollup.indicator_rows:
        indicator = indicator_row.indicator
        measure = indicator.measure
        rows = [
            {"unit": name, **_figure_dict(figure, measure)}
            for name, figure in zip(names, indicator_row.cells, strict=True)
            if figure.applies
        ]
        indicators.append(
            {
                "id": indicator.pk,
                "name": indicator.name,
                "measure": measure,
                "aggregation": indicator.aggregation,
                "aggregation_label": str(Aggregation(indicator.aggregation).label),
                "rows": rows,
                "total": (
                    None
                    if indicator.aggregation == Aggregation.NONE
                    else {"unit": "Nämnden totalt", **_figure_dict(indicator_row.total, measure)}
                ),
            }
        )

    def money(figure: BudgetFigure, name: str) -> dict[str, Any]:
        return {
            "unit": name,
            "budget": as_number(figure.budget),
            "outcome": as_number(figure.outcome),
            "forecast": as_number(figure.forecast),
            "deviation": as_number(figure.deviation),
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
        **header_fields(reporting_period, period),
        "kind": "committee",
        "unit": committee.name,
        "organisation": city.name if city else "",
        "status": status,
        "status_label": STATUS_LABELS[status],
        "submitted_at": as_iso(own_report.submitted_at) if own_report else None,
        "approved_at": as_iso(own_report.approved_at) if own_report else None,
        "officer": person_name(own_report.submitted_by) if own_report else "",
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
        "internal_control": internal_control_report(committee, reporting_period),
    }


def committee_report_data(committee: OrgUnit, period_code: str) -> dict[str, Any]:
    """Raises ReportingPeriod.DoesNotExist for a period the city has not set up."""
    reporting_period = ReportingPeriod.objects.select_related("year").get(code=period_code)
    return committee_report_dict(committee, reporting_period)
