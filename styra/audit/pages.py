"""Historik: the history pages as the trail draws them, a list of entries, the search, the export.

The trail sits below accounts in the import order (accounts writes its security events
into it), so these functions decide nobody's access: each is wrapped by the view of the
room that knows who may read it. A plan's history is the plan's page
(styra.plans.views.history), a report's the report's (styra.followup.views.history), and
the search and export of the whole trail are the policy's (styra.accounts.views.audit,
administrators of the whole city). The root URLconf keeps them under /historik/ and the
namespace "audit".
"""

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from .export import csv_lines
from .forms import SearchForm
from .history import present_page
from .models import AuditEntry, SecurityKind
from .security import security_event

PER_PAGE = 50


def _page(request: HttpRequest, entries, *, administrator: bool) -> tuple:
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("sida"))
    return page, present_page(page.object_list, administrator=administrator)


def history(
    request: HttpRequest, entries, *, title: str, back_url: str, nav: str, administrator: bool
) -> HttpResponse:
    """Who changed what and when, for someone the caller let see the object; addresses (IP)
    only when `administrator` (of the object's node), as the policy on sign-in and logs says."""
    page, rows = _page(request, entries.order_by("-at", "-pk"), administrator=administrator)
    context = {"title": title, "back_url": back_url, "page": page, "rows": rows, "nav": nav}
    return render(request, "audit/history.html", context)


def _search(request: HttpRequest) -> tuple[SearchForm, QuerySet[AuditEntry]]:
    form = SearchForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return form, AuditEntry.objects.search(**form.cleaned_data)
    return form, AuditEntry.objects.none() if form.is_bound else AuditEntry.objects.search()


def search(request: HttpRequest) -> HttpResponse:
    """The whole trail, searched; for a caller that checked the user administers the city."""
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


def export(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    """The search's every hit as CSV; the export itself goes to the security log."""
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
