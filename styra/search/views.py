"""The search page: /sok/?q=…, every kind at once, or one kind page by page (?typ=mal&sida=2)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .excerpts import MAX_QUERY, query_terms
from .queries import KIND_KEYS, KINDS, search

MAX_PAGE = 1000


@login_required
@require_GET
def page(request: HttpRequest) -> HttpResponse:
    query = " ".join(request.GET.get("q", "")[:MAX_QUERY].split())
    only = request.GET.get("typ", "")
    only = only if only in KIND_KEYS else ""
    try:
        page_number = min(max(int(request.GET.get("sida", "1")), 1), MAX_PAGE)
    except ValueError:
        page_number = 1
    groups = search(request.user, query, only=only, page=page_number) if query else []
    context = {
        "query": query,
        "too_short": bool(query) and not query_terms(query),
        "groups": groups,
        "found": sum(len(g.hits) for g in groups),
        "only": only,
        "only_label": next((str(k.label) for k in KINDS if k.key == only), ""),
        "page": page_number,
        "nav": "search",
    }
    return render(request, "search/page.html", context)
