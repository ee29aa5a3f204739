"""The city's follow-up calendar: each year's periods, their dates and the status tolerance.

Only a city administrator (administer on the root of the tree) may see or
change it; periods are the same for every unit of the city.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from styra.accounts.permissions import require_city_admin
from styra.goals.models import PlanningYear
from styra.lib.http import HtmxHttpRequest
from styra.lib.numbers import format_number
from styra.lib.periods import TERTIALS

from .. import services
from ..forms import PeriodForm, ToleranceForm
from ..models import ReportingPeriod
from .editing import Place, form_view


@dataclass
class YearRow:
    year: PlanningYear
    periods: list[ReportingPeriod]

    @property
    def complete(self) -> bool:
        return len(self.periods) >= len(TERTIALS)


def year_rows(years) -> list[YearRow]:
    by_year: dict[int, list[ReportingPeriod]] = {}
    for period in ReportingPeriod.objects.filter(year__in=years).order_by("code"):
        by_year.setdefault(period.year_id, []).append(period)
    return [YearRow(year, by_year.get(year.pk, [])) for year in years]


def _render_year(request: HtmxHttpRequest, year: PlanningYear) -> HttpResponse:
    context = {"row": year_rows([year])[0], "nav": "followup"}
    return render(request, "followup/periods.html#year", context)


def _place(request: HtmxHttpRequest, year: PlanningYear) -> Place:
    return Place(
        page_url=reverse("followup:periods"),
        block=f"year-{year.pk}",
        slot=f"year-{year.pk}",
        block_url=reverse("followup:periods_block", args=[year.pk]),
        render_block=lambda: _render_year(request, year),
    )


@login_required
@require_GET
def periods(request: HtmxHttpRequest) -> HttpResponse:
    require_city_admin(request.user)
    years = list(PlanningYear.objects.order_by("-year"))
    return render(request, "followup/periods.html", {"years": year_rows(years), "nav": "followup"})


@login_required
@require_GET
def year_block(request: HtmxHttpRequest, year_id: int) -> HttpResponse:
    require_city_admin(request.user)
    year = get_object_or_404(PlanningYear, pk=year_id)
    if not request.htmx:
        return redirect(reverse("followup:periods") + f"#year-{year.pk}")
    return _render_year(request, year)


@login_required
@require_POST
def periods_create(request: HtmxHttpRequest, year_id: int) -> HttpResponse:
    """Create the year's T1, T2 and VB with the default dates; existing ones are kept."""
    require_city_admin(request.user)
    year = get_object_or_404(PlanningYear, pk=year_id)
    services.periods_ensure(year=year)
    if request.htmx:
        return _render_year(request, year)
    messages.success(request, _("Perioderna för %(year)s är skapade.") % {"year": year.year})
    return redirect(reverse("followup:periods") + f"#year-{year.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def period_edit(request: HtmxHttpRequest, period_id: int) -> HttpResponse:
    require_city_admin(request.user)
    period = get_object_or_404(ReportingPeriod.objects.select_related("year"), pk=period_id)
    form = PeriodForm(
        request.POST or None, initial={"cutoff": period.cutoff, "deadline": period.deadline}
    )
    return form_view(
        request,
        form=form,
        place=_place(request, period.year),
        title=_("Datum för %(period)s") % {"period": period.period.display_label},
        on_valid=lambda data: services.period_update(period=period, **data),
    )


@login_required
@require_http_methods(["GET", "POST"])
def tolerance_edit(request: HtmxHttpRequest, year_id: int) -> HttpResponse:
    require_city_admin(request.user)
    year = get_object_or_404(PlanningYear, pk=year_id)
    form = ToleranceForm(
        request.POST or None, initial={"status_tolerance": format_number(year.status_tolerance)}
    )
    return form_view(
        request,
        form=form,
        place=_place(request, year),
        title=_("Tolerans för delvis uppnått %(year)s") % {"year": year.year},
        on_valid=lambda data: services.year_set_tolerance(
            year=year, tolerance=data["status_tolerance"]
        ),
    )
