"""A report's history: every change to the report, for everyone who may see it.

The page is the report's (its access, title and way back); the audit trail draws the
entries (styra.audit.pages).
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from styra.accounts.permissions import Action, can
from styra.audit import pages
from styra.audit.models import AuditEntry

from ..access import get_report_for_user


@login_required
@require_GET
def report_history(request: HttpRequest, report_id: int) -> HttpResponse:
    """Every change to the report: workflow, assessments, statuses, texts and its outcomes."""
    report = get_report_for_user(request.user, report_id)
    return pages.history(
        request,
        AuditEntry.objects.filter(report_id=report.pk),
        title=_("Historik – %(report)s") % {"report": report},
        back_url=reverse("followup:report", args=[report.pk]),
        nav="followup",
        administrator=can(request.user, Action.ADMINISTER, report.org_unit),
    )
