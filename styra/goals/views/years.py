"""Planning years: creating the next one and naming its unit goals (Åtagande or Enhetsmål)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_htmx.http import HttpResponseClientRedirect

from styra.accounts.permissions import require_city_admin
from styra.goals import services
from styra.goals.models import PlanningYear, UnitGoalLabel
from styra.lib import htmx_forms

from ..access import chain_access
from ..forms import PlanningYearForm, UnitGoalLabelForm
from .chain import chain_url
from .editing import form_data, form_view


@login_required
@require_http_methods(["GET", "POST"])
def year_create(request: HttpRequest) -> HttpResponse:
    """A new, empty planning year; the answer is that year's chain page."""
    require_city_admin(request.user, seen_by_everyone=True)
    latest = PlanningYear.objects.order_by("-year").first()
    initial = {
        "year": latest.year + 1 if latest else None,
        "unit_goal_label": latest.unit_goal_label if latest else UnitGoalLabel.ENHETSMAL,
    }
    form = PlanningYearForm(form_data(request), initial=initial, auto_id="new-year-%s")

    def answer(year: PlanningYear) -> HttpResponse:
        url = chain_url(year)
        if request.htmx:
            return HttpResponseClientRedirect(url)
        messages.success(request, _("Planeringsåret %(year)s är skapat.") % {"year": year})
        return redirect(url)

    back = chain_url(latest) if latest else reverse("goals:chain")
    context = {
        "block": "chain",
        "title": _("Nytt planeringsår"),
        "action": request.path,
        "submit_label": _("Skapa året"),
        "panel_level": 2,
        "back_url": back,
        "cancel_url": back,
        "nav": "chain",
    }
    return htmx_forms.form_view(
        request,
        form=form,
        on_valid=lambda data: services.year_create(**data),
        answer=answer,
        template="goals/form.html",
        context=context,
        slot="chain",
    )


@login_required
@require_http_methods(["GET", "POST"])
def year_label(request: HttpRequest, year: int) -> HttpResponse:
    require_city_admin(request.user, seen_by_everyone=True)
    access = chain_access(request.user)
    planning_year = get_object_or_404(PlanningYear, year=year)
    form = UnitGoalLabelForm(
        form_data(request),
        initial={"unit_goal_label": planning_year.unit_goal_label},
        auto_id="year-label-%s",
    )

    def save(data: dict) -> tuple[None, str]:
        services.year_set_unit_goal_label(year=planning_year, **data)
        label = planning_year.get_unit_goal_label_display()
        return None, _("Enheternas mål heter nu %(label)s.") % {"label": label}

    return form_view(
        request,
        form=form,
        year=planning_year,
        block="chain",
        title=_("Benämning på enheternas mål %(year)s") % {"year": year},
        on_valid=save,
        access=access,
        panel_level=2,
    )
