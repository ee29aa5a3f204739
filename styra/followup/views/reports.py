"""A unit's report for a period: the page, its blocks and its workflow.

Every view resolves the report through `get_report_for_user`, which asks
`accounts.permissions` about the report's org unit: 404 when the user may
not see it, 403 when they may see it but not act. Writes to the report's
content are refused unless the report is a draft (a submitted report is
read-only until it is reopened; an approved one is locked).
"""

from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRedirect

from styra.accounts.permissions import Action, can, get_unit_for_user
from styra.lib.dialog import dialog_panel
from styra.lib.http import HtmxHttpRequest

from .. import services
from ..access import get_report_for_user
from ..context import GoalLine
from ..forms import OpenReportForm
from ..frozen import load_report_as_reported
from ..fulfilment import fulfilment_label
from ..models import Report, ReportingPeriod, ReportStatus
from .editing import Place

BLOCKS = ("header", "indicators", "goals", "activities", "budget", "sections")
STATUS_SYMBOLS: dict[str, str] = {
    ReportStatus.DRAFT: "✎",
    ReportStatus.SUBMITTED: "➔",
    ReportStatus.APPROVED: "✓",
}


def is_late(report: Report) -> bool:
    """A report is late when it is still a draft after the period's deadline."""
    return report.status == ReportStatus.DRAFT and timezone.localdate() > report.period.deadline


@dataclass
class GoalRow:
    line: GoalLine
    proposal: str
    value: str


def page_context(request: HttpRequest, report: Report) -> dict:
    # A handed-in report shows what it held when it was submitted, not the plan as it is now.
    ctx = load_report_as_reported(report)
    user, unit = request.user, report.org_unit
    draft = report.status == ReportStatus.DRAFT
    forecast = ctx.period.is_forecast
    goals = [
        GoalRow(
            line,
            fulfilment_label(line.proposed, forecast=forecast),
            fulfilment_label(line.assessment.value if line.assessment else "", forecast=forecast),
        )
        for line in ctx.goals
    ]
    # The dates it was handed in under: a deadline moved later does not rewrite them.
    held = report.content_as_submitted
    cutoff, deadline = report.period.cutoff, report.period.deadline
    if held:
        cutoff = date.fromisoformat(held["report"]["cutoff"])
        deadline = date.fromisoformat(held["report"]["deadline"])
    return {
        "report": report,
        "ctx": ctx,
        "cutoff": cutoff,
        "deadline": deadline,
        "goals": goals,
        "status_symbol": STATUS_SYMBOLS[report.status],
        "is_late": is_late(report),
        "can_edit": can(user, Action.EDIT, unit, locked=not draft),
        "can_budget": can(user, Action.BUDGET, unit, locked=not draft),
        "can_submit": draft and can(user, Action.EDIT, unit),
        "can_approve": report.status == ReportStatus.SUBMITTED and can(user, Action.APPROVE, unit),
        "can_reopen": not draft and can(user, Action.APPROVE, unit),
        "nav": "followup",
    }


def report_url(report: Report) -> str:
    return reverse("followup:report", args=[report.pk])


def render_block(request: HttpRequest, report: Report, block: str, **extra) -> HttpResponse:
    if block not in BLOCKS:
        raise Http404
    context = page_context(request, report)
    context.update(extra)
    return render(request, f"followup/report.html#{block}", context)


def place(request: HttpRequest, report: Report, block: str, slot: str = "") -> Place:
    return Place(
        page_url=report_url(report),
        block=block,
        slot=slot or block,
        block_url=reverse("followup:report_block", args=[report.pk, block]),
        render_block=lambda: render_block(request, report, block),
    )


@login_required
@require_GET
def detail(request: HtmxHttpRequest, report_id: int) -> HttpResponse:
    report = get_report_for_user(request.user, report_id)
    context = page_context(request, report)
    # The dialog is the page's only and never part of the report: its blocks and files lack it.
    context["dialog"] = dialog_panel(request.user, report)
    return render(request, "followup/report.html", context)


@login_required
@require_GET
def block(request: HtmxHttpRequest, report_id: int, name: str) -> HttpResponse:
    """One block of the report, re-rendered; what "Avbryt" in an htmx form swaps back in."""
    report = get_report_for_user(request.user, report_id)
    if not request.htmx:
        return redirect(f"{report_url(report)}#{name}")
    return render_block(request, report, name)


@login_required
@require_POST
def open_report(request: HtmxHttpRequest) -> HttpResponse:
    """Open (or find) the report of a unit the user may edit, for a period, and go there."""
    form = OpenReportForm(request.POST)
    if not form.is_valid():
        return HttpResponse(_("Välj en enhet och en period."), status=400)
    unit = get_unit_for_user(request.user, form.cleaned_data["unit"], Action.EDIT)
    # A draft year's periods are not the units' yet (services.report_open refuses them too).
    period = get_object_or_404(ReportingPeriod.objects.open(), pk=form.cleaned_data["period"])
    report = services.report_open(org_unit=unit, period=period)
    return redirect("followup:report", report.pk)


def workflow_answer(request: HtmxHttpRequest, report: Report, error: str, done: str, **extra):
    """A refusal re-renders the header with the reason; a change reloads the whole page.

    A new status changes what every block offers (edit buttons come and go),
    so after a change htmx is told to load the page again rather than one block.
    """
    if error and request.htmx:
        return render_block(request, report, "header", block_error=error, **extra)
    if error:
        messages.error(request, error)
        return redirect(f"{report_url(report)}#header")
    messages.success(request, done)
    if request.htmx:
        return HttpResponseClientRedirect(report_url(report))
    return redirect(f"{report_url(report)}#header")
