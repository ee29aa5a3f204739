"""What every edit of the chain shares: the form view, the POST-only action view, and the
edit, create, delete and move views of the goals, indicators and activities on it.

Most views use the first two through `goal_form_view` (a form opened in a goal's block)
and `row_action` (deleting or moving an indicator or activity under a goal). Editing a
goal, an indicator or an activity, and creating, deleting and moving an indicator or an
activity under its goal, go the same way for each: one view each below (`entity_edit`,
`row_create`, `row_delete`, `row_move`), told by its URL pattern's extra options which
entity it edits. Each entity's module declares only what differs, as a `ChainEntity` or
`RowEntity` (goals.views.goals, goals.views.activities, indicators.chain_views).
"""

from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from styra.accounts.permissions import Action
from styra.goals.models import Goal, PlanningYear
from styra.lib import htmx_forms
from styra.lib.dependents import ConfirmationNeeded
from styra.lib.htmx_forms import MOVES, ask_first
from styra.organisation.models import OrgUnit

from ..access import ChainAccess, chain_access, get_goal_for_user
from ..chain_rows import UnderGoal
from .chain import PANEL_HEADING, block_response, chain_url

if TYPE_CHECKING:
    from styra.lib.forms import StrOrPromise


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


# ---------------------------------------------------------------- one view per edit


class Owned(Protocol):
    """A goal, an indicator or an activity: the chain's part it belongs to is its owner's."""

    @property
    def pk(self) -> int: ...

    @property
    def owner(self) -> OrgUnit: ...


M = TypeVar("M", bound=Owned)


def _no_form_options(owner: OrgUnit, access: ChainAccess) -> dict[str, Any]:
    return {}


@dataclass(frozen=True, kw_only=True)
class ChainEntity(Generic[M]):
    """What editing one kind of object on the chain page does its own way.

    The texts are lazy: they are read in the language of the request that shows them.
    """

    name: str  # in the form's ids: "activity" gives activity-<pk>-…, new-activity-<goal>-…
    load: Callable[[Any, int, Action], M]  # its get_<object>_for_user
    form: Callable[..., forms.Form]
    initial: Callable[[M], dict[str, Any]]  # what the edit form starts from
    update: Callable[[M, dict[str, Any], dict[str, Any]], object]  # (obj, data, initial)
    edit_title: "StrOrPromise"
    saved: "StrOrPromise"
    # The goal whose block the form opens in and answers with: the row's goal, or itself.
    goal_of: Callable[[M], Goal] = attrgetter("goal")
    # What else the form takes, given the owner of the object (a new one's is its goal's).
    form_options: Callable[[OrgUnit, ChainAccess], dict[str, Any]] = _no_form_options


@dataclass(frozen=True, kw_only=True)
class RowEntity(ChainEntity[M]):
    """An object shown as a row under its goal (an indicator, an activity): also created
    under the goal, and deleted and moved there."""

    create: Callable[[Goal, dict[str, Any]], object]  # (goal, data); owned by the goal's owner
    question: Callable[[M], ConfirmationNeeded]  # what its delete asks first
    delete: Callable[[M], object]  # the delete, confirmed
    move: Callable[[M, int], object]  # (obj, offset)
    new_title: "StrOrPromise"
    added: "StrOrPromise"
    deleted: "StrOrPromise"
    moved: dict[str, "StrOrPromise"]  # by the move's way, "upp" and "ned"


@login_required
@require_http_methods(["GET", "POST"])
def entity_edit(request: HttpRequest, pk: int, *, entity: ChainEntity[Any]) -> HttpResponse:
    obj = entity.load(request.user, pk, Action.EDIT)
    initial = entity.initial(obj)
    return _entity_form(
        request,
        entity,
        entity.goal_of(obj),
        owner=obj.owner,
        initial=initial,
        auto_id=f"{entity.name}-{pk}-%s",
        write=lambda data: entity.update(obj, data, initial),
        message=entity.saved,
        title=str(entity.edit_title),
    )


@login_required
@require_http_methods(["GET", "POST"])
def row_create(request: HttpRequest, pk: int, *, entity: RowEntity[Any]) -> HttpResponse:
    """A new indicator or activity under goal `pk`, owned by the goal's owner."""
    goal = get_goal_for_user(request.user, pk, Action.EDIT)
    return _entity_form(
        request,
        entity,
        goal,
        owner=goal.owner,
        auto_id=f"new-{entity.name}-{pk}-%s",
        write=lambda data: entity.create(goal, data),
        message=entity.added,
        title=str(entity.new_title),
        context_line=_("För målet: %(goal)s") % {"goal": goal},
        submit_label=_("Lägg till"),
    )


def _entity_form(
    request: HttpRequest,
    entity: ChainEntity[Any],
    goal: Goal,
    *,
    owner: OrgUnit,
    auto_id: str,
    write: Callable[[dict[str, Any]], object],
    message: "StrOrPromise",
    initial: dict[str, Any] | None = None,
    **view: Any,
) -> HttpResponse:
    """The entity's form in `goal`'s block; a valid one is written by `write`."""
    access = chain_access(request.user)
    form = entity.form(
        form_data(request),
        initial=initial,
        auto_id=auto_id,
        **entity.form_options(owner, access),
    )

    def save(data: dict[str, Any]) -> tuple[int, str]:
        write(data)
        return goal.pk, str(message)

    return goal_form_view(request, goal, form=form, on_valid=save, access=access, **view)


@login_required
@require_POST
def row_delete(request: HttpRequest, pk: int, *, entity: RowEntity[Any]) -> HttpResponse:
    return _row_change(
        request,
        pk,
        entity,
        run=lambda obj: ask_first(
            request, lambda: entity.question(obj), lambda: entity.delete(obj)
        ),
        message=entity.deleted,
    )


@login_required
@require_POST
def row_move(request: HttpRequest, pk: int, way: str, *, entity: RowEntity[Any]) -> HttpResponse:
    return _row_change(
        request,
        pk,
        entity,
        run=lambda obj: entity.move(obj, MOVES[way]),
        message=entity.moved[way],
        way=way,
    )


def _row_change(
    request: HttpRequest,
    pk: int,
    entity: RowEntity[Any],
    *,
    run: Callable[[Any], object],
    message: "StrOrPromise",
    way: str = "",
) -> HttpResponse:
    obj = entity.load(request.user, pk, Action.EDIT)
    access = chain_access(request.user)
    return row_action(
        request, obj, access=access, run=lambda: run(obj), message=str(message), way=way
    )
