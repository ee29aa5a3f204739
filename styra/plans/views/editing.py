"""The machinery every edit view shares: form views, POST-only actions, block rendering."""

from collections.abc import Callable
from typing import TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django_htmx.http import reswap, retarget

from styra.accounts.permissions import Action, get_plan_for_user
from styra.goals.models import Plan
from styra.lib.confirmation import ConfirmationNeeded
from styra.lib.forms import add_service_errors
from styra.lib.htmx_forms import confirmed, form_response

from .pages import render_block

T = TypeVar("T")


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
    if request.method == "POST" and form.is_valid():
        try:
            on_valid(form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if request.htmx:
                return render_block(request, plan, block)
            messages.success(request, _("Ändringen är sparad."))
            return redirect(reverse("plans:detail", args=[plan.pk]) + f"#{block}")
    context = {
        "form": form,
        "plan": plan,
        "title": title,
        "block_id": block,
        "action": request.get_full_path(),
        "submit_label": submit_label or _("Spara"),
        "nav": "home",
    }
    return form_response(request, "plans/edit.html", context, slot=block)


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
    plan = edit_plan(request, plan_id, permission)
    obj = find(plan)
    block_id = block if isinstance(block, str) else block(obj)

    def change():
        # action_view answers the question with its form, and a refusal (decided report
        # data) in the block like any other error.
        if ask is not None and not confirmed(request):
            raise ask(obj)
        return run(obj)

    return action_view(request, plan, block=block_id, run=change)


def confirm_response(
    request: HttpRequest, plan: Plan, *, block: str, asked: ConfirmationNeeded
) -> HttpResponse:
    """Ask before a delete that takes draft report data with it, saying what goes.

    A real form posting back to the same address with confirm=1 (not a script dialog), so
    it works from the keyboard and without JavaScript; htmx puts it in the block's slot.
    """
    context = {
        "plan": plan,
        "title": _("Vill du ta bort det?"),
        "summary": asked.summary,
        "lines": asked.lines,
        "action": request.path,
        "block_id": block,
        "nav": "home",
    }
    if request.htmx:
        response = render(request, "plans/confirm_delete.html#form", context)
        return reswap(retarget(response, f"#slot-{block}"), "innerHTML")
    return render(request, "plans/confirm_delete.html", context)


def action_view(request: HttpRequest, plan: Plan, *, block: str, run: Callable[[], object]):
    """A POST-only change (delete, move, status); errors are shown in the block.

    A delete that needs confirmation (ConfirmationNeeded) answers with the question instead.
    """
    error = ""
    try:
        run()
    except ConfirmationNeeded as exc:
        return confirm_response(request, plan, block=block, asked=exc)
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if request.htmx:
        return render_block(request, plan, block, error=error)
    if error:
        messages.error(request, error)
    return redirect(reverse("plans:detail", args=[plan.pk]) + f"#{block}")


def edit_plan(request: HttpRequest, plan_id: int, action: Action = Action.EDIT) -> Plan:
    return get_plan_for_user(request.user, plan_id, action)
