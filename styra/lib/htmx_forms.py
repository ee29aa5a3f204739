"""The htmx form view and row-action view every editing page shares.

A form opens in a slot of the block it changes: GET shows it (a fragment for htmx,
a page of its own without JavaScript); a valid POST writes through a service and the
page answers with the re-rendered block (htmx) or a redirect back to it; a refused
form goes back into its slot (HX-Retarget), or is shown again with status 400.
A row action (delete, move, a change of status) is POST-only and shows a refusal in
the block; a delete asks first (ConfirmationNeeded) in a real form posted back with
confirm=1, not a script dialog, so it works from the keyboard and without JavaScript.

Each page says only what differs: its template, what goes around the form, and how it
answers (`answer`), so that the plan page, the chain page and the follow-up pages
behave alike.
"""

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django_htmx.http import reswap, retarget

from .dependents import ConfirmationNeeded
from .forms import add_service_errors

T = TypeVar("T")

# The <way:way> of a move's URL as the offset the move services take.
MOVES = {"upp": -1, "ned": 1}


def form_view(
    request: HttpRequest,
    *,
    form: forms.Form,
    on_valid: Callable[[dict[str, Any]], T],
    answer: Callable[[T], HttpResponse],
    template: str,
    context: dict[str, Any],
    slot: str,
) -> HttpResponse:
    """Show `form` in `template`; a valid POST calls `on_valid` with the cleaned data and
    answers with `answer(what on_valid returned)`. A service's refusal shows on the form."""
    if form.is_bound and form.is_valid():
        try:
            result = on_valid(form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return answer(result)
    return form_response(request, template, {**context, "form": form}, slot=slot)


def form_response(
    request: HttpRequest, template: str, context: dict[str, Any], *, slot: str
) -> HttpResponse:
    """The form in `context`: a fragment for htmx, else a page of its own (400 if refused)."""
    if is_htmx(request):
        response = render(request, f"{template}#form", context)
        if request.method == "POST":
            # A refused form goes back into the slot it came from, not over the block.
            response = reswap(retarget(response, f"#slot-{slot}"), "innerHTML")
        return response
    status = 400 if context["form"].errors else 200
    return render(request, template, context, status=status)


def row_action(
    request: HttpRequest,
    *,
    run: Callable[[], object],
    answer: Callable[[str], HttpResponse],
    template: str,
    context: dict[str, Any],
    slot: str,
) -> HttpResponse:
    """A POST-only change: `run` calls the service and `answer(error)` re-renders the block,
    with the refusal's text ("" when it went through). A delete that needs confirmation
    answers with its question in `template`, with `context` around it, in the block's slot."""
    try:
        run()
    except ConfirmationNeeded as asked:
        return confirm_response(request, template, context, asked=asked, slot=slot)
    except ValidationError as exc:
        return answer(" ".join(exc.messages))
    return answer("")


def confirm_response(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    *,
    asked: ConfirmationNeeded,
    slot: str,
) -> HttpResponse:
    """Ask before a delete, saying what goes with it (draft report data, or just the object)."""
    context = context | {
        "title": _("Vill du ta bort det?"),
        "summary": asked.summary,
        "lines": asked.lines,
    }
    if is_htmx(request):
        response = render(request, f"{template}#form", context)
        return reswap(retarget(response, f"#slot-{slot}"), "innerHTML")
    return render(request, template, context)


def confirmed(request: HttpRequest) -> bool:
    """Whether the POST comes from the confirmation step of a delete."""
    return request.POST.get("confirm") == "1"


def ask_first(
    request: HttpRequest, question: Callable[[], ConfirmationNeeded], delete: Callable[[], object]
) -> object:
    """Run `delete` once the POST comes from the confirmation form; until then ask `question`."""
    if not confirmed(request):
        raise question()
    return delete()


def is_htmx(request: HttpRequest) -> bool:
    """Whether django-htmx's middleware saw an htmx request (callers pass a plain request)."""
    return bool(getattr(request, "htmx", False))
