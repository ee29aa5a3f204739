"""What the signed-in person has to do: the "Att göra" list of the start page.

Everything is read in a fixed number of queries whatever the size of the city: the
tree once (with each node's path, so `can` asks no more), the visible plans, the open
periods, the visible reports of those periods and the person's imports in the trail.
The rest is sorting in memory. Each list holds only what `can` lets the person see.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from itertools import groupby

from django.urls import reverse

from styra.accounts.models import Role
from styra.accounts.permissions import Action, AnyUser, can, roles_on
from styra.audit.models import Action as AuditAction
from styra.audit.models import AuditEntry
from styra.followup.models import Report, ReportingPeriod, ReportStatus
from styra.goals.models import YearState
from styra.organisation.models import OrgUnit
from styra.plans.models import Plan, PlanStatus

# Roles that oversee the units below them: they are told which of those have not reported.
OVERSEERS = frozenset({Role.APPROVER, Role.CONTROLLER, Role.ADMIN})


@dataclass
class Due:
    """A report a unit the person edits has still to hand in for a period."""

    unit_name: str
    period: ReportingPeriod
    url: str
    report: Report | None
    today: datetime.date

    @property
    def days(self) -> int:
        """Days left until the deadline (negative: days since it passed)."""
        return (self.period.deadline - self.today).days

    @property
    def is_late(self) -> bool:
        return self.days < 0

    @property
    def days_late(self) -> int:
        return -self.days


@dataclass
class Todo:
    due: list[Due] = field(default_factory=list)
    plans_to_write: list[Plan] = field(default_factory=list)
    plans_to_approve: list[Plan] = field(default_factory=list)
    reports_to_approve: list[Report] = field(default_factory=list)
    not_reported: list[Due] = field(default_factory=list)
    imports: list[Plan] = field(default_factory=list)
    by_year: list[tuple[int, list[Plan]]] = field(default_factory=list)
    oversees: bool = False

    @property
    def late_count(self) -> int:
        return sum(1 for item in self.due if item.is_late)


def _report_url(report: Report | None) -> str:
    if report is None:
        return reverse("followup:home")
    return reverse("followup:report", args=[report.pk])


def todo_for(user: AnyUser, *, today: datetime.date) -> Todo:
    """The person's lists; every item is of a node `can` lets them see."""
    nodes = {node.pk: node for node in OrgUnit.objects.with_tree_fields()}
    visible = {pk for pk, node in nodes.items() if can(user, Action.VIEW, node)}
    editable = {pk for pk in visible if can(user, Action.EDIT, nodes[pk])}
    approvable = {pk for pk in visible if can(user, Action.APPROVE, nodes[pk])}
    overseen = {
        pk
        for pk in visible
        if nodes[pk].parent_id is not None
        and roles_on(user, nodes[nodes[pk].parent_id]) & OVERSEERS
    }

    plans = list(
        Plan.objects.with_header()
        .filter(unit_id__in=visible)
        .order_by("-year__year", "unit_name", "pk")
    )
    todo = Todo(oversees=bool(overseen))
    todo.by_year = [(y, list(items)) for y, items in groupby(plans, key=lambda p: p.year.year)]
    todo.plans_to_write = [
        p
        for p in plans
        if p.status == PlanStatus.DRAFT
        and p.unit_id in editable
        and p.year.state == YearState.OPEN
        and p.year.year in (today.year, today.year + 1)
    ]
    todo.plans_to_approve = [
        p for p in plans if p.status == PlanStatus.SUBMITTED and p.unit_id in approvable
    ]

    periods = list(ReportingPeriod.objects.open().select_related("year").order_by("deadline"))
    reports = {
        (r.org_unit_id, r.period_id): r
        for r in Report.objects.with_header().filter(
            period_id__in=[p.pk for p in periods], org_unit_id__in=visible
        )
    }
    todo.reports_to_approve = sorted(
        (
            r
            for r in reports.values()
            if r.status == ReportStatus.SUBMITTED and r.org_unit_id in approvable
        ),
        key=lambda r: (r.period.deadline, r.unit_name),
    )

    # A unit reports in a year it has a plan for (the follow-up page opens reports so).
    planned = {(p.unit_id, p.year_id): p for p in plans}
    for period in periods:
        for (unit_id, year_id), plan in planned.items():
            if year_id != period.year_id:
                continue
            report = reports.get((unit_id, period.pk))
            if report is not None and report.is_decided:
                continue
            item = Due(plan.unit_name, period, _report_url(report), report, today)
            if unit_id in editable:
                todo.due.append(item)
            if unit_id in overseen and item.is_late:
                todo.not_reported.append(item)
    todo.due.sort(key=lambda d: (not d.is_late, d.period.deadline, d.unit_name))
    todo.not_reported.sort(key=lambda d: (d.period.deadline, d.unit_name))

    todo.imports = _draft_imports(user, plans, editable)
    return todo


def _draft_imports(user: AnyUser, plans: list[Plan], editable: set[int]) -> list[Plan]:
    """The draft plans this person created through the import page.

    The importer keeps no drafts of its own: an import is stored at once as the unit's
    draft plan, so "my draft imports" are the plans whose creation the trail records as
    this person's, made on the import page, and that are still drafts they may edit.
    """
    if not getattr(user, "pk", None):
        return []
    drafts = {p.pk: p for p in plans if p.status == PlanStatus.DRAFT and p.unit_id in editable}
    if not drafts:
        return []
    created = set(
        AuditEntry.objects.filter(
            actor_id=user.pk,
            action=AuditAction.CREATE,
            object_type="plans.plan",
            path__startswith=reverse("importer:upload"),
        ).values_list("object_id", flat=True)
    )
    return [plan for pk, plan in drafts.items() if str(pk) in created]
