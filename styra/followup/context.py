"""Everything one unit report shows, loaded in a fixed number of queries.

It builds on the plan's context (the chain, the indicators that apply to
the unit, the activities) and adds the period's outcomes with their status
against the unit's targets, the goal assessments with Styra's proposal, the
activities' statuses and the budget rows' outcome, forecast and deviation.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from styra.budget.models import BudgetRow
from styra.budget.sums import TableRow
from styra.goals.models import Activity, Goal, Level
from styra.indicators.models import NO_PREVIOUS, Indicator, Outcome, Target
from styra.indicators.status import Status, StatusMark, target_status
from styra.lib.numbers import figure_unit
from styra.lib.periods import Period, is_due
from styra.organisation.models import Kind
from styra.plans.context import PlanContext, load_plan
from styra.plans.models import Plan

from .fulfilment import AS_STATUS
from .models import ActivityFollowUp, BudgetFollowUp, GoalAssessment, Report
from .services import budget_deviation, propose_assessment


@dataclass
class IndicatorLine:
    indicator: Indicator
    goal: Goal
    target: str | None
    city_target: str | None
    outcome: Outcome | None
    status: StatusMark
    own: bool
    # Who set a shared indicator: "city" (KF) or "committee"; "" for the unit's own.
    shared_by: str = ""

    @property
    def unit(self) -> str:
        return figure_unit(self.indicator.measure, self.target or self.city_target)


@dataclass
class ActivityLine:
    activity: Activity
    goal: Goal
    follow_up: ActivityFollowUp | None

    @property
    def status(self) -> str:
        return self.follow_up.status if self.follow_up else ""


@dataclass
class GoalLine:
    goal: Goal
    assessment: GoalAssessment | None
    proposed: str
    indicators: list[IndicatorLine] = field(default_factory=list)
    activities: list[ActivityLine] = field(default_factory=list)


@dataclass
class BudgetLine:
    """A budget row's amount, outcome, forecast and deviation; a sum row's from its lines."""

    row: BudgetRow
    budget: Decimal | None
    follow_up: BudgetFollowUp | None  # None on a sum row: nothing is entered there
    outcome: Decimal | None
    forecast: Decimal | None
    deviation: Decimal | None

    @property
    def deficit(self) -> bool:
        return self.deviation is not None and self.deviation < 0

    @property
    def comment(self) -> str:
        return self.follow_up.comment if self.follow_up else ""


def budget_lines(rows: list[TableRow], follow_ups: dict[int, BudgetFollowUp]) -> list[BudgetLine]:
    """The follow-up table by the rules of `budget.sums`: sum rows add up their lines."""

    def figure(name: str):
        return lambda line: getattr(follow_ups.get(line.pk), name, None)

    def deviation(line: BudgetRow) -> Decimal | None:
        return budget_deviation(line, getattr(follow_ups.get(line.pk), "forecast", None))

    result = []
    for row in rows:
        if row.is_sum:
            result.append(
                BudgetLine(
                    row.row,
                    row.amount,
                    None,
                    row.sum_of(figure("outcome")),
                    row.sum_of(figure("forecast")),
                    row.sum_of(deviation, signed=False),
                )
            )
            continue
        follow_up = follow_ups.get(row.pk)
        outcome, forecast = (follow_up.outcome, follow_up.forecast) if follow_up else (None, None)
        result.append(
            BudgetLine(row.row, row.amount, follow_up, outcome, forecast, deviation(row.row))
        )
    return result


@dataclass
class ReportContext:
    report: Report
    period: Period
    plan: Plan | None
    plan_ctx: PlanContext | None
    goals: list[GoalLine]
    indicators: list[IndicatorLine]
    activities: list[ActivityLine]
    budget: list[BudgetLine]
    currency_unit: str
    sections: list
    events: list
    organisation: str = ""  # the committee above the unit, as the report's header names it

    @property
    def missing_assessments(self) -> list[GoalLine]:
        return [g for g in self.goals if not (g.assessment and g.assessment.value)]

    # How much of the report is filled in ("4 av 6 utfall ifyllda"), counted over the
    # lines already loaded, so the page asks no query per row.
    @property
    def outcomes_filled(self) -> tuple[int, int]:
        done = sum(
            1
            for line in self.indicators
            if line.outcome and (line.outcome.value is not None or line.outcome.text)
        )
        return done, len(self.indicators)

    @property
    def assessments_filled(self) -> tuple[int, int]:
        return len(self.goals) - len(self.missing_assessments), len(self.goals)

    @property
    def activities_filled(self) -> tuple[int, int]:
        return sum(1 for line in self.activities if line.status), len(self.activities)


def _committee_goals(report: Report, period: Period, tolerance, assessments, statuses):
    """A committee's report without a plan of its own: its board goals for the year.

    Each board goal carries the committee's own indicators (against the
    committee's targets) and activities; Styra's proposal also weighs how the
    units assessed their goals under it in the same period.
    """
    committee = report.org_unit
    board_goals = list(
        Goal.objects.filter(year=report.period.year, level=Level.BOARD, owner=committee)
        .select_related("parent")
        .order_by("parent__parent__position", "parent__position", "position", "pk")
    )
    indicator_rows = list(
        Indicator.objects.filter(goal__in=board_goals, owner=committee).order_by("position", "pk")
    )
    targets = {
        t.indicator_id: t.text
        for t in Target.objects.filter(indicator__in=indicator_rows, org_unit=committee)
    }
    outcomes = {
        o.indicator_id: o
        for o in Outcome.objects.filter(
            indicator__in=indicator_rows, org_unit=committee, period=period.code
        )
    }
    previous = Outcome.objects.previous_values(
        ((i, targets.get(i.pk)) for i in indicator_rows), [committee.pk], period.code
    )
    acts_by_goal: dict[int, list[Activity]] = {}
    for activity in Activity.objects.filter(goal__in=board_goals, owner=committee):
        acts_by_goal.setdefault(activity.goal_id, []).append(activity)
    unit_assessments: dict[int | None, list[str]] = {}
    for goal_parent, value in (
        GoalAssessment.objects.filter(report__period=report.period, goal__parent__in=board_goals)
        .exclude(value="")
        .values_list("goal__parent_id", "value")
    ):
        unit_assessments.setdefault(goal_parent, []).append(AS_STATUS[value].value)

    goals, indicators, activities = [], [], []
    for goal in board_goals:
        lines = []
        for indicator in (i for i in indicator_rows if i.goal_id == goal.pk):
            if not is_due(indicator.periodicity, period):
                continue
            outcome = outcomes.get(indicator.pk)
            target = targets.get(indicator.pk)
            status = target_status(
                outcome.value if outcome else None,
                target,
                indicator.direction,
                tolerance,
                previous.get(indicator.pk, committee.pk, target),
            )
            lines.append(IndicatorLine(indicator, goal, target, None, outcome, status, True))
        acts = [ActivityLine(a, goal, statuses.get(a.pk)) for a in acts_by_goal.get(goal.pk, [])]
        proposed = propose_assessment(
            [line.status.status.value for line in lines if line.status.status != Status.UNKNOWN]
            + unit_assessments.get(goal.pk, []),
            [a.status for a in acts if a.status],
            forecast=period.is_forecast,
        )
        goals.append(GoalLine(goal, assessments.get(goal.pk), proposed, lines, acts))
        indicators.extend(lines)
        activities.extend(acts)
    return goals, indicators, activities


def _shared_by(row, plan_ctx: PlanContext) -> str:
    if row.own:
        return ""
    return "city" if plan_ctx.city and row.indicator.owner_id == plan_ctx.city.pk else "committee"


def load_report(report: Report) -> ReportContext:
    """The report as the live plan and follow-up rows make it now.

    This is what a draft shows and what submitting freezes; a submitted or
    approved report is read from what it froze (`followup.frozen.load_report_as_reported`).
    """
    period = report.period.period
    year = report.period.year
    plan = Plan.objects.with_header().filter(unit=report.org_unit, year=year).first()
    plan_ctx = load_plan(plan) if plan else None
    tolerance = year.status_tolerance

    outcomes, assessments, statuses, budget_follow_ups = {}, {}, {}, {}
    previous = NO_PREVIOUS
    if plan_ctx:
        rows = [r for n, _ in plan_ctx.walk() for r in n.indicators]
        outcomes = {
            o.indicator_id: o
            for o in Outcome.objects.filter(
                indicator_id__in=[r.indicator.pk for r in rows],
                org_unit=report.org_unit,
                period=period.code,
            )
        }
        previous = Outcome.objects.previous_values(
            ((r.indicator, r.target) for r in rows), [report.org_unit_id], period.code
        )
    assessments = {a.goal_id: a for a in GoalAssessment.objects.filter(report=report)}
    statuses = {s.activity_id: s for s in ActivityFollowUp.objects.filter(report=report)}
    if plan_ctx and plan_ctx.budget_rows:
        budget_follow_ups = {
            f.row_id: f
            for f in BudgetFollowUp.objects.filter(
                row__in=[r.row for r in plan_ctx.budget_rows if not r.is_sum], period=period.code
            )
        }

    goals, indicators, activities = [], [], []
    for node, _depth in plan_ctx.walk() if plan_ctx else []:
        lines = []
        for row in node.indicators:
            if not is_due(row.indicator.periodicity, period):
                continue
            outcome = outcomes.get(row.indicator.pk)
            status = target_status(
                outcome.value if outcome else None,
                row.target,
                row.indicator.direction,
                tolerance,
                previous.get(row.indicator.pk, report.org_unit_id, row.target),
            )
            lines.append(
                IndicatorLine(
                    indicator=row.indicator,
                    goal=node.goal,
                    target=row.target,
                    city_target=row.city_target,
                    outcome=outcome,
                    status=status,
                    own=row.own,
                    shared_by=_shared_by(row, plan_ctx),
                )
            )
        acts = [ActivityLine(a, node.goal, statuses.get(a.pk)) for a in node.activities]
        indicators.extend(lines)
        activities.extend(acts)
        # A unit assesses its own goals; a committee reporting on its own plan, its board goals.
        if node.own and node.goal.level in (Level.UNIT, Level.BOARD):
            proposed = propose_assessment(
                [
                    line.status.status.value
                    for line in lines
                    if line.status.status != Status.UNKNOWN
                ],
                [a.status for a in acts if a.status],
                forecast=period.is_forecast,
            )
            goals.append(GoalLine(node.goal, assessments.get(node.goal.pk), proposed, lines, acts))

    if plan_ctx is None and report.org_unit.kind == Kind.COMMITTEE:
        goals, indicators, activities = _committee_goals(
            report, period, tolerance, assessments, statuses
        )

    budget = budget_lines(plan_ctx.budget_rows, budget_follow_ups) if plan_ctx else []
    return ReportContext(
        report=report,
        period=period,
        plan=plan,
        plan_ctx=plan_ctx,
        goals=goals,
        indicators=indicators,
        activities=activities,
        budget=budget,
        currency_unit=plan_ctx.budget.currency_unit if plan_ctx and plan_ctx.budget else "tkr",
        sections=list(report.sections.all()),
        events=list(report.events.select_related("by")),
        organisation=plan_ctx.committee.name if plan_ctx and plan_ctx.committee else "",
    )
