"""The city administrator's pages of the yearly cycle: opening a year, and releasing it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from styra.accounts.permissions import require_city_admin
from styra.goals.models import PlanningYear
from styra.lib.forms import add_service_errors

from . import services
from .forms import YearOpenForm


def _chain_url(year: int) -> str:
    return reverse("goals:chain_year", args=[year])


@login_required
@require_http_methods(["GET", "POST"])
def year_open(request: HttpRequest) -> HttpResponse:
    """Open next year as a draft from this year's chain; the answer is its chain page."""
    city = require_city_admin(request.user, seen_by_everyone=True)
    form = YearOpenForm(request.POST or None, city=city)
    if request.method == "POST" and form.is_valid():
        try:
            opened = services.year_open(**form.cleaned_data, by=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, opened.summary())
            return redirect(_chain_url(opened.year.year))
    context = {"form": form, "nav": "chain"}
    return render(request, "cycle/year_open.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def year_release(request: HttpRequest, year: int) -> HttpResponse:
    """ "Öppna året för enheterna": the draft year becomes the units' to see and plan in."""
    require_city_admin(request.user, seen_by_everyone=True)
    planning_year = get_object_or_404(PlanningYear, year=year)
    try:
        services.year_release(year=planning_year, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("%(year)s är öppnat för enheterna: de ser året och kan planera i det.")
            % {"year": year},
        )
    return redirect(_chain_url(year))
