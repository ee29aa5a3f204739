"""What a submitted or approved report holds: its content, frozen when it was handed in.

A report is read from the live plan while it is a draft. When it is
submitted, `report_submit` stores two things on the Report row:

- `frozen_content`: the report's styra-report/1 dict (the JSON export, which
  the PDF and Word file are laid out from), plus what the report page shows
  beyond that format (`page`), and for a committee's own report the whole
  committee document with its roll-up (`committee`);
- `frozen_figures`: the few facts the roll-ups take from the report's unit
  (its targets, outcomes and bases, its own goals with their assessments, its
  budget summed in tkr), so that a roll-up reads one small field per decided
  report instead of the live plan.

Every read of a submitted or approved report — its page, PDF, DOCX, JSON,
`export-report`, the committee and city roll-ups and their Excel, the
committee document — uses these and never the plan. Reopening clears them
(the report is read live again) and the next submission freezes anew;
approving keeps what was submitted, so approval never re-reads the plan.

Why on the report, and not protected foreign keys alone or the publication
snapshot: protecting rows stops deletes but not edits (a new indicator, a
changed target, a renamed goal, a budget row typed over), and a report says
what it said only if it holds what it said. The publication Snapshot is the
record of an approval (one per decision, with a PDF/A, versioned and
immutable); a submitted report has none, and the roll-ups need one small
row per report in the same query that finds the reports. The snapshot keeps
its role and is now taken from the frozen content, so it shows exactly what
was submitted.

The roll-ups apply a few rules of the live world to the frozen figures, so those rules
hold still while a report that they judge is handed in: the year's status tolerance and
the period's cut-off (`services.year_set_tolerance`, `services.period_update`), and an
indicator's direction, periodicity and summing (`indicators.services.indicator_update`).
Who submitted, approved or adopted is a PROTECT foreign key: such an account is
deactivated, never deleted. Names and titles of the chain may change; the roll-up pages
label the frozen figures with them, the reports keep their own.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import override

from styra.budget.models import BudgetRow, RowKind
from styra.goals.models import Activity, Goal
from styra.indicators.models import Indicator, Outcome
from styra.indicators.status import Status, StatusMark
from styra.lib.periods import Period
from styra.organisation.models import Kind
from styra.plans.models import Plan

from .context import (
    ActivityLine,
    BudgetLine,
    GoalLine,
    IndicatorLine,
    ReportContext,
    load_report,
)
from .interchange import goal_line_dict, live_committee_report_dict, unit_report_dict
from .models import ActivityFollowUp, BudgetFollowUp, GoalAssessment, Report, ReportSection


def capture(
    report: Report, ctx: ReportContext | None = None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The report's content and roll-up figures as they are now, to freeze on submission.

    `ctx` is the report's live context when the caller has just loaded it. Kept
    in Swedish whatever language the one submitting uses, as the documents are.
    """
    from .rollup import report_figures

    with override("sv"):
        ctx = ctx or load_report(report)
        content = _content(ctx)
        if report.org_unit.kind == Kind.COMMITTEE:
            content["committee"] = live_committee_report_dict(report.org_unit, report.period)
        return content, report_figures(report)


