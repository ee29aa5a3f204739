"""Internal control's pages: the year's control plans, starting one, the plan page with its
blocks, copying to the next year and the city's risks.

The plan page has two blocks that its edits re-render: the risk analysis with its matrix,
control plan and what stands in the way of handing it in ("analysis"), and the follow-up
per period ("followup"). Its forms are followup's form views (`followup.views.editing`):
GET shows the form in the slot of the part it changes (a page of its own without
JavaScript), a valid POST answers with the block (htmx) or a redirect back to it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from styra.accounts.permissions import Action, AnyUser, can, require_city_admin, visible_unit_ids
from styra.followup.views.editing import Place
from styra.goals.access import chain_access
from styra.goals.models import PlanningYear
from styra.lib import htmx_forms
from styra.lib.dependents import ConfirmationNeeded
from styra.organisation.models import Kind, OrgUnit
from styra.plans.models import PlanStatus

from .. import services
from ..access import (
    creatable_nodes,
    get_city_risk_for_user,
    get_control_plan_for_user,
    get_year_for_user,
    require_control_plan_creator,
)
from ..forms import CityRiskForm, CopyForm, NewControlPlanForm
from ..models import CityRisk, ControlPlan
from ..plan_page import load_plan_page

NAV = "internal_control"
BLOCKS = ("analysis", "followup")


def plan_url(plan: ControlPlan, block: str = "") -> str:
    url = reverse("internal_control:detail", args=[plan.pk])
    return f"{url}#{block}" if block else url


# ---------------------------------------------------------------- the year's plans


@dataclass
class CommitteeGroup:
    """A committee's plan and, under it, the plans of its units, departments and groups."""

    committee: OrgUnit
    plan: ControlPlan | None = None
    below: list[ControlPlan] = field(default_factory=list)


def visible_years(user: AnyUser) -> list[PlanningYear]:
    access = chain_access(user)
    return [y for y in PlanningYear.objects.order_by("year") if access.sees_year(y)]


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """/internkontroll/: this year's control plans, or the nearest year the person sees."""
    years = visible_years(request.user)
    if not years:
        return render(request, "internal_control/year.html", {"nav": NAV, "year": None})
    this = timezone.localdate().year
    chosen = min(years, key=lambda y: (abs(y.year - this), -y.year))
    return redirect("internal_control:year", year=chosen.year)


def _groups(plans: list[ControlPlan], nodes: list[OrgUnit]) -> list[CommitteeGroup]:
    by_id = {n.pk: n for n in nodes}
    groups: dict[int, CommitteeGroup] = {}
    for node in nodes:  # in tree order, so groups and the plans in them come in that order
        if node.kind == Kind.COMMITTEE:
            groups[node.pk] = CommitteeGroup(node)
    by_node = {plan.org_unit_id: plan for plan in plans}
    for node in nodes:
        plan = by_node.get(node.pk)
        if plan is None:
            continue
        above = (by_id[pk] for pk in reversed(node.tree_path) if pk in by_id)
        committee = next((n for n in above if n.kind == Kind.COMMITTEE), None)
        if committee is None:
            continue
        group = groups[committee.pk]
        if committee.pk == node.pk:
            group.plan = plan
        else:
            group.below.append(plan)
    return [g for g in groups.values() if g.plan is not None or g.below]


