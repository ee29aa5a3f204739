"""The follow-up start page: the periods of a year and the reports the user may see."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from styra.accounts.permissions import visible_unit_ids

from ..models import Report, ReportingPeriod


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    periods = list(ReportingPeriod.objects.select_related("year").order_by("-code"))
    reports = (
        Report.objects.with_header()
        .filter(org_unit_id__in=visible_unit_ids(request.user))
        .order_by("-period__code", "unit_name")
    )
    context = {"periods": periods, "reports": reports, "nav": "followup"}
    return render(request, "followup/home.html", context)
