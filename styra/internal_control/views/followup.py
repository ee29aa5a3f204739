"""The follow-up of an adopted control plan on its page: each control's result in a period
and the measures taken on a deviation.

Written by the node's editors once the plan is adopted (the access helpers' `followup`),
in a period of the plan's year until the node's report for it is handed in: before
adoption and after that report the forms are refused (403, with the reason as a message)
before they are shown, and the services refuse the same writes.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from styra.accounts.permissions import Action
from styra.followup.models import ReportingPeriod
from styra.followup.views.editing import Place, form_view
from styra.lib.periods import Period

from .. import services
from ..access import get_control_for_user, get_measure_for_user, get_result_for_user
from ..forms import MeasureForm, ResultForm
from ..models import ControlPlan
from .pages import NAV, delete_view, place

BLOCK = "followup"
MEASURE_INITIAL = services.MEASURE_FIELDS


def _refuse_closed(request: HttpRequest, plan: ControlPlan, period: ReportingPeriod) -> None:
    """403 with the reason when the period's follow-up is not open for writing."""
    try:
        services.refuse_followup(plan, period)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        raise PermissionDenied from exc


def _place(request: HttpRequest, plan: ControlPlan, period: ReportingPeriod) -> Place:
    return place(request, plan, BLOCK, f"period-{period.code}")


@login_required
@require_http_methods(["GET", "POST"])
def result_report(request: HttpRequest, control_id: int, period: str) -> HttpResponse:
    control = get_control_for_user(request.user, control_id, Action.EDIT, followup=True)
    plan = control.risk.plan
    try:
        code = Period.parse(period).code
    except ValueError:
        raise Http404 from None
    reporting_period = ReportingPeriod.objects.filter(code=code, year_id=plan.year_id).first()
    if reporting_period is None or reporting_period.period.part not in control.reported_in:
        raise Http404
    _refuse_closed(request, plan, reporting_period)
    result = control.results.filter(period=reporting_period).first()
    initial = (
        {
            "done": "yes" if result.done else "no",
            "result": result.result,
            "findings": result.findings,
        }
        if result is not None
        else {}
    )
    user = request.user
    assert isinstance(user, User)  # login_required

    def report(data: dict[str, Any]) -> object:
        return services.result_report(control=control, period=reporting_period, **data, by=user)

    return form_view(
        request,
        form=ResultForm(request.POST or None, initial=initial),
        place=_place(request, plan, reporting_period),
        title=_("%(period)s: %(control)s")
        % {"period": reporting_period.period.display_label, "control": control.what[:80]},
        on_valid=report,
        submit_label=_("Spara resultatet"),
        nav=NAV,
    )


@login_required
@require_http_methods(["GET", "POST"])
def measure_create(request: HttpRequest, result_id: int) -> HttpResponse:
    result = get_result_for_user(request.user, result_id, Action.EDIT)
    plan = result.control.risk.plan
    _refuse_closed(request, plan, result.period)
    return form_view(
        request,
        form=MeasureForm(request.POST or None),
        place=_place(request, plan, result.period),
        title=_("Ny åtgärd"),
        on_valid=lambda data: services.measure_create(result=result, **data),
        submit_label=_("Lägg till"),
        nav=NAV,
    )


@login_required
@require_http_methods(["GET", "POST"])
def measure_edit(request: HttpRequest, measure_id: int) -> HttpResponse:
    measure = get_measure_for_user(request.user, measure_id, Action.EDIT)
    result = measure.result
    plan = result.control.risk.plan
    _refuse_closed(request, plan, result.period)
    initial = {name: getattr(measure, name) for name in MEASURE_INITIAL}
    return form_view(
        request,
        form=MeasureForm(request.POST or None, initial=initial),
        place=_place(request, plan, result.period),
        title=_("Ändra åtgärden"),
        on_valid=lambda data: services.measure_update(measure=measure, **data),
        nav=NAV,
    )


@login_required
@require_POST
def measure_delete(request: HttpRequest, measure_id: int) -> HttpResponse:
    measure = get_measure_for_user(request.user, measure_id, Action.EDIT)
    result = measure.result
    plan = result.control.risk.plan
    _refuse_closed(request, plan, result.period)
    return delete_view(
        request,
        plan,
        block=BLOCK,
        slot=f"period-{result.period.code}",
        question=_("Åtgärden ”%(name)s” tas bort.") % {"name": measure.name[:80]},
        delete=lambda: services.measure_delete(measure=measure),
        done=_("Åtgärden är borttagen."),
    )
