"""An internal control plan as a file, for whoever may read it: the plan, or its follow-up
in one of its year's periods (an adopted plan's: only an adopted plan is followed up)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from styra.followup.models import ReportingPeriod
from styra.lib.language import swedish
from styra.plans.models import PlanStatus

from .access import get_control_plan_for_user
from .files import FORMATS, control_plan_filename, plan_file, year_period
from .models import ControlPlan


def _file_response(
    plan: ControlPlan, fmt: str, period: ReportingPeriod | None = None
) -> HttpResponse:
    content, data = plan_file(plan, fmt, period)
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{control_plan_filename(data, fmt)}"'
    return response


@login_required
@require_GET
@swedish
def download(request: HttpRequest, control_plan_id: int, fmt: str) -> HttpResponse:
    """The plan as styra-internal-control/1 JSON, PDF or DOCX; 404 for who may not see it."""
    if fmt not in FORMATS:
        raise Http404
    plan = get_control_plan_for_user(request.user, control_plan_id)
    return _file_response(plan, fmt)


@login_required
@require_GET
@swedish
def followup_download(
    request: HttpRequest, control_plan_id: int, period: str, fmt: str
) -> HttpResponse:
    """The follow-up of an adopted plan in one of its year's periods, as a file."""
    if fmt not in FORMATS:
        raise Http404
    plan = get_control_plan_for_user(request.user, control_plan_id)
    reporting_period = year_period(plan, period)
    if reporting_period is None or plan.status != PlanStatus.ADOPTED:
        raise Http404
    return _file_response(plan, fmt, reporting_period)
