"""Who may load which report: the policy (accounts.permissions) applied to a report's unit;
and which periods a roll-up may be asked for."""

from django.http import Http404

from styra.accounts.permissions import Action, AnyUser, require
from styra.lib.periods import Period

from .models import Report, ReportingPeriod, ReportStatus


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


def get_rollup_period(code: str) -> ReportingPeriod:
    """The tertial (T1, T2 or VB) of an open year that `code` names; 404 for anything else.

    A draft year's periods have nothing to roll up and its chain is not the units' yet.
    """
    try:
        code = Period.parse(code).code
    except ValueError as exc:
        raise Http404 from exc
    period: ReportingPeriod | None = (
        ReportingPeriod.objects.open().select_related("year").filter(code=code).first()
    )
    if period is None or period.period.is_month:
        raise Http404
    return period


def rollup_periods() -> list[ReportingPeriod]:
    """The open years' tertials, oldest first: the roll-up pages' period switcher."""
    tertials = ReportingPeriod.objects.open().filter(code__regex=r"^\d{4}(T1|T2|VB)$")
    return list(tertials.order_by("code"))
