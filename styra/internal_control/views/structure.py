"""Editing a draft control plan's structure on its page: processes, risks and controls.

Every view loads its object for editing through the room's access helpers, which refuse
(403) while the plan is submitted or adopted; the services refuse the same, so a form
left open when the plan was handed in changes nothing either.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from styra.accounts.permissions import Action
from styra.followup.views.editing import form_view

from .. import services
from ..access import (
    get_control_for_user,
    get_control_plan_for_user,
    get_process_for_user,
    get_risk_for_user,
)
from ..forms import ControlForm, ProcessForm, RiskForm, risk_initial
from ..models import Process, Risk
from .pages import NAV, delete_view, place

BLOCK = "analysis"


def _process_slot(process: Process) -> str:
    return f"process-{process.pk}"


def _risk_slot(risk: Risk) -> str:
    return f"risk-{risk.pk}"


# ---------------------------------------------------------------- processes


@login_required
@require_http_methods(["GET", "POST"])
def process_create(request: HttpRequest, control_plan_id: int) -> HttpResponse:
    plan = get_control_plan_for_user(request.user, control_plan_id, Action.EDIT)
    return form_view(
        request,
        form=ProcessForm(request.POST or None),
        place=place(request, plan, BLOCK, "processes"),
        title=_("Ny process eller rutin"),
        on_valid=lambda data: services.process_create(plan=plan, **data),
        submit_label=_("Lägg till"),
        nav=NAV,
    )


@login_required
@require_http_methods(["GET", "POST"])
def process_edit(request: HttpRequest, process_id: int) -> HttpResponse:
    process = get_process_for_user(request.user, process_id, Action.EDIT)
    initial = {"title": process.title, "description": process.description}
    return form_view(
        request,
        form=ProcessForm(request.POST or None, initial=initial),
        place=place(request, process.plan, BLOCK, _process_slot(process)),
        title=_("Ändra processen ”%(name)s”") % {"name": process.title},
        on_valid=lambda data: services.process_update(process=process, **data),
        nav=NAV,
    )


@login_required
@require_POST
def process_delete(request: HttpRequest, process_id: int) -> HttpResponse:
    process = get_process_for_user(request.user, process_id, Action.EDIT)
    return delete_view(
        request,
        process.plan,
        block=BLOCK,
        slot=_process_slot(process),
        question=_("Processen ”%(name)s” tas bort med sina risker och deras kontrollmoment.")
        % {"name": process.title},
        delete=lambda: services.process_delete(process=process),
        done=_("Processen är borttagen."),
    )


# ---------------------------------------------------------------- risks


def _choice(data: dict[str, Any]) -> dict[str, Any]:
    """Whether the risk is in the control plan, and why not: what risk_update takes."""
    return {"selected": data["selected"], "omission_reason": data["omission_reason"].strip()}


@login_required
@require_http_methods(["GET", "POST"])
def risk_create(request: HttpRequest, process_id: int) -> HttpResponse:
    process = get_process_for_user(request.user, process_id, Action.EDIT)
    plan = process.plan

    @transaction.atomic  # a risk refused its selection is not kept half made
    def create(data: dict[str, Any]) -> Risk:
        choice = _choice(data)
        fields = {k: v for k, v in data.items() if k not in choice}
        risk = services.risk_create(process=process, **fields)
        if choice["selected"] or choice["omission_reason"]:
            services.risk_update(risk=risk, **choice)
        return risk

    return form_view(
        request,
        form=RiskForm(request.POST or None, plan=plan),
        place=place(request, plan, BLOCK, _process_slot(process)),
        title=_("Ny risk i ”%(name)s”") % {"name": process.title},
        on_valid=create,
        submit_label=_("Lägg till"),
        nav=NAV,
    )


@login_required
@require_http_methods(["GET", "POST"])
def risk_edit(request: HttpRequest, risk_id: int) -> HttpResponse:
    risk = get_risk_for_user(request.user, risk_id, Action.EDIT)
    form = RiskForm(
        request.POST or None,
        plan=risk.plan,
        city_risk=risk.city_risk_id is not None,
        initial=risk_initial(risk),
    )
    return form_view(
        request,
        form=form,
        place=place(request, risk.plan, BLOCK, _process_slot(risk.process)),
        title=_("Ändra risken ”%(name)s”") % {"name": risk.title},
        on_valid=lambda data: services.risk_update(risk=risk, **data),
        nav=NAV,
    )


@login_required
@require_POST
def risk_delete(request: HttpRequest, risk_id: int) -> HttpResponse:
    risk = get_risk_for_user(request.user, risk_id, Action.EDIT)
    return delete_view(
        request,
        risk.plan,
        block=BLOCK,
        slot=_process_slot(risk.process),
        question=_("Risken ”%(name)s” tas bort med sina kontrollmoment.") % {"name": risk.title},
        delete=lambda: services.risk_delete(risk=risk),
        done=_("Risken är borttagen."),
    )


# ---------------------------------------------------------------- controls


@login_required
@require_http_methods(["GET", "POST"])
def control_create(request: HttpRequest, risk_id: int) -> HttpResponse:
    risk = get_risk_for_user(request.user, risk_id, Action.EDIT)
    return form_view(
        request,
        form=ControlForm(request.POST or None),
        place=place(request, risk.plan, BLOCK, _risk_slot(risk)),
        title=_("Nytt kontrollmoment för ”%(name)s”") % {"name": risk.title},
        on_valid=lambda data: services.control_create(risk=risk, **data),
        submit_label=_("Lägg till"),
        nav=NAV,
    )


@login_required
@require_http_methods(["GET", "POST"])
def control_edit(request: HttpRequest, control_id: int) -> HttpResponse:
    control = get_control_for_user(request.user, control_id, Action.EDIT)
    initial = {name: getattr(control, name) for name in services.CONTROL_FIELDS}
    return form_view(
        request,
        form=ControlForm(request.POST or None, initial=initial),
        place=place(request, control.risk.plan, BLOCK, _risk_slot(control.risk)),
        title=_("Ändra kontrollmomentet"),
        on_valid=lambda data: services.control_update(control=control, **data),
        nav=NAV,
    )


@login_required
@require_POST
def control_delete(request: HttpRequest, control_id: int) -> HttpResponse:
    control = get_control_for_user(request.user, control_id, Action.EDIT)
    question = _("Kontrollmomentet ”%(name)s” tas bort.") % {"name": control.what[:80]}
    if control.results.exists():
        question += " " + _("Det har rapporterade resultat, som tas bort med det.")
    return delete_view(
        request,
        control.risk.plan,
        block=BLOCK,
        slot=_risk_slot(control.risk),
        question=question,
        delete=lambda: services.control_delete(control=control),
        done=_("Kontrollmomentet är borttaget."),
    )
