"""What every edit of the chain shares: the form view and the POST-only action view.

Most views use them through `goal_form_view` (a form opened in a goal's block) and
`row_action` (deleting or moving an indicator or activity under a goal).
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from styra.goals.models import Goal, PlanningYear
from styra.lib import htmx_forms

from ..access import ChainAccess
from ..chain_rows import UnderGoal
from .chain import PANEL_HEADING, block_response, chain_url


def form_data(request: HttpRequest):
    return request.POST if request.method == "POST" else None


def panel_context(request: HttpRequest, year: PlanningYear, block: str, panel_level: int) -> dict:
    """What a panel opened in a block of the chain (a form, a delete's question) shows
    around itself: where it posts, its heading level and the ways back to the block."""
    goal_id = int(block.removeprefix("goal-")) if block.startswith("goal-") else None
    return {
        "year": year,
        "block": block,
        "action": request.path,
        "panel_level": min(panel_level, 6),
        "back_url": chain_url(year, goal_id),
        "cancel_url": (
            reverse("goals:goal_block", args=[goal_id])
            if goal_id
            else reverse("goals:chain_year", args=[year.year])
        ),
        "nav": "chain",
    }


def form_view(
    request: HttpRequest,
    *,
    form,
    year: PlanningYear,
    block: str,
    title: str,
    on_valid: Callable[[dict], tuple[int | None, str]],
    access: ChainAccess,
    panel_level: int,
    submit_label: str = "",
    context_line: str = "",
) -> HttpResponse:
    """Show `form`; a valid POST calls `on_valid` -> (goal to focus, message) and answers
    with the re-rendered block (htmx) or a redirect back to the chain."""

    def answer(result: tuple[int | None, str]) -> HttpResponse:
        focus_goal, message = result
        return block_response(
            request, year, block, focus_goal=focus_goal, message=message, access=access
        )

    context = panel_context(request, year, block, panel_level) | {
        "title": title,
        "context_line": context_line,
        "submit_label": submit_label or _("Spara"),
    }
    return htmx_forms.form_view(
        request,
        form=form,
        on_valid=on_valid,
        answer=answer,
        template="goals/form.html",
        context=context,
        slot=block,
    )


def goal_form_view(request: HttpRequest, goal: Goal, **kwargs) -> HttpResponse:
    """`form_view` for a form on one goal or on what goes under it: it opens in the goal's block."""
    return form_view(
        request,
        year=goal.year,
        block=f"goal-{goal.pk}",
        panel_level=PANEL_HEADING[goal.level],
        **kwargs,
    )


def action_view(
    request: HttpRequest,
    *,
    year: PlanningYear,
    block: str,
    run: Callable[[], object],
    message: str,
    access: ChainAccess,
    panel_level: int = 6,
    **focus,
) -> HttpResponse:
    """A POST-only change (move, delete); a refusal is shown on the goal it concerns."""

    def answer(error: str) -> HttpResponse:
        if error:
            return block_response(request, year, block, error=error, access=access, **focus)
        return block_response(request, year, block, message=message, access=access, **focus)

    return htmx_forms.row_action(
        request,
        run=run,
        answer=answer,
        template="goals/confirm_delete.html",
        context=panel_context(request, year, block, panel_level),
        slot=block,
    )


def row_action(
    request: HttpRequest,
    row: UnderGoal,
    *,
    access: ChainAccess,
    run: Callable[[], object],
    message: str,
    way: str = "",
) -> HttpResponse:
    """`action_view` for deleting or moving (`way`) an indicator or activity: its goal answers.

    After a move the keyboard focus stays on the row's move button; after a delete,
    or a refused one, it goes to the goal's heading.
    """
    focus = {"focus": way, "row": row} if way else {}
    goal = row.goal
    return action_view(
        request,
        year=goal.year,
        block=f"goal-{goal.pk}",
        run=run,
        message=message,
        access=access,
        focus_goal=goal.pk,
        panel_level=PANEL_HEADING[goal.level],
        **focus,
    )
