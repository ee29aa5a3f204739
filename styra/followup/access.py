"""Who may load which report: the policy (accounts.permissions) applied to a report's unit."""

from django.http import Http404

from styra.accounts.permissions import Action, AnyUser, require

from .models import Report, ReportStatus


def get_report_for_user(user: AnyUser, report_id: int, action: Action = Action.VIEW) -> Report:
    """The report if the user may do `action` on it; writes need a draft (else 403)."""
    report = (
        Report.objects.with_header()
        .select_related("submitted_by", "approved_by")
        .filter(pk=report_id)
        .first()
    )
    if report is None:
        raise Http404
    require(user, action, report.org_unit, locked=report.status != ReportStatus.DRAFT)
    return report
