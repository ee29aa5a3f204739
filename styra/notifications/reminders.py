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

Plans have no submission deadline in the data model yet (PlanningYear holds none), so
only reports are reminded of.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth.models import User

from styra.followup.models import Report, ReportingPeriod, ReportStatus
from styra.goals.models import YearState
from styra.organisation.models import OrgUnit
from styra.plans.models import Plan

from .recipients import EDITORS, Roster


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
    recipients: list[User]

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
                roster = Roster.for_tree(EDITORS)
            yield Due(period, stage, unit, report, roster.nearest(unit.pk))