def _content(ctx: ReportContext) -> dict[str, Any]:
    return {
        "report": unit_report_dict(ctx),
        "page": {
            "has_plan": ctx.plan is not None,
            "shared_by": {str(line.indicator.pk): line.shared_by for line in ctx.indicators},
            "activities": {
                str(line.activity.pk): [_iso(line.activity.start), _iso(line.activity.end)]
                for line in ctx.activities
            },
            "sections": [s.pk for s in ctx.sections],
            # A committee without a plan of its own assesses its board goals, which the
            # styra-report/1 goal chain (the plan's) does not list.
            "goals": (
                [goal_line_dict(line, ctx.period.is_forecast) for line in ctx.goals]
                if ctx.plan_ctx is None
                else None
            ),
        },
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


# ---------------------------------------------------------------- the page, from what was frozen


@dataclass
class _Frozen:
    """Builds the report page's lines from the frozen dict, as unsaved model instances.

    Unsaved instances give the template the same attributes and display
    methods as the live context, and never touch the database.
    """

    period: Period
    page: dict[str, Any]

    def indicator(self, item: dict[str, Any], goal: Goal) -> IndicatorLine:
        shared_by = self.page["shared_by"].get(str(item["id"]), "")
        indicator = Indicator(pk=item["id"], name=item["name"], measure=item["measure"])
        has_outcome = item["outcome"] is not None or item["outcome_text"] or item["comment"]
        outcome = (
            Outcome(
                value=_decimal(item["outcome"]), text=item["outcome_text"], comment=item["comment"]
            )
            if has_outcome
            else None
        )
        return IndicatorLine(
            indicator=indicator,
            goal=goal,
            target=item["target"] or None,
            city_target=None,
            outcome=outcome,
            status=StatusMark(Status(item["status"]), note=item.get("status_note", "")),
            own=not shared_by,
            shared_by=shared_by,
        )

    def activity(self, item: dict[str, Any], goal: Goal) -> ActivityLine:
        start, end = self.page["activities"].get(str(item["id"]), [None, None])
        activity = Activity(pk=item["id"], name=item["name"], start=_day(start), end=_day(end))
        follow_up = (
            ActivityFollowUp(status=item["status"], comment=item["comment"])
            if item["status"]
            else None
        )
        return ActivityLine(activity, goal, follow_up)

    def walk(self, goals: list[dict[str, Any]], out: "_Lines") -> None:
        for item in goals:
            goal = Goal(
                pk=item["id"], level=item["level"], number=item["number"], title=item["title"]
            )
            lines = [self.indicator(i, goal) for i in item["indicators"]]
            acts = [self.activity(a, goal) for a in item["activities"]]
            out.indicators.extend(lines)
            out.activities.extend(acts)
            if item["assessed"]:
                assessment = item["assessment"]
                out.goals.append(
                    GoalLine(
                        goal=goal,
                        assessment=(
                            GoalAssessment(
                                value=assessment["value"],
                                proposed=assessment["proposed"],
                                reason=assessment["reason"],
                                analysis=assessment["analysis"],
                            )
                            if assessment
                            else None
                        ),
                        proposed=assessment["proposed"] if assessment else "",
                        indicators=lines,
                        activities=acts,
                    )
                )
            self.walk(item["children"], out)


@dataclass
class _Lines:
    goals: list[GoalLine]
    indicators: list[IndicatorLine]
    activities: list[ActivityLine]


def _budget(data: dict[str, Any] | None) -> list[BudgetLine]:
    lines = []
    for row in data["rows"] if data else []:
        follow_up = (
            BudgetFollowUp(
                outcome=_decimal(row["outcome"]),
                forecast=_decimal(row["forecast"]),
                comment=row["comment"],
            )
            if row["outcome"] is not None or row["forecast"] is not None or row["comment"]
            else None
        )
        # The frozen row already holds its computed figures; its kind only has to say
        # whether it is a sum row (budget.sums computed it at submission).
        kind = RowKind.TOTAL if row["total"] else RowKind.LINE
        lines.append(
            BudgetLine(
                row=BudgetRow(name=row["name"], kind=kind),
                budget=_decimal(row["budget"]),
                follow_up=None if row["total"] else follow_up,
                outcome=_decimal(row["outcome"]),
                forecast=_decimal(row["forecast"]),
                deviation=_decimal(row["deviation"]),
            )
        )
    return lines


def load_report_as_reported(report: Report) -> ReportContext:
    """What the report page shows: the live context for a draft, the frozen one once handed in.

    A submitted or approved report that has not been frozen (made before
    reports froze their content, and missed by the migration) is read live.
    """
    content = report.content_as_submitted
    if not content:
        return load_report(report)
    period = report.period.period
    data, page = content["report"], content["page"]
    lines = _Lines([], [], [])
    frozen = _Frozen(period, page)
    frozen.walk(data["goals"] if page.get("goals") is None else page["goals"], lines)
    frozen_sections = [
        ReportSection(pk=pk, heading=item["heading"], text=item["text"])
        for pk, item in zip(page["sections"], data["sections"], strict=True)
    ]
    plan = (
        Plan.objects.filter(unit=report.org_unit, year=report.period.year).first()
        if page["has_plan"]
        else None
    )
    budget = data["budget"]
    return ReportContext(
        report=report,
        period=period,
        plan=plan,
        plan_ctx=None,
        goals=lines.goals,
        indicators=lines.indicators,
        activities=lines.activities,
        budget=_budget(budget),
        currency_unit=budget["currency_unit"] if budget else "tkr",
        sections=frozen_sections,
        events=list(report.events.select_related("by")),
        organisation=data["organisation"],
    )
