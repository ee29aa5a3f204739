"""The plan pages: start page, a unit's plans, the plan itself and its blocks.

Every edit is a small form view: GET shows the form (a fragment for htmx,
a page without JavaScript), a valid POST writes through a service and
answers with the re-rendered block of the plan (htmx) or a redirect back
to it. Blocks are the plan's header, intro and closing sections, the chain,
each goal, the budget and the appendices.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from styra.accounts.permissions import (
    Action,
    can,
    get_unit_for_user,
)
from styra.goals.models import PlanningYear
from styra.lib.dialog import dialog_panel
from styra.lib.http import HtmxHttpRequest
from styra.lib.outline import PARTS
from styra.organisation.models import OrgUnit
from styra.plans.access import get_plan_for_user
from styra.plans.models import PLAN_UNIT_KINDS, Plan
from styra.plans.services import plan_create

from ..adopted import adopted_plan
from ..context import PlanContext, load_plan
from ..stored_plan import PlanView

BLOCKS = ("header", "intro", "closing", "chain", "budget", "appendices")


# ---------------------------------------------------------------- pages


@login_required
@require_http_methods(["GET", "POST"])
def unit(request: HtmxHttpRequest, unit_id: int) -> HttpResponse:
    from ..forms import NewPlanForm

    node = get_unit_for_user(request.user, unit_id)
    may_edit = can(request.user, Action.EDIT, node)
    form = NewPlanForm(request.POST or None)
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        if form.is_valid():
            year = PlanningYear.objects.filter(year=form.cleaned_data["year"]).first()
            if year is None:
                form.add_error("year", _("Det finns ingen målkedja för det året ännu."))
            else:
                try:
                    plan = plan_create(unit=node, year=year)
                except ValidationError as exc:
                    form.add_error("year", exc)
                else:
                    messages.success(request, _("Planen är skapad."))
                    return redirect("plans:detail", plan.pk)
    context = {
        "unit": node,
        "ancestors": OrgUnit.objects.ancestors(node),
        "plans": Plan.objects.with_header().filter(unit=node).order_by("-year__year"),
        "form": form if may_edit else None,
        "nav": "home",
    }
    return render(request, "plans/unit.html", context)


def page_context(request: HttpRequest, plan: Plan) -> dict:
    """The plan as the page shows it: an adopted plan as it was adopted, anything else as it is.

    An adopted plan is locked, but the chain above it is not: KF may rename a goal
    or change a target afterwards. The page then still shows what was adopted (as
    its PDF, Word file and JSON do), and says that the chain has changed since,
    with the way to the comparison with the plan as it would read now. Snapshots
    and the comparison are decisions', so the page asks through plans.adopted.
    """
    live = load_plan(plan)
    adopted = adopted_plan(plan, live)
    ctx: PlanContext | PlanView = live if adopted is None else adopted.view
    user = request.user
    locked = plan.is_locked
    return {
        "plan": plan,
        "ctx": ctx,
        "adopted": adopted.snapshot if adopted else None,
        "since_adoption": adopted.since if adopted else None,
        "parts": PARTS,
        "can_edit": can(user, Action.EDIT, plan.unit, locked=locked),
        "can_budget": can(user, Action.BUDGET, plan.unit, locked=locked),
        "can_approve": can(user, Action.APPROVE, plan.unit),
        "can_copy": can(user, Action.EDIT, plan.unit),
        # Units, groups and departments give quality guarantees; a committee's plan has none.
        "gives_guarantees": plan.unit.kind in PLAN_UNIT_KINDS,
        # What a copy from last year marked, for those who edit the plan as it is now.
        "review_items": live.to_review if adopted is None and not locked else [],
        "nav": "home",
    }


@login_required
@require_GET
def detail(request: HtmxHttpRequest, plan_id: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id)
    context = page_context(request, plan)
    # The dialog is the page's only and never part of the plan: its blocks and files lack it.
    context["dialog"] = dialog_panel(request.user, plan)
    return render(request, "plans/plan.html", context)


def _find_node(ctx: PlanContext, goal_id: int):
    for node, depth in ctx.walk():
        if node.goal.pk == goal_id:
            return node, depth
    raise Http404


def render_block(request: HttpRequest, plan: Plan, block: str, error: str = "") -> HttpResponse:
    context = page_context(request, plan)
    context["block_error"] = error
    if block.startswith("goal-"):
        if context["adopted"] is not None:
            raise Http404  # an adopted plan's goals are shown as adopted, block by block no more
        goal_id = int(block.removeprefix("goal-"))
        node, depth = _find_node(context["ctx"], goal_id)
        context.update(node=node, depth=depth, error_goal_id=goal_id)
        return render(request, "plans/_node.html", context)
    if block not in BLOCKS:
        raise Http404
    return render(request, f"plans/plan.html#{block}", context)


@login_required
@require_GET
def block(request: HtmxHttpRequest, plan_id: int, name: str) -> HttpResponse:
    """One block of the plan, re-rendered; what "Avbryt" in an htmx form swaps back in."""
    plan = get_plan_for_user(request.user, plan_id)
    if not request.htmx:
        return redirect(reverse("plans:detail", args=[plan.pk]) + f"#{name}")
    return render_block(request, plan, name)
