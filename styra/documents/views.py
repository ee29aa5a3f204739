from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import override
from django.views.decorators.http import require_GET

from styra.accounts.permissions import Action, get_unit_for_user, require
from styra.followup.models import Report, ReportingPeriod
from styra.organisation.models import Kind
from styra.plans.access import get_plan_for_user

from . import report_layout
from .export import FORMATS, plan_file, plan_filename


def swedish(view):
    """The documents are the municipality's own (public records, in Swedish), whatever
    language the reader uses the interface in: the labels they take from models stay Swedish.
    (A fresh override per call: one shared instance would keep state across threads.)"""

    @wraps(view)
    def in_swedish(*args, **kwargs):
        with override("sv"):
            return view(*args, **kwargs)

    return in_swedish


@login_required
@require_GET
@swedish
def plan_download(request: HttpRequest, plan_id: int, fmt: str) -> HttpResponse:
    """The plan as PDF, DOCX or styra-plan/1 JSON, for anyone who may read it."""
    if fmt not in FORMATS:
        raise Http404
    plan = get_plan_for_user(request.user, plan_id)
    response = HttpResponse(plan_file(plan, fmt), content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{plan_filename(plan, fmt)}"'
    return response


def _report_response(data: dict, fmt: str) -> HttpResponse:
    content = report_layout.report_data_file(data, fmt)
    response = HttpResponse(content, content_type=report_layout.FORMATS[fmt])
    filename = report_layout.report_filename(data, fmt)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
@swedish
def report_download(request: HttpRequest, report_id: int, fmt: str) -> HttpResponse:
    """A unit's tertial or annual report as PDF, DOCX or JSON; 404 for whoever may not see it."""
    if fmt not in report_layout.FORMATS:
        raise Http404
    report = Report.objects.with_header().filter(pk=report_id).first()
    if report is None:
        raise Http404
    require(request.user, Action.VIEW, report.org_unit)
    return _report_response(report_layout.unit_report_data(report), fmt)


@login_required
@require_GET
@swedish
def committee_report_download(
    request: HttpRequest, unit_id: int, period: str, fmt: str
) -> HttpResponse:
    """A committee's report with the roll-up of its units, for whoever may see the committee."""
    if fmt not in report_layout.FORMATS:
        raise Http404
    committee = get_unit_for_user(request.user, unit_id)
    reporting_period = (
        ReportingPeriod.objects.select_related("year").filter(code=period.upper()).first()
    )
    if committee.kind != Kind.COMMITTEE or reporting_period is None:
        raise Http404
    data = report_layout.committee_report_dict(committee, reporting_period)
    return _report_response(data, fmt)
