"""Årshjulet as the signed-in person sees it: every date of a year that concerns them.

The city's dates, the dates of the committees they work in, under or above (the nodes
of their roles, their ancestors and their subtrees: `goals.access.chain_access`), and
the reporting periods' cut-offs and deadlines, each with a link to what it concerns
where there is one thing to link to (the person's plan, report or budget month). The
page and the iCalendar feed read the same list, in a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import groupby

from django.urls import reverse
from django.utils.dates import MONTHS as MONTH_NAMES
from django.utils.translation import gettext as _

from styra.accounts.permissions import Action, AnyUser, visible_unit_ids
from styra.followup.models import Report, ReportingPeriod
from styra.goals.access import chain_access
from styra.goals.models import PlanningYear
from styra.organisation.models import Kind, OrgUnit
from styra.plans.models import Plan

from .models import ONE_PER_PLACE, DateKind, YearDate


@dataclass(frozen=True)
class Item:
    """One date of the calendar: the page's row and the feed's event."""

    uid: str  # stable across fetches: the same date keeps its UID while it exists
    day: date
    summary: str
    where: str  # the committee it concerns; "" for the whole city
    url: str
    kind: str


@dataclass(frozen=True)
class Month:
    year: int
    month: int
    items: list[Item]

    @property
    def label(self) -> str:
        return f"{MONTH_NAMES[self.month]} {self.year}"

    @property
    def anchor(self) -> str:
        return f"m{self.year}-{self.month:02d}"


def visible_years(user: AnyUser) -> list[PlanningYear]:
    """The years the person sees: every open year, and drafts to those who prepare them."""
    access = chain_access(user)
    return [y for y in PlanningYear.objects.order_by("-year") if access.sees_year(y)]


def _only(values: Iterable[str]) -> str:
    """The one link when there is exactly one thing to link to, else none."""
    found = set(values)
    return found.pop() if len(found) == 1 else ""


def _without_replaced(dates: list[YearDate], seen_ids: set[int]) -> list[YearDate]:
    """The dates less the city's plan submission or adoption where it holds for no one
    the person works with: every committee they see has its own (as `styra remind` reads
    it, a committee's own date replaces the city's for its units)."""
    own = {(d.kind, d.org_unit_id) for d in dates if d.org_unit_id and d.kind in ONE_PER_PLACE}
    if not own:
        return dates
    committees = set(
        OrgUnit.objects.filter(pk__in=seen_ids, kind=Kind.COMMITTEE).values_list("pk", flat=True)
    )

    def replaced(obj: YearDate) -> bool:
        return (
            obj.org_unit_id is None
            and obj.kind in ONE_PER_PLACE
            and bool(committees)
            and all((obj.kind, pk) in own for pk in committees)
        )

    return [obj for obj in dates if not replaced(obj)]


def items_for(user: AnyUser, year: PlanningYear) -> list[Item]:
    """Every date of `year` the person may see, by date; at most seven queries whatever
    the year."""
    access = chain_access(user)
    editable = visible_unit_ids(user, Action.EDIT)
    plans = list(
        Plan.objects.filter(year=year, unit_id__in=editable).values_list("pk", "unit__parent_id")
    )
    plan_url = _only(reverse("plans:detail", args=[pk]) for pk, _parent in plans)
    plan_id = plans[0][0] if len(plans) == 1 else None
    items = []
    dates = list(
        YearDate.objects.filter(year=year).seen_from(access.seen_ids).select_related("org_unit")
    )
    for obj in _without_replaced(dates, access.seen_ids):
        url = ""
        if obj.kind in (DateKind.PLAN_SUBMISSION, DateKind.PLAN_ADOPTION):
            url = plan_url
        elif obj.kind == DateKind.BUDGET_FOLLOWUP and obj.month and plan_id is not None:
            url = reverse("followup:budget_month", args=[plan_id, obj.month])
        summary = obj.label
        if obj.kind == DateKind.BUDGET_FOLLOWUP and obj.month and not obj.title:
            month = int(obj.month[-2:])
            summary = _("Sista dag för budgetuppföljning, %(month)s") % {
                "month": MONTH_NAMES[month].lower()
            }
        items.append(
            Item(
                uid=f"yeardate-{obj.pk}",
                day=obj.date,
                summary=summary,
                where=obj.org_unit.name if obj.org_unit else "",
                url=url,
                kind=obj.kind,
            )
        )
    reports: dict[int, list[int]] = {}
    for pk, period_id in Report.objects.filter(
        period__year=year, org_unit_id__in=editable
    ).values_list("pk", "period_id"):
        reports.setdefault(period_id, []).append(pk)
    followup = reverse("followup:home") + f"?ar={year.year}"
    for period in ReportingPeriod.objects.filter(year=year):
        mine = reports.get(period.pk, [])
        url = reverse("followup:report", args=[mine[0]]) if len(mine) == 1 else followup
        label = period.period.display_label
        label = label[:1].lower() + label[1:]  # mid-sentence: "… rapportera tertialrapport 1"
        for part, day, words in (
            ("cutoff", period.cutoff, _("Avstämningsdatum för %(period)s")),
            ("deadline", period.deadline, _("Sista dag att rapportera %(period)s")),
        ):
            items.append(
                Item(
                    uid=f"period-{period.code}-{part}",
                    day=day,
                    summary=words % {"period": label},
                    where="",
                    url=url,
                    kind=f"period_{part}",
                )
            )
    items.sort(key=lambda item: (item.day, item.summary))
    return items


def months(items: list[Item]) -> list[Month]:
    """The items month by month, in date order."""
    return [
        Month(y, m, list(group))
        for (y, m), group in groupby(items, key=lambda item: (item.day.year, item.day.month))
    ]
