"""The dialog of a plan or report: its own page, and the reply its panel posts.

GET shows the dialog on a page of its own (the plan's and report's pages show the same
panel). A POST writes the message through `message_post`: for htmx it answers with the
thread again, the new message last, and the page's live region says it was sent;
without JavaScript it goes back to the plan or report. A refused message (empty, too
long) is shown again with its text and the reason, and nothing is stored.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from styra.lib.htmx_forms import form_view, is_htmx
from styra.lib.http import AuthenticatedHttpRequest

from .access import get_subject_for_user
from .forms import MessageForm
from .models import Message, SubjectKind
from .panel import Panel
from .services import message_post
from .subjects import about

TEMPLATE = "conversations/dialog.html"


@login_required
@require_http_methods(["GET", "POST"])
def plan_dialog(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    return _dialog(request, SubjectKind.PLAN, plan_id)


@login_required
@require_http_methods(["GET", "POST"])
def report_dialog(request: AuthenticatedHttpRequest, report_id: int) -> HttpResponse:
    return _dialog(request, SubjectKind.REPORT, report_id)


def _dialog(request: AuthenticatedHttpRequest, kind: str, subject_id: int) -> HttpResponse:
    subject = get_subject_for_user(request.user, kind, subject_id)
    where = about(subject)
    form = MessageForm(request.POST if request.method == "POST" else None)

    def answer(_message: Message) -> HttpResponse:
        sent = _("Meddelandet är skickat.")
        if is_htmx(request):
            panel = Panel(where, announce=sent)
            return render(request, f"{TEMPLATE}#thread", {"dialog": panel, "form": panel.form})
        messages.success(request, sent)
        return redirect(f"{where.page_url}#dialog")

    return form_view(
        request,
        form=form,
        on_valid=lambda data: message_post(subject=subject, by=request.user, text=data["text"]),
        answer=answer,
        template=TEMPLATE,
        context={
            "dialog": Panel(where),
            "nav": "home" if kind == SubjectKind.PLAN else "followup",
        },
        slot="dialog",
    )
