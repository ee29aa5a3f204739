"""The follow-up start page: a year's periods, the reports the user may see, and open ones.

Per period it lists the reports of every node the user may see and, for the
nodes the user may edit that have a plan that year but no report yet, a
button that opens (creates) the report.
"""

from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from styra.accounts.permissions import Action, can, visible_unit_ids
from styra.organisation.models import Kind, OrgUnit
from styra.plans.models import Plan

from ..models import Report, ReportingPeriod
from .reports import STATUS_SYMBOLS, is_late

# Beyond this many units a period offers a list to choose from instead of one button each.
MAX_BUTTONS = 8


@dataclass(frozen=True)
class ReportLine:
    report: Report
    is_late: bool
    status_symbol: str


@dataclass
class PeriodRow:
    period: ReportingPeriod
    reports: list[ReportLine] = field(default_factory=list)
    openable: list[OrgUnit] = field(default_factory=list)

    @property
    def as_buttons(self) -> bool:
        return len(self.openable) <= MAX_BUTTONS


def _selected_year(request: HttpRequest, years: list[int]) -> int | None:
    try:
        wanted = int(request.GET.get("ar", ""))
    except ValueError:
        wanted = None
    if wanted in years:
        return wanted
    today = timezone.localdate().year
    return today if today in years else (years[0] if years else None)


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    all_periods = list(ReportingPeriod.objects.open().select_related("year").order_by("code"))
    years = sorted({p.year.year for p in all_periods}, reverse=True)
    year = _selected_year(request, years)
    rows = {p.pk: PeriodRow(p) for p in all_periods if p.year.year == year}

    visible = visible_unit_ids(user)
    reports = (
        Report.objects.with_header()
        .filter(period_id__in=rows, org_unit_id__in=visible)
        .order_by("unit_name")
    )
    for report in reports:
        rows[report.period_id].reports.append(
            ReportLine(report, is_late(report), STATUS_SYMBOLS[report.status])
        )

    editable = visible_unit_ids(user, Action.EDIT)
    # Without a year there are no periods either, so nothing to open.
    planned = (
        [
            plan.unit
            for plan in Plan.objects.select_related("unit")
            .filter(year__year=year, unit_id__in=editable)
            .order_by("unit_name")
        ]
        if year is not None
        else []
    )
    for row in rows.values():
        has_report = {line.report.org_unit_id for line in row.reports}
        row.openable = [unit for unit in planned if unit.pk not in has_report]

    city = OrgUnit.objects.filter(parent__isnull=True).order_by("pk").first()
    context = {
        "committees": OrgUnit.objects.filter(kind=Kind.COMMITTEE, pk__in=visible).order_by("name"),
        "city": city if city is not None and city.pk in visible else None,
        "years": years,
        "year": year,
        "rows": list(rows.values()),
        "can_administer": city is not None and can(user, Action.ADMINISTER, city),
        "nav": "followup",
    }
    return render(request, "followup/home.html", context)
