"""The goal-chain page's editing of KF's and the committees' indicators (goals:indicator_*),
each with its owner's annual target as written; the page itself is goals.views.chain."""

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from styra.accounts.permissions import Action
from styra.goals.access import ChainAccess, chain_access, get_goal_for_user
from styra.goals.views.editing import form_data, goal_form_view, row_action
from styra.lib.htmx_forms import MOVES, ask_first
from styra.organisation.models import OrgUnit

from . import services
from .access import get_indicator_for_user
from .forms import IndicatorForm
from .models import Target

FIELDS = ("name", "measure", "direction", "periodicity", "decimals", "aggregation")


def _target_label(owner: OrgUnit, access: ChainAccess) -> str:
    if access.city is not None and owner.pk == access.city.pk:
        return _("KF:s årsmål")
    return _("Nämndens årsmål")


@login_required
@require_http_methods(["GET", "POST"])
def indicator_create(request: HttpRequest, pk: int) -> HttpResponse:
    goal = get_goal_for_user(request.user, pk, Action.EDIT)
    access = chain_access(request.user)
    form = IndicatorForm(
        form_data(request),
        target_label=_target_label(goal.owner, access),
        auto_id=f"new-indicator-{pk}-%s",
    )

    def save(data: dict) -> tuple[int, str]:
        target = data.pop("target")
        with transaction.atomic():
            indicator = services.indicator_create(goal=goal, owner=goal.owner, **data)
            if target:
                services.target_set(indicator=indicator, org_unit=goal.owner, text=target)
        return goal.pk, _("Indikatorn är tillagd.")

    return goal_form_view(
        request,
        goal,
        form=form,
        title=_("Ny indikator"),
        context_line=_("För målet: %(goal)s") % {"goal": goal},
        on_valid=save,
        access=access,
        submit_label=_("Lägg till"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_indicator_for_user(request.user, pk, Action.EDIT)
    access = chain_access(request.user)
    goal, owner = indicator.goal, indicator.owner
    target = Target.objects.filter(indicator=indicator, org_unit=owner).first()
    initial = {name: getattr(indicator, name) for name in FIELDS}
    initial["target"] = target.text if target else ""
    form = IndicatorForm(
        form_data(request),
        initial=initial,
        target_label=_target_label(owner, access),
        auto_id=f"indicator-{pk}-%s",
    )

    def save(data: dict) -> tuple[int, str]:
        text = data.pop("target")
        with transaction.atomic():
            services.indicator_update(indicator=indicator, **data)
            if text or target is not None:
                services.target_set(indicator=indicator, org_unit=owner, text=text)
        return goal.pk, _("Indikatorn är sparad.")

    return goal_form_view(
        request,
        goal,
        form=form,
        title=_("Ändra indikator"),
        on_valid=save,
        access=access,
    )


@login_required
@require_POST
def indicator_delete(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_indicator_for_user(request.user, pk, Action.EDIT)
    access = chain_access(request.user)
    return row_action(
        request,
        indicator,
        access=access,
        run=lambda: ask_first(
            request,
            lambda: services.indicator_delete_question(indicator),
            lambda: services.indicator_delete(indicator=indicator, confirmed=True),
        ),
        message=_("Indikatorn är borttagen."),
    )


@login_required
@require_POST
def indicator_move(request: HttpRequest, pk: int, way: str) -> HttpResponse:
    indicator = get_indicator_for_user(request.user, pk, Action.EDIT)
    access = chain_access(request.user)
    return row_action(
        request,
        indicator,
        access=access,
        run=lambda: services.indicator_move(indicator=indicator, offset=MOVES[way]),
        message=_("Indikatorn är flyttad upp.")
        if way == "upp"
        else _("Indikatorn är flyttad ned."),
        way=way,
    )
