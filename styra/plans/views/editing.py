"""How the plan page answers its edits: forms and POST-only actions on top of lib.htmx_forms."""

from collections.abc import Callable
from typing import TypeVar

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from styra.accounts.permissions import Action
from styra.lib import htmx_forms
from styra.lib.dependents import ConfirmationNeeded
from styra.plans.access import get_plan_for_user
from styra.plans.models import Plan

from .pages import render_block

T = TypeVar("T")


def block_answer(request: HttpRequest, plan: Plan, block: str) -> Callable[..., HttpResponse]:
    """How the plan page answers a change: the re-rendered block for htmx (with the refusal,
    if any), else a redirect back to the block with the outcome as a message."""

    def answer(error: str = "", message: str = "") -> HttpResponse:
        if request.htmx:
            return render_block(request, plan, block, error=error)
        if error:
            messages.error(request, error)
        elif message:
            messages.success(request, message)
        return redirect(reverse("plans:detail", args=[plan.pk]) + f"#{block}")

    return answer


def form_view(
    request: HttpRequest,
    plan: Plan,
    *,
    form,
    block: str,
    title: str,
    on_valid: Callable[[dict], object],
    submit_label: str = "",
) -> HttpResponse:
    """Show `form`; on a valid POST call `on_valid` and answer with the re-rendered block."""
    answer = block_answer(request, plan, block)
    context = {
        "plan": plan,
        "title": title,
        "block_id": block,
        "action": request.get_full_path(),
        "submit_label": submit_label or _("Spara"),
        "nav": "home",
    }
    return htmx_forms.form_view(
        request,
        form=form,
        on_valid=on_valid,
        answer=lambda _result: answer(message=_("Ändringen är sparad.")),
        template="plans/edit.html",
        context=context,
        slot=block,
    )


def object_action(
    request: HttpRequest,
    plan_id: int,
    permission: Action,
    *,
    find: Callable[[Plan], T],
    run: Callable[[T], object],
    block: str | Callable[[T], str],
    ask: Callable[[T], ConfirmationNeeded] | None = None,
) -> HttpResponse:
    """A POST-only change (delete, move) to one object of a plan; errors are shown in the block.

    The plan is loaded for `permission` and `find` looks the object up within it (404
    otherwise); `run` calls the service, and the answer is the re-rendered `block`
    (a block name, or a function of the object that gives it). A delete passes `ask`:
    until the POST comes from its confirmation form, the answer is that form.
    """
    plan = get_plan_for_user(request.user, plan_id, permission)
    obj = find(plan)
    block_id = block if isinstance(block, str) else block(obj)
    if ask is None:
        return action_view(request, plan, block=block_id, run=lambda: run(obj))
    return action_view(
        request,
        plan,
        block=block_id,
        run=lambda: htmx_forms.ask_first(request, lambda: ask(obj), lambda: run(obj)),
    )


def action_view(request: HttpRequest, plan: Plan, *, block: str, run: Callable[[], object]):
    """A POST-only change (delete, move, status) of the plan; errors are shown in the block."""
    return htmx_forms.row_action(
        request,
        run=run,
        answer=block_answer(request, plan, block),
        template="plans/confirm_delete.html",
        context={"plan": plan, "action": request.path, "block_id": block, "nav": "home"},
        slot=block,
    )
