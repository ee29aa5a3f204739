"""The form view every follow-up edit shares, in the block/slot pattern of the plan pages.

GET shows the form (a fragment in the block's slot for htmx, a page without
JavaScript). A valid POST writes through a service and answers with the
re-rendered block (htmx) or a redirect back to it. A refused form goes back
into the slot it came from (HX-Retarget), or is shown again with status 400.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django_htmx.http import reswap, retarget

from styra.lib.forms import add_service_errors

TEMPLATE = "followup/report_edit.html"


@dataclass
class Place:
    """Where an edit belongs on its page: the block it re-renders and the slot its form fills."""

    page_url: str
    block: str
    slot: str
    block_url: str
    render_block: Callable[[], HttpResponse]


def form_view(
    request: HttpRequest,
    *,
    form,
    place: Place,
    title: str,
    on_valid: Callable[[dict], object],
    submit_label: str = "",
    nav: str = "followup",
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            on_valid(form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if request.htmx:
                return place.render_block()
            messages.success(request, _("Ändringen är sparad."))
            return redirect(f"{place.page_url}#{place.block}")
    context = {
        "form": form,
        "title": title,
        "place": place,
        "action": request.get_full_path(),
        "submit_label": submit_label or _("Spara"),
        "nav": nav,
    }
    if request.htmx:
        response = render(request, f"{TEMPLATE}#form", context)
        if request.method == "POST":
            response = reswap(retarget(response, f"#slot-{place.slot}"), "innerHTML")
        return response
    return render(request, TEMPLATE, context, status=400 if form.errors else 200)
