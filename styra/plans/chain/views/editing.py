"""What every edit of the chain shares: the form view and the POST-only action view."""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django_htmx.http import reswap, retarget

from styra.goals.models import PlanningYear
from styra.organisation.forms import add_service_errors

from .access import ChainAccess
from .chain import block_response, chain_url

MOVES = {"upp": -1, "ned": 1}


def form_data(request: HttpRequest):
    return request.POST if request.method == "POST" else None


def form_view(
    request: HttpRequest,
    *,
    form,
    year: PlanningYear,
    block: str,
    title: str,
    on_valid: Callable[[dict], tuple[int | None, str]],
    access: ChainAccess,
    submit_label: str,
    panel_level: int,
    context_line: str = "",
) -> HttpResponse:
    """Show `form`; a valid POST calls `on_valid` -> (goal to focus, message) and answers
    with the re-rendered block (htmx) or a redirect back to the chain."""
    if form.is_bound and form.is_valid():
        try:
            focus_goal, message = on_valid(form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return block_response(
                request, year, block, focus_goal=focus_goal, message=message, access=access
            )
    goal_id = int(block.removeprefix("goal-")) if block.startswith("goal-") else None
    context = {
        "form": form,
        "year": year,
        "block": block,
        "title": title,
        "context_line": context_line,
        "action": request.path,
        "submit_label": submit_label,
        "panel_level": min(panel_level, 6),
        "back_url": chain_url(year, goal_id),
        "cancel_url": (
            reverse("goals:goal_block", args=[goal_id])
            if goal_id
            else reverse("goals:chain_year", args=[year.year])
        ),
        "nav": "chain",
    }
    if request.htmx:
        response = render(request, "goals/form.html#form", context)
        if request.method == "POST":
            # A refused form goes back into the slot it came from, not over the block.
            response = reswap(retarget(response, f"#slot-{block}"), "innerHTML")
        return response
    return render(request, "goals/form.html", context, status=400 if form.errors else 200)


def action_view(
    request: HttpRequest,
    *,
    year: PlanningYear,
    block: str,
    run: Callable[[], object],
    message: str,
    access: ChainAccess,
    **focus,
) -> HttpResponse:
    """A POST-only change (move, delete); a refusal is shown on the goal it concerns."""
    try:
        run()
    except ValidationError as exc:
        return block_response(
            request, year, block, error=" ".join(exc.messages), access=access, **focus
        )
    return block_response(request, year, block, message=message, access=access, **focus)
