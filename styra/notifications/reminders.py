"""Which reminders are due today: reports not handed in as a period's deadline comes and goes.

A unit that has a plan for a year open to the units (not the city's draft of next year)
reports in each of the year's periods (followup's start page offers it the report). Until
its report is submitted it is reminded three times: 7 days before the deadline, the day
before, and the day after (late). Each reminder is due from its day until the next one
starts, so a run of `styra remind` that comes after missed hours or days still sends it,
once; a late reminder is not sent more than a week after the deadline (a first run long
after a period says nothing of it).

The dedupe key names the period, the unit, the reminder and the deadline: sending is
idempotent, and a deadline the city moves gets its own reminders.

Plans are reminded of the same way before and after the year's plan submission date
(cycle's `YearDate`, the whole city's or a committee's): every unit whose plan for the
year is still a draft, under the date's committee (or the whole city), is reminded at the
same three stages; the key names the year date, the unit, the stage and the date. A
committee's own date replaces the city's for the units under it, so that a committee that
gives its units longer does not see them told they are late by the city's date.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from styra.cycle.models import DateKind, YearDate
from styra.followup.models import Report, ReportingPeriod, ReportStatus
from styra.goals.models import YearState
from styra.organisation.models import OrgUnit
from styra.plans.models import Plan, PlanStatus

from .recipients import WRITERS, Roster, Writers


@dataclass(frozen=True)
class Stage:
    code: str
    first_day: int  # days from the deadline (negative: before it) the reminder is due from
    last_day: int  # the last day it is still sent after missed runs


STAGES = (
    Stage("7-dagar-kvar", -7, -2),
    Stage("1-dag-kvar", -1, 0),
    Stage("forsenad", 1, 7),
)
EARLIEST, LATEST = STAGES[0].first_day, STAGES[-1].last_day


def stage_on(deadline: date, today: date) -> Stage | None:
    """The reminder due on `today` for a deadline, if any."""
    offset = (today - deadline).days
    for stage in STAGES:
        if stage.first_day <= offset <= stage.last_day:
            return stage
    return None


@dataclass(frozen=True)
class Due:
    """One unit to remind of one period's report, and whom to tell."""

    period: ReportingPeriod
    stage: Stage
    unit: OrgUnit
    report: Report | None
    writers: Writers  # whom to tell: the unit's editors, or its administrators standing in

    @property
    def where(self) -> str:
        return f"{self.period.period.label}, {self.unit.name}"

    @property
    def dedupe_key(self) -> str:
        return (
            f"reminder:report:{self.period.code}:{self.unit.pk}:"
            f"{self.stage.code}:{self.period.deadline.isoformat()}"
        )


def periods_near(today: date) -> list[ReportingPeriod]:
    """The periods whose deadline is near enough to today for a reminder to be due."""
    return list(
        ReportingPeriod.objects.select_related("year")
        .filter(
            year__state=YearState.OPEN,  # a draft year is the city's; units are not in it yet
            deadline__gte=today - timedelta(days=LATEST),
            deadline__lte=today - timedelta(days=EARLIEST),
        )
        .order_by("deadline", "code")
    )


def due_reports(today: date) -> Iterator[Due]:
    """Every report reminder due today, unit by unit; a few queries per period."""
    roster: Roster | None = None
    for period in periods_near(today):
        stage = stage_on(period.deadline, today)
        if stage is None:
            continue
        reports = {report.org_unit_id: report for report in Report.objects.filter(period=period)}
        units = [
            plan.unit
            for plan in Plan.objects.select_related("unit")
            .filter(year_id=period.year_id, unit__active=True)
            .order_by("unit_name", "pk")
        ]
        for unit in units:
            report = reports.get(unit.pk)
            if report is not None and report.status != ReportStatus.DRAFT:
                continue
            if roster is None:
                roster = Roster.for_tree(WRITERS)
            yield Due(period, stage, unit, report, roster.writers(unit.pk))


@dataclass(frozen=True)
class PlanDue:
    """One unit to remind of handing in its plan by the year's submission date."""

    year_date: YearDate
    stage: Stage
    plan: Plan
    writers: Writers  # whom to tell: the unit's editors, or its administrators standing in

    @property
    def unit(self) -> OrgUnit:
        return self.plan.unit

    @property
    def where(self) -> str:
        return f"Verksamhetsplan {self.plan.year.year}, {self.unit.name}"

    @property
    def dedupe_key(self) -> str:
        return (
            f"reminder:plan:{self.year_date.pk}:{self.unit.pk}:"
            f"{self.stage.code}:{self.year_date.date.isoformat()}"
        )


def due_plans(today: date) -> Iterator[PlanDue]:
    """Every plan submission reminder due today; a few queries per submission date.

    A committee that sets its own submission date answers for the units under it: the
    city's date reminds only the units of committees without one.
    """
    roster: Roster | None = None
    paths: dict[int, list[int]] | None = None
    near = (
        YearDate.objects.select_related("year")
        .filter(
            kind=DateKind.PLAN_SUBMISSION,
            year__state=YearState.OPEN,
            date__gte=today - timedelta(days=LATEST),
            date__lte=today - timedelta(days=EARLIEST),
        )
        .order_by("date", "pk")
    )
    for year_date in near:
        stage = stage_on(year_date.date, today)
        if stage is None:
            continue
        own_dates = set(
            YearDate.objects.filter(
                year_id=year_date.year_id, kind=DateKind.PLAN_SUBMISSION, org_unit__isnull=False
            ).values_list("org_unit_id", flat=True)
        )
        if paths is None and own_dates:
            paths = {
                node.pk: node.tree_path
                for node in OrgUnit.objects.with_tree_fields().only("pk", "parent_id")
            }
        plans = Plan.objects.select_related("unit", "year").filter(
            year_id=year_date.year_id, unit__active=True, status=PlanStatus.DRAFT
        )
        for plan in plans.order_by("unit_name", "pk"):
            path = set(paths.get(plan.unit_id, ())) if paths is not None else set()
            if year_date.org_unit_id is None:
                if own_dates & path:
                    continue
            elif year_date.org_unit_id not in path:
                continue
            if roster is None:
                roster = Roster.for_tree(WRITERS)
            yield PlanDue(year_date, stage, plan, roster.writers(plan.unit_id))
