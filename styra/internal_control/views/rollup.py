"""The roll-up page of internal control: a committee's or the city's control plans in a period."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from styra.accounts.permissions import Action, get_unit_for_user, visible_unit_ids
from styra.followup.access import get_rollup_period, rollup_periods
from styra.organisation.models import Kind

from ..rollup import control_rollup_for


@login_required
@require_GET
def rollup(request: HttpRequest, unit_id: int, period: str) -> HttpResponse:
    """For those who may see the committee (or the city): its readers, controllers,
    approvers and administrators and those above; 404 for everyone else and other nodes."""
    node = get_unit_for_user(request.user, unit_id, Action.VIEW)
    if node.kind not in (Kind.COMMITTEE, Kind.CITY):
        raise Http404
    found = control_rollup_for(
        node, get_rollup_period(period), visible=visible_unit_ids(request.user)
    )
    context = {"control": found, "periods": rollup_periods(), "nav": "followup"}
    return render(request, "internal_control/rollup.html", context)
