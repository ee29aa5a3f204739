"""The machinery every edit view shares: form views, POST-only actions, block rendering."""

from collections.abc import Callable
from typing import TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_htmx.http import reswap, retarget

from styra.accounts.permissions import Action, get_plan_for_user
from styra.followup.dependents import (
    ACTIVITY,
    GOAL,
    INDICATOR,
    ROW,
    ConfirmationNeeded,
    report_data_for,
)
from styra.goals.models import Plan

from .pages import render_block

T = TypeVar("T")


def add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


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
            add_errors(form, exc)
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


def form_response(request: HttpRequest, template: str, context: dict, *, slot: str) -> HttpResponse:
    """The form in `context`: a fragment for htmx, else a page of its own (400 if refused)."""
    if request.htmx:
        response = render(request, f"{template}#form", context)
        if request.method == "POST":
            # A refused form goes back into the slot it came from, not over the block.
            response = reswap(retarget(response, f"#slot-{slot}"), "innerHTML")
        return response
    status = 400 if context["form"].errors else 200
    return render(request, template, context, status=status)


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
    if ask is not None and not confirmed(request):
        try:
            question = ask(obj)
        except ValidationError as exc:
            refused = exc
        else:
            return confirm_response(request, plan, block=block_id, asked=question)
        # A refusal (decided report data) is shown in the block like any other error.
        return action_view(request, plan, block=block_id, run=lambda: _raise(refused))
    return action_view(request, plan, block=block_id, run=lambda: run(obj))


def _raise(exc: Exception):
    raise exc


def delete_question(subject: str, name: str, **objects) -> ConfirmationNeeded:
    """What a delete asks before anything goes: one question, in a form, for every delete.

    Every delete on the plan page asks here, in a real form posted back with confirm=1,
    and nowhere else: a browser dialog first would ask twice where report data goes with
    it, cannot say what goes, and is not Styra's page (its buttons are the browser's, not
    in the user's language everywhere). The question names the draft report data that
    goes with the object (styra.followup.dependents) or else just the object; data in a
    submitted or approved report refuses the delete here already (ValidationError).
    `subject` is one of dependents' GOAL, INDICATOR, ACTIVITY, ROW, or "section" and
    "appendix", which hold no report data.
    """
    if objects:
        dependents = report_data_for(**objects)
        refusal = dependents.refusal(subject)
        if refusal:
            raise ValidationError(refusal, code="decided")
        if dependents.by_report:
            return ConfirmationNeeded(dependents.draft_summary(subject), dependents.draft_lines())
    return ConfirmationNeeded(str(WILL_GO[subject] % {"name": name}), [])


WILL_GO = {
    GOAL: gettext_lazy("Målet ”%(name)s” tas bort med sina indikatorer och aktiviteter."),
    INDICATOR: gettext_lazy("Indikatorn ”%(name)s” tas bort med sina årsmål."),
    ACTIVITY: gettext_lazy("Aktiviteten ”%(name)s” tas bort."),
    ROW: gettext_lazy("Budgetraden ”%(name)s” tas bort."),
    "section": gettext_lazy("Avsnittet ”%(name)s” tas bort."),
    "appendix": gettext_lazy("Bilagan ”%(name)s” tas bort."),
}


def confirmed(request: HttpRequest) -> bool:
    """Whether the POST comes from the confirmation step of a delete (confirm_response)."""
    return request.POST.get("confirm") == "1"


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
