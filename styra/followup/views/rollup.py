"""Roll-up pages of a period for a committee and for the city, and their Excel download."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from styra.accounts.permissions import Action, can, get_unit_for_user, visible_unit_ids
from styra.organisation.models import Kind, OrgUnit

from ..access import get_rollup_period, rollup_periods
from ..excel import rollup_workbook
from ..rollup import rollup_for
from ..rollup_internal_control import internal_control_rollup, internal_control_sheets
from ..rollup_tables import Rollup

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _committee_rollup(
    request: HttpRequest, committee_id: int, period: str, visible: set[int]
) -> Rollup:
    committee = get_unit_for_user(request.user, committee_id, Action.VIEW)
    if committee.kind != Kind.COMMITTEE:
        raise Http404
    return rollup_for(committee, get_rollup_period(period), visible=visible)


def _city_rollup(request: HttpRequest, period: str, visible: set[int]) -> Rollup:
    """The city root the user may see; with several roots, the first of them."""
    roots = OrgUnit.objects.filter(parent=None, kind=Kind.CITY).order_by("pk")
    city = next((c for c in roots if can(request.user, Action.VIEW, c)), None)
    if city is None:
        raise Http404
    return rollup_for(city, get_rollup_period(period), visible=visible)


def _page(request: HttpRequest, rollup: Rollup, visible: set[int]) -> HttpResponse:
    context = {
        "rollup": rollup,
        "periods": rollup_periods(),
        "internal_control": internal_control_rollup(rollup.scope, rollup.period, visible),
        "nav": "followup",
    }
    return render(request, "followup/rollup.html", context)


def _excel(rollup: Rollup, visible: set[int]) -> HttpResponse:
    control = internal_control_sheets(rollup.scope, rollup.period, visible)
    response = HttpResponse(rollup_workbook(rollup, control), content_type=XLSX)
    name = slugify(f"sammanstallning-{rollup.scope.name}-{rollup.period.code}")
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@login_required
@require_GET
def committee(request: HttpRequest, committee_id: int, period: str) -> HttpResponse:
    visible = visible_unit_ids(request.user)
    return _page(request, _committee_rollup(request, committee_id, period, visible), visible)


@login_required
@require_GET
def city(request: HttpRequest, period: str) -> HttpResponse:
    visible = visible_unit_ids(request.user)
    return _page(request, _city_rollup(request, period, visible), visible)


@login_required
@require_GET
def committee_excel(request: HttpRequest, committee_id: int, period: str) -> HttpResponse:
    visible = visible_unit_ids(request.user)
    return _excel(_committee_rollup(request, committee_id, period, visible), visible)


@login_required
@require_GET
def city_excel(request: HttpRequest, period: str) -> HttpResponse:
    visible = visible_unit_ids(request.user)
    return _excel(_city_rollup(request, period, visible), visible)
