"""Historik: a plan's or a report's history, and the administrator's search and export."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from styra.accounts.permissions import Action, can, require
from styra.followup.access import get_report_for_user
from styra.organisation.models import OrgUnit
from styra.plans.access import get_plan_for_user

from .export import csv_lines
from .forms import SearchForm
from .history import present_page
from .models import AuditEntry, SecurityKind
from .security import security_event

PER_PAGE = 50


def _page(request: HttpRequest, entries, *, administrator: bool) -> tuple:
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("sida"))
    return page, present_page(page.object_list, administrator=administrator)


def _history(request: HttpRequest, entries, *, title: str, back_url: str, nav: str, unit: OrgUnit):
    """Who changed what and when for everyone who may see the object; addresses (IP) only
    for its administrators, as the policy on sign-in and logs says."""
    administrator = can(request.user, Action.ADMINISTER, unit)
    page, rows = _page(request, entries.order_by("-at", "-pk"), administrator=administrator)
    context = {"title": title, "back_url": back_url, "page": page, "rows": rows, "nav": nav}
    return render(request, "audit/history.html", context)


@login_required
@require_GET
def plan_history(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Every change to the plan and its parts: header, sections, goals, targets, budget."""
    plan = get_plan_for_user(request.user, plan_id)
    title = _("Historik – Verksamhetsplan %(year)s – %(unit)s") % {
        "year": plan.year.year,
        "unit": plan.unit_name,
    }
    back = reverse("plans:detail", args=[plan.pk])
    return _history(
        request,
        AuditEntry.objects.filter(plan_id=plan.pk),
        title=title,
        back_url=back,
        nav="home",
        unit=plan.unit,
    )


@login_required
@require_GET
def report_history(request: HttpRequest, report_id: int) -> HttpResponse:
    """Every change to the report: workflow, assessments, statuses, texts and its outcomes."""
    report = get_report_for_user(request.user, report_id)
    title = _("Historik – %(report)s") % {"report": report}
    back = reverse("followup:report", args=[report.pk])
    return _history(
        request,
        AuditEntry.objects.filter(report_id=report.pk),
        title=title,
        back_url=back,
        nav="followup",
        unit=report.org_unit,
    )


def _require_administrator(user) -> None:
    """Administrators of the whole city only: the trail spans every unit."""
    roots = list(OrgUnit.objects.filter(parent=None))
    if not roots and not (user.is_active and user.is_superuser):
        raise PermissionDenied
    for root in roots:
        require(user, Action.ADMINISTER, root)


def _search(request: HttpRequest) -> tuple[SearchForm, object]:
    form = SearchForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return form, AuditEntry.objects.search(**form.cleaned_data)
    return form, AuditEntry.objects.none() if form.is_bound else AuditEntry.objects.search()


@login_required
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    _require_administrator(request.user)
    form, entries = _search(request)
    page, rows = _page(request, entries, administrator=True)
    query = request.GET.copy()
    query.pop("sida", None)
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "query": query.urlencode(),
        "nav": "audit",
    }
    return render(request, "audit/search.html", context, status=400 if form.errors else 200)


@login_required
@require_GET
def export(request: HttpRequest) -> HttpResponse:
    """The search's every hit as CSV; the export itself goes to the security log."""
    _require_administrator(request.user)
    form, entries = _search(request)
    if form.errors:
        return render(request, "audit/search.html", {"form": form, "nav": "audit"}, status=400)
    security_event(SecurityKind.EXPORT, request, detail=request.GET.urlencode()[:500])
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = StreamingHttpResponse(
        csv_lines(entries.iterator(chunk_size=2000)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="granskningslogg-{stamp}.csv"'
    return response
