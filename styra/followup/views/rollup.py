"""Roll-up pages of a period for a committee and for the city, and their Excel download."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from styra.accounts.permissions import Action, can, get_unit_for_user, visible_unit_ids
from styra.lib.periods import Period
from styra.organisation.models import Kind, OrgUnit

from ..excel import rollup_workbook
from ..models import ReportingPeriod
from ..rollup import rollup_for
from ..rollup_tables import Rollup

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _period_or_404(code: str) -> ReportingPeriod:
    try:
        code = Period.parse(code).code
    except ValueError as exc:
        raise Http404 from exc
    # A draft year's periods have nothing to roll up and its chain is not the units' yet.
    period = ReportingPeriod.objects.open().select_related("year").filter(code=code).first()
    if period is None or period.period.is_month:
        raise Http404
    return period


def _committee_rollup(request: HttpRequest, committee_id: int, period: str) -> Rollup:
    committee = get_unit_for_user(request.user, committee_id, Action.VIEW)
    if committee.kind != Kind.COMMITTEE:
        raise Http404
    return rollup_for(committee, _period_or_404(period), visible=visible_unit_ids(request.user))


def _city_rollup(request: HttpRequest, period: str) -> Rollup:
    """The city root the user may see; with several roots, the first of them."""
    roots = OrgUnit.objects.filter(parent=None, kind=Kind.CITY).order_by("pk")
    city = next((c for c in roots if can(request.user, Action.VIEW, c)), None)
    if city is None:
        raise Http404
    return rollup_for(city, _period_or_404(period), visible=visible_unit_ids(request.user))


def _page(request: HttpRequest, rollup: Rollup) -> HttpResponse:
    tertials = ReportingPeriod.objects.open().filter(code__regex=r"^\d{4}(T1|T2|VB)$")
    periods = tertials.order_by("code")
    context = {"rollup": rollup, "periods": list(periods), "nav": "followup"}
    return render(request, "followup/rollup.html", context)


def _excel(rollup: Rollup) -> HttpResponse:
    response = HttpResponse(rollup_workbook(rollup), content_type=XLSX)
    name = slugify(f"sammanstallning-{rollup.scope.name}-{rollup.period.code}")
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@login_required
@require_GET
def committee(request: HttpRequest, committee_id: int, period: str) -> HttpResponse:
    return _page(request, _committee_rollup(request, committee_id, period))


@login_required
@require_GET
def city(request: HttpRequest, period: str) -> HttpResponse:
    return _page(request, _city_rollup(request, period))


@login_required
@require_GET
def committee_excel(request: HttpRequest, committee_id: int, period: str) -> HttpResponse:
    return _excel(_committee_rollup(request, committee_id, period))


@login_required
@require_GET
def city_excel(request: HttpRequest, period: str) -> HttpResponse:
    return _excel(_city_rollup(request, period))
