"""The htmx form and row-action views every editing page shares.

A form opens in a slot of the block it changes: GET shows it (a fragment for htmx,
a page of its own without JavaScript); a valid POST writes through a service and the
page answers with the re-rendered block (htmx) or a redirect back to it; a refused
form goes back into its slot (HX-Retarget), or is shown again with status 400.
A row action (delete, move) is POST-only and shows a refusal in the block; a delete
asks first (ConfirmationNeeded) in a real form posted back with confirm=1.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_htmx.http import reswap, retarget

from .confirmation import ConfirmationNeeded


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
