"""Creating, changing, moving and deleting KF's goals and the committees' board goals."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from styra.accounts.permissions import Action, require_city_admin
from styra.goals import services
from styra.goals.models import Goal, Level, PlanningYear
from styra.lib import htmx_forms
from styra.lib.htmx_forms import MOVES, ask_first

from ..access import chain_access, get_goal_for_user, require_edit
from ..forms import GoalForm
from .chain import PANEL_HEADING, block_response
from .editing import (
    ChainEntity,
    action_view,
    form_data,
    form_view,
    goal_form_view,
    panel_context,
)

# Editing a goal is goals.views.editing.entity_edit's; creating, moving and deleting one
# are the views below, as a goal is created under its parent and moves and goes in its
# parent's block.
GOAL = ChainEntity(
    name="goal",
    load=get_goal_for_user,
    form=GoalForm,
    initial=lambda goal: {
        "number": goal.number,
        "title": goal.title,
        "description": goal.description,
    },
    update=lambda goal, data, initial: services.goal_update(goal=goal, **data),
    goal_of=lambda goal: goal,
    edit_title=gettext_lazy("Ändra mål"),
    saved=gettext_lazy("Målet är sparat."),
)


def parent_block(goal: Goal) -> str:
    return f"goal-{goal.parent_id}" if goal.parent_id else "chain"


@login_required
@require_http_methods(["GET", "POST"])
def direction_create(request: HttpRequest, year: int) -> HttpResponse:
    city = require_city_admin(request.user, seen_by_everyone=True)
    access = chain_access(request.user)
    planning_year = get_object_or_404(PlanningYear, year=year)
    form = GoalForm(form_data(request), auto_id="new-direction-%s")

    def save(data: dict) -> tuple[int, str]:
        goal = services.goal_create(year=planning_year, level=Level.DIRECTION, owner=city, **data)
        return goal.pk, _("Inriktningsmålet är tillagt.")

    return form_view(
        request,
        form=form,
        year=planning_year,
        block="chain",
        title=_("Nytt inriktningsmål för %(year)s") % {"year": year},
        on_valid=save,
        access=access,
        submit_label=_("Lägg till"),
        panel_level=2,
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_create_child(request: HttpRequest, pk: int) -> HttpResponse:
    """An area goal under a direction goal (KF), or a board goal under an area goal."""
    parent = get_goal_for_user(request.user, pk)
    access = chain_access(request.user)
    auto_id = f"new-under-{pk}-%s"
    if parent.level == Level.DIRECTION:
        require_edit(access, parent.owner_id)
        form = GoalForm(form_data(request), auto_id=auto_id)
        title = _("Nytt mål för verksamhetsområdet")
    elif parent.level == Level.AREA and access.committees:
        form = GoalForm(form_data(request), committees=access.committees, auto_id=auto_id)
        title = _("Nytt nämndmål")
    else:
        raise PermissionDenied

    def save(data: dict) -> tuple[int, str]:
        if parent.level == Level.DIRECTION:
            level, owner, message = Level.AREA, parent.owner, _("Målet är tillagt.")
        else:
            level, owner = Level.BOARD, data.pop("committee")
            message = _("Nämndmålet är tillagt för %(name)s.") % {"name": owner.name}
        goal = services.goal_create(
            year=parent.year, level=level, owner=owner, parent=parent, **data
        )
        return goal.pk, message

    return goal_form_view(
        request,
        parent,
        form=form,
        title=title,
        context_line=_("Under: %(goal)s") % {"goal": parent},
        on_valid=save,
        access=access,
        submit_label=_("Lägg till"),
    )


@login_required
@require_POST
def goal_delete(request: HttpRequest, pk: int) -> HttpResponse:
    goal = get_goal_for_user(request.user, pk, Action.EDIT)
    access = chain_access(request.user)
    block = parent_block(goal)

    def answer(error: str) -> HttpResponse:
        # A refused delete keeps the focus on the goal; a done one moves it to the parent.
        if error:
            return block_response(
                request, goal.year, block, focus_goal=goal.pk, error=error, access=access
            )
        message = _("Målet är borttaget.")
        return block_response(
            request, goal.year, block, focus_goal=goal.parent_id, message=message, access=access
        )

    return htmx_forms.row_action(
        request,
        run=lambda: ask_first(
            request,
            lambda: services.goal_delete_question(goal),
            lambda: services.goal_delete(goal=goal, confirmed=True),
        ),
        answer=answer,
        template="goals/confirm_delete.html",
        context=panel_context(request, goal.year, block, PANEL_HEADING[goal.level]),
        slot=block,
    )


@login_required
@require_POST
def goal_move(request: HttpRequest, pk: int, way: str) -> HttpResponse:
    goal = get_goal_for_user(request.user, pk, Action.EDIT)
    access = chain_access(request.user)
    return action_view(
        request,
        year=goal.year,
        block=parent_block(goal),
        run=lambda: services.goal_move(goal=goal, offset=MOVES[way]),
        message=_("Målet är flyttat upp.") if way == "upp" else _("Målet är flyttat ned."),
        access=access,
        focus_goal=goal.pk,
        focus=way,
    )
