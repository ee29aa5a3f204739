"""Årshjulet: the calendar page, the dates' editing page and the personal iCalendar feed."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from styra.followup.views.editing import Place, form_view
from styra.goals.models import PlanningYear
from styra.lib import htmx_forms
from styra.lib.dates import long_date
from styra.lib.dependents import ConfirmationNeeded

from . import calendar, feed, services
from .access import get_year_date_for_user, get_year_for_user, require_date_editor
from .calendar_forms import YearDateForm
from .models import CalendarFeed, YearDate

NAV = "calendar"
UPCOMING = 5  # how many of the next dates the calendar page lists first


def _signed_in(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # login_required
    return user


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """/arshjul/: this year's calendar, or the nearest year the person sees."""
    years = calendar.visible_years(request.user)
    if not years:
        return render(request, "cycle/calendar.html", {"nav": NAV, "years": []})
    this = timezone.localdate().year
    chosen = next((y for y in years if y.year == this), None) or min(
        years, key=lambda y: abs(y.year - this)
    )
    return redirect("calendar:year", year=chosen.year)


@login_required
@require_GET
def year(request: HttpRequest, year: int) -> HttpResponse:
    return _calendar_page(request, get_year_for_user(request.user, year))


def _calendar_page(
    request: HttpRequest, planning_year: PlanningYear, *, feed_url: str = ""
) -> HttpResponse:
    today = timezone.localdate()
    items = calendar.items_for(request.user, planning_year)
    user = _signed_in(request)
    whole_city, committees = services.date_editable_nodes(user)
    context = {
        "nav": NAV,
        "year": planning_year,
        "years": calendar.visible_years(request.user),
        "months": [
            (month, [(item, relative(item.day, today)) for item in month.items])
            for month in calendar.months(items)
        ],
        "today": today,
        # What comes next, above the whole year's months: the page opens on what to do.
        "upcoming": [(item, relative(item.day, today)) for item in items if item.day >= today][
            :UPCOMING
        ],
        "edits_dates": whole_city or bool(committees),
        "has_feed": bool(feed_url) or CalendarFeed.objects.filter(user=user).exists(),
        "feed_url": feed_url,
    }
    return render(request, "cycle/calendar.html", context)


# ---------------------------------------------------------------- the feed link


@login_required
@require_POST
def feed_create(request: HttpRequest) -> HttpResponse:
    """ "Skapa ny länk": a new secret link (the old one stops working), shown on this
    answer only: it is never stored (the database keeps its hash) nor sent again."""
    planning_year = _posted_year(request)
    token = services.feed_create(user=_signed_in(request))
    url = request.build_absolute_uri(reverse("calendar:feed", args=[token]))
    messages.success(request, _("Din kalenderlänk är skapad. En tidigare länk slutar fungera."))
    if planning_year is None:
        return redirect("calendar:home")
    return _calendar_page(request, planning_year, feed_url=url)


@login_required
@require_POST
def feed_delete(request: HttpRequest) -> HttpResponse:
    """ "Ta bort länken": whoever has the link gets nothing from now on."""
    if services.feed_revoke(user=_signed_in(request)):
        messages.success(request, _("Kalenderlänken är borttagen och fungerar inte längre."))
    planning_year = _posted_year(request)
    if planning_year is None:
        return redirect("calendar:home")
    return redirect(reverse("calendar:year", args=[planning_year.year]) + "#kalenderflode")


def _posted_year(request: HttpRequest) -> PlanningYear | None:
    """The calendar year the form was sent from, if the person sees it."""
    year = request.POST.get("ar", "")
    if not year.isdigit():
        return None
    try:
        return get_year_for_user(request.user, int(year))
    except Http404:
        return None


@require_GET
def feed_ics(request: HttpRequest, token: str) -> HttpResponse:
    """The person's dates as iCalendar, for a calendar program: the token is the key."""
    user = feed.user_for_token(token)
    if user is None:
        raise Http404
    with translation.override("sv"):
        body = feed.ics_for(user, today=timezone.localdate(), absolute=request.build_absolute_uri)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="arshjul.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


# ---------------------------------------------------------------- editing the dates


def _dates_url(planning_year: PlanningYear) -> str:
    return reverse("calendar:dates", args=[planning_year.year])


