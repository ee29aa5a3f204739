"""A unit's or a committee's report as a file: its styra-report/1 JSON, PDF or Word document."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from styra.accounts.permissions import get_unit_for_user
from styra.lib.language import swedish
from styra.organisation.models import Kind

from .. import interchange
from ..access import get_report_for_user
from ..models import ReportingPeriod


def _report_response(data: dict, fmt: str) -> HttpResponse:
    content = interchange.report_data_file(data, fmt)
    response = HttpResponse(content, content_type=interchange.FORMATS[fmt])
    filename = interchange.report_filename(data, fmt)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
@swedish
def report_download(request: HttpRequest, report_id: int, fmt: str) -> HttpResponse:
    """A unit's tertial or annual report as PDF, DOCX or JSON; 404 for whoever may not see it."""
    if fmt not in interchange.FORMATS:
        raise Http404
    report = get_report_for_user(request.user, report_id)
    return _report_response(interchange.unit_report_data(report), fmt)


@login_required
@require_GET
@swedish
def committee_report_download(
    request: HttpRequest, unit_id: int, period: str, fmt: str
) -> HttpResponse:
    """A committee's report with the roll-up of its units, for whoever may see the committee."""
    if fmt not in interchange.FORMATS:
        raise Http404
    committee = get_unit_for_user(request.user, unit_id)
    reporting_period = (
        ReportingPeriod.objects.open().select_related("year").filter(code=period.upper()).first()
    )
    if committee.kind != Kind.COMMITTEE or reporting_period is None:
        raise Http404
    data = interchange.committee_report_dict(committee, reporting_period)
    return _report_response(data, fmt)