def year_page(
    request: HttpRequest,
    planning_year: PlanningYear,
    form: NewControlPlanForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    nodes = sorted(OrgUnit.objects.with_tree_fields(), key=lambda n: n.tree_ordering)
    visible = visible_unit_ids(user)
    plans = list(
        ControlPlan.objects.with_counts()
        .select_related("org_unit")
        .filter(year=planning_year, org_unit_id__in=visible)
    )
    has_plan = set(
        ControlPlan.objects.filter(year=planning_year).values_list("org_unit_id", flat=True)
    )
    startable = [n for n in creatable_nodes(user, nodes) if n.active and n.pk not in has_plan]
    if form is not None:
        # A refused form is shown again with every node the person may start a plan for.
        form.fields["node"].choices = [(n.pk, n.name) for n in startable]  # type: ignore[attr-defined]
    elif startable and not planning_year.is_draft:
        form = NewControlPlanForm(nodes=startable, initial={"year": planning_year.year})
    context = {
        "nav": NAV,
        "year": planning_year,
        "years": visible_years(user),
        "groups": _groups(plans, nodes),
        "form": form,
    }
    return render(request, "internal_control/year.html", context, status=status)


@login_required
@require_GET
def year(request: HttpRequest, year: int) -> HttpResponse:
    return year_page(request, get_year_for_user(request.user, year))


@login_required
@require_POST
def create(request: HttpRequest) -> HttpResponse:
    """ "Starta internkontrollplan" for a node (the body's `node`) and year (`year`)."""
    year_number = request.POST.get("year", "")
    if not year_number.isdigit():
        raise Http404
    planning_year = get_year_for_user(request.user, int(year_number))
    node_id = request.POST.get("node", "")
    node = OrgUnit.objects.filter(pk=int(node_id)).first() if node_id.isdigit() else None
    if node is not None:
        require_control_plan_creator(request.user, node)
    form = NewControlPlanForm(
        request.POST, nodes=[node] if node is not None else [], initial={"year": year_number}
    )
    if form.is_valid() and node is not None:
        try:
            plan = services.control_plan_create(org_unit=node, year=planning_year)
        except ValidationError as exc:
            form.add_error("node", exc)
        else:
            messages.success(
                request,
                _("Internkontrollplanen för %(unit)s %(year)s är startad.")
                % {"unit": node.name, "year": planning_year.year},
            )
            return redirect(plan_url(plan))
    return year_page(request, planning_year, form=form, status=400)


# ---------------------------------------------------------------- the plan page


def may_start(user: AnyUser, node: OrgUnit) -> bool:
    try:
        require_control_plan_creator(user, node)
    except (PermissionDenied, Http404):
        return False
    return True


def page_context(request: HttpRequest, plan: ControlPlan) -> dict[str, Any]:
    user = request.user
    node = plan.org_unit
    may_edit_node = can(user, Action.EDIT, node)
    return {
        "nav": NAV,
        "plan": plan,
        "page": load_plan_page(plan),
        "can_edit": may_edit_node and not plan.is_locked,
        "can_followup": may_edit_node and plan.status == PlanStatus.ADOPTED,
        "can_copy": may_start(user, node),
        "can_approve": can(user, Action.APPROVE, node),
    }


def render_block(
    request: HttpRequest, plan: ControlPlan, block: str, error: str = ""
) -> HttpResponse:
    if block not in BLOCKS:
        raise Http404
    context = page_context(request, plan) | {"block_error": error}
    return render(request, f"internal_control/plan.html#{block}", context)


@login_required
@require_GET
def detail(request: HttpRequest, control_plan_id: int) -> HttpResponse:
    plan = get_control_plan_for_user(request.user, control_plan_id)
    block = request.GET.get("block", "")
    if block and htmx_forms.is_htmx(request):
        # What "Avbryt" in a form swaps back in.
        return render_block(request, plan, block)
    return render(request, "internal_control/plan.html", page_context(request, plan))


def place(request: HttpRequest, plan: ControlPlan, block: str, slot: str) -> Place:
    """Where a form of the plan page belongs: `block` re-renders, the form opens in `slot`."""
    page = plan_url(plan)
    return Place(
        page_url=page,
        block=block,
        slot=slot,
        block_url=f"{page}?block={block}",
        render_block=lambda: render_block(request, plan, block),
    )


def delete_view(
    request: HttpRequest,
    plan: ControlPlan,
    *,
    block: str,
    slot: str,
    question: str,
    delete: Callable[[], object],
    done: str,
) -> HttpResponse:
    """A delete on the plan page: asked first in a real form (confirm=1), then done; a refusal
    is shown in the block (htmx) or as a message on the page."""

    def answer(error: str) -> HttpResponse:
        if htmx_forms.is_htmx(request):
            return render_block(request, plan, block, error)
        if error:
            messages.error(request, error)
        else:
            messages.success(request, done)
        return redirect(plan_url(plan, block))

    return htmx_forms.row_action(
        request,
        run=lambda: htmx_forms.ask_first(request, lambda: ConfirmationNeeded(question, []), delete),
        answer=answer,
        template="goals/confirm_delete.html",
        context={
            "nav": NAV,
            "action": request.get_full_path(),
            "back_url": plan_url(plan, block),
            "back_label": _("Tillbaka till internkontrollplanen"),
            "cancel_url": f"{plan_url(plan)}?block={block}",
            "block": block,
            "panel_level": 3,
        },
        slot=slot,
    )


# ---------------------------------------------------------------- next year


@login_required
@require_http_methods(["GET", "POST"])
def copy(request: HttpRequest, control_plan_id: int) -> HttpResponse:
    """ "Skapa nästa års internkontrollplan": a draft in a later year from this plan (which
    may be adopted: copying reads it), by whoever may start the node's plan."""
    plan = get_control_plan_for_user(request.user, control_plan_id)
    require_control_plan_creator(request.user, plan.org_unit)
    form = CopyForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            copied = services.control_plan_copy_to_year(
                plan=plan, year=form.years[form.cleaned_data["year"]]
            )
        except ValidationError as exc:
            form.add_error("year", exc)
        else:
            messages.success(
                request,
                _(
                    "Internkontrollplanen för %(year)s är skapad från %(source)s års plan. Gå "
                    "igenom riskernas bedömning: den är förra årets."
                )
                % {"year": copied.year.year, "source": plan.year.year},
            )
            return redirect(plan_url(copied))
    context = {"nav": NAV, "plan": plan, "form": form}
    status = 400 if form.errors or (form.closed and request.method == "POST") else 200
    return render(request, "internal_control/copy.html", context, status=status)


# ---------------------------------------------------------------- the city's risks


@login_required
@require_http_methods(["GET", "POST"])
def city_risks(request: HttpRequest, year: int) -> HttpResponse:
    """The risks the city gives every committee this year; its administrators add them."""
    planning_year = get_year_for_user(request.user, year)
    city = OrgUnit.objects.city()
    is_city_admin = city is not None and can(request.user, Action.ADMINISTER, city)
    form = CityRiskForm(request.POST or None) if is_city_admin else None
    if request.method == "POST":
        require_city_admin(request.user, seen_by_everyone=True)
        assert form is not None
        if form.is_valid():
            try:
                services.city_risk_create(year=planning_year, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    _("Risken är tillagd i nämndernas internkontrollplaner som är utkast."),
                )
                return redirect("internal_control:city_risks", year=planning_year.year)
    context = {
        "nav": NAV,
        "year": planning_year,
        "risks": CityRisk.objects.filter(year=planning_year),
        "form": form,
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "internal_control/city_risks.html", context, status=status)


@login_required
@require_POST
def city_risk_delete(request: HttpRequest, city_risk_id: int) -> HttpResponse:
    city_risk = get_city_risk_for_user(request.user, city_risk_id, Action.ADMINISTER)
    page = reverse("internal_control:city_risks", args=[city_risk.year.year])

    def answer(error: str) -> HttpResponse:
        if error:
            messages.error(request, error)
        else:
            messages.success(request, _("Stadens risk är borttagen."))
        return redirect(page)

    question = _(
        "Stadens risk ”%(name)s” tas bort, också ur nämndernas internkontrollplaner som är utkast."
    ) % {"name": city_risk.title}
    return htmx_forms.row_action(
        request,
        run=lambda: htmx_forms.ask_first(
            request,
            lambda: ConfirmationNeeded(question, []),
            lambda: services.city_risk_delete(city_risk=city_risk),
        ),
        answer=answer,
        template="goals/confirm_delete.html",
        context={
            "nav": NAV,
            "action": request.get_full_path(),
            "back_url": page,
            "back_label": _("Tillbaka till stadens risker"),
            "cancel_url": page,
            "block": "city-risks",
            "panel_level": 2,
        },
        slot="city-risks",
    )