def _editable(user: Any, planning_year: PlanningYear) -> list[YearDate]:
    whole_city, committees = require_date_editor(user)
    dates = YearDate.objects.filter(year=planning_year).select_related("org_unit")
    if not whole_city:
        dates = dates.filter(org_unit__in=committees)
    return list(dates)


def _render_block(
    request: HttpRequest, planning_year: PlanningYear, error: str = ""
) -> HttpResponse:
    context = {
        "nav": NAV,
        "year": planning_year,
        "dates": _editable(request.user, planning_year),
        "error": error,
    }
    return render(request, "cycle/dates.html#dates", context)


def _place(request: HttpRequest, planning_year: PlanningYear) -> Place:
    return Place(
        page_url=_dates_url(planning_year),
        block="dates",
        slot="dates",
        block_url=_dates_url(planning_year) + "?block=1",
        render_block=lambda: _render_block(request, planning_year),
    )


@login_required
@require_GET
def dates(request: HttpRequest, year: int) -> HttpResponse:
    planning_year = get_year_for_user(request.user, year)
    if request.GET.get("block") and htmx_forms.is_htmx(request):
        return _render_block(request, planning_year)
    context = {
        "nav": NAV,
        "year": planning_year,
        "dates": _editable(request.user, planning_year),
    }
    return render(request, "cycle/dates.html", context)


def _form(request: HttpRequest, initial: dict[str, Any] | None = None) -> YearDateForm:
    whole_city, committees = require_date_editor(request.user)
    return YearDateForm(
        request.POST or None, initial=initial, whole_city=whole_city, committees=committees
    )


@login_required
@require_http_methods(["GET", "POST"])
def date_create(request: HttpRequest, year: int) -> HttpResponse:
    planning_year = get_year_for_user(request.user, year)
    form = _form(request)
    return form_view(
        request,
        form=form,
        place=_place(request, planning_year),
        title=_("Nytt datum i årshjulet %(year)s") % {"year": planning_year.year},
        on_valid=lambda data: services.year_date_create(
            year=planning_year, **data, by=request.user
        ),
        submit_label=_("Lägg till"),
        nav=NAV,
    )


@login_required
@require_http_methods(["GET", "POST"])
def date_edit(request: HttpRequest, date_id: int) -> HttpResponse:
    obj = get_year_date_for_user(request.user, date_id)
    form = _form(
        request,
        initial={"kind": obj.kind, "date": obj.date, "org_unit": obj.org_unit, "title": obj.title},
    )
    return form_view(
        request,
        form=form,
        place=_place(request, obj.year),
        title=_("Ändra %(what)s") % {"what": obj.label},
        on_valid=lambda data: services.year_date_update(year_date=obj, **data, by=request.user),
        nav=NAV,
    )


@login_required
@require_POST
def date_delete(request: HttpRequest, date_id: int) -> HttpResponse:
    obj = get_year_date_for_user(request.user, date_id)
    planning_year = obj.year

    def answer(error: str) -> HttpResponse:
        if htmx_forms.is_htmx(request):
            return _render_block(request, planning_year, error)
        if error:
            messages.error(request, error)
        else:
            messages.success(request, _("Datumet är borttaget."))
        return redirect(_dates_url(planning_year) + "#dates")

    def question() -> ConfirmationNeeded:
        when = long_date(obj.date)
        return ConfirmationNeeded(
            _("%(what)s den %(date)s tas bort ur årshjulet.") % {"what": obj.label, "date": when},
            [],
        )

    return htmx_forms.row_action(
        request,
        run=lambda: htmx_forms.ask_first(
            request, question, lambda: services.year_date_delete(year_date=obj, by=request.user)
        ),
        answer=answer,
        template="goals/confirm_delete.html",
        context={
            "nav": NAV,
            "action": request.get_full_path(),
            "back_url": _dates_url(planning_year),
            "back_label": _("Tillbaka till datumen"),
            "cancel_url": _dates_url(planning_year) + "?block=1",
            "block": "dates",
            "panel_level": 2,
        },
        slot="dates",
    )


def relative(day: date, today: date) -> str:
    """ "om 3 dagar", "i dag", "i morgon", "passerat": how far a date is from today."""
    days = (day - today).days
    if days < 0:
        return _("passerat")
    if days == 0:
        return _("i dag")
    if days == 1:
        return _("i morgon")
    return _("om %(n)d dagar") % {"n": days}
