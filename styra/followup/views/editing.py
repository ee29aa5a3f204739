"""How the follow-up pages answer their edits, on top of lib.htmx_forms.

GET shows the form (a fragment in the block's slot for htmx, a page without
JavaScript). A valid POST writes through a service and answers with the
re-rendered block (htmx) or a redirect back to it. A refused form goes back
into the slot it came from (HX-Retarget), or is shown again with status 400.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from styra.lib import htmx_forms


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
    def answer(_result) -> HttpResponse:
        if request.htmx:
            return place.render_block()
        messages.success(request, _("Ändringen är sparad."))
        return redirect(f"{place.page_url}#{place.block}")

    context = {
        "title": title,
        "place": place,
        "action": request.get_full_path(),
        "submit_label": submit_label or _("Spara"),
        "nav": nav,
    }
    return htmx_forms.form_view(
        request,
        form=form,
        on_valid=on_valid,
        answer=answer,
        template="followup/report_edit.html",
        context=context,
        slot=place.slot,
    )
