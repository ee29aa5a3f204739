"""The machinery every edit view shares: form views, POST-only actions, block rendering."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django_htmx.http import reswap, retarget

from styra.accounts.permissions import Action, get_plan_for_user
from styra.goals.models import Plan

from .pages import render_block


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
                response = render_block(request, plan, block)
                return response
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
    if request.htmx:
        response = render(request, "plans/edit.html#form", context)
        if request.method == "POST":
            # A refused form goes back into the slot it came from, not over the block.
            response = reswap(retarget(response, f"#slot-{block}"), "innerHTML")
        return response
    return render(request, "plans/edit.html", context, status=400 if form.errors else 200)


def action_view(request: HttpRequest, plan: Plan, *, block: str, run: Callable[[], object]):
    """A POST-only change (delete, move, status); errors are shown in the block."""
    error = ""
    try:
        run()
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if request.htmx:
        return render_block(request, plan, block, error=error)
    if error:
        messages.error(request, error)
    return redirect(reverse("plans:detail", args=[plan.pk]) + f"#{block}")


def edit_plan(request: HttpRequest, plan_id: int, action: Action = Action.EDIT) -> Plan:
    return get_plan_for_user(request.user, plan_id, action)
