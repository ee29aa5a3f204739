"""Editing a plan's header, sections and appendices; its status; next year's plan."""

import logging

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from styra.accounts.permissions import Action, require
from styra.lib.dependents import delete_question
from styra.lib.htmx_forms import MOVES
from styra.plans.models import Appendix, Plan, Section, SectionPart

from .. import services
from ..access import get_plan_for_user
from ..forms import AppendixForm, CopyForm, HeaderForm, SectionForm
from .editing import form_view, object_action

log = logging.getLogger(__name__)


@login_required
@require_http_methods(["GET", "POST"])
def header_edit(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id, Action.EDIT)
    initial = {f: getattr(plan, f) for f in ("officer", "phone", "addressee", "meeting_date")}
    form = HeaderForm(request.POST or None, initial=initial)
    if plan.addressee_review_note:
        form.fields["addressee"].help_text = _(
            "Kopierat från förra årets plan och nämner %(phrases)s, att granska. Spara "
            "uppgifterna, ändrade eller som de är, så tas markeringen bort."
        ) % {"phrases": plan.addressee_review_note}
    return form_view(
        request,
        plan,
        form=form,
        block="header",
        title=_("Ändra planens uppgifter"),
        on_valid=lambda data: services.plan_update_header(plan=plan, **data),
    )


@login_required
@require_http_methods(["GET", "POST"])
def section_create(request: HttpRequest, plan_id: int, part: str) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id, Action.EDIT)
    if part not in SectionPart.values:
        raise Http404
    form = SectionForm(request.POST or None)
    block = "intro" if part == SectionPart.INTRO else "closing"
    return form_view(
        request,
        plan,
        form=form,
        block=block,
        title=_("Nytt avsnitt"),
        on_valid=lambda data: services.section_create(plan=plan, part=part, **data),
    )


def _section(plan, section_id: int) -> Section:
    return get_object_or_404(Section, pk=section_id, plan=plan)


def _section_block(section: Section) -> str:
    return "intro" if section.part == SectionPart.INTRO else "closing"


@login_required
@require_http_methods(["GET", "POST"])
def section_edit(request: HttpRequest, plan_id: int, section_id: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id, Action.EDIT)
    section = _section(plan, section_id)
    form = SectionForm(
        request.POST or None, initial={"heading": section.heading, "text": section.text}
    )
    return form_view(
        request,
        plan,
        form=form,
        block=_section_block(section),
        title=_("Ändra avsnitt"),
        on_valid=lambda data: services.section_update(section=section, **data),
    )


@login_required
@require_POST
def section_delete(request: HttpRequest, plan_id: int, section_id: int) -> HttpResponse:
    return object_action(
        request,
        plan_id,
        Action.EDIT,
        find=lambda plan: _section(plan, section_id),
        run=lambda section: services.section_delete(section=section),
        block=_section_block,
        ask=lambda section: delete_question("section", section.heading),
    )


@login_required
@require_POST
def section_move(request: HttpRequest, plan_id: int, section_id: int, way: str) -> HttpResponse:
    return object_action(
        request,
        plan_id,
        Action.EDIT,
        find=lambda plan: _section(plan, section_id),
        run=lambda section: services.section_move(section=section, offset=MOVES[way]),
        block=_section_block,
    )


@login_required
@require_http_methods(["GET", "POST"])
def appendix_create(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id, Action.EDIT)
    form = AppendixForm(request.POST or None, request.FILES or None)
    return form_view(
        request,
        plan,
        form=form,
        block="appendices",
        title=_("Ny bilaga"),
        on_valid=lambda data: services.appendix_add(plan=plan, **data),
    )


@login_required
@require_POST
def appendix_delete(request: HttpRequest, plan_id: int, appendix_id: int) -> HttpResponse:
    return object_action(
        request,
        plan_id,
        Action.EDIT,
        find=lambda plan: get_object_or_404(Appendix, pk=appendix_id, plan=plan),
        run=lambda appendix: services.appendix_delete(appendix=appendix),
        block="appendices",
        ask=lambda appendix: delete_question("appendix", appendix.name),
    )


@login_required
@require_GET
def appendix_download(request: HttpRequest, plan_id: int, appendix_id: int) -> FileResponse:
    plan = get_plan_for_user(request.user, plan_id)
    appendix = get_object_or_404(Appendix, pk=appendix_id, plan=plan)
    if not appendix.file:
        raise Http404
    try:
        handle = appendix.file.open("rb")
    except FileNotFoundError:
        # The row outlived its file (a restore without media, a disk cleaned by hand).
        log.warning("Appendix %s of plan %s has no file %s", appendix.pk, plan.pk, appendix.file)
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=appendix.file.name.rsplit("/", 1)[-1])


@login_required
@require_http_methods(["GET", "POST"])
def copy(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Create next year's plan from this one, and show what could not be linked."""
    plan = get_plan_for_user(request.user, plan_id)
    # Copying reads this plan and writes a new one, so an adopted plan may be the source.
    require(request.user, Action.EDIT, plan.unit)
    form = CopyForm(request.POST or None, plan=plan)
    title = _("Skapa nästa års plan från denna")
    if form.closed:
        # No year to choose: the page says why and offers no button (a POST changes nothing).
        context = {"plan": plan, "title": title, "message": form.closed, "nav": "home"}
        status = 400 if request.method == "POST" else 200
        return render(request, "plans/copy_closed.html", context, status=status)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.plan_copy_to_year(plan=plan, year=form.cleaned_data["year"])
        except ValidationError as exc:
            form.add_error("year", exc)
        else:
            context = {"report": report, "source": plan, "plan": report.plan, "nav": "home"}
            return render(request, "plans/copied.html", context)
    return plan_form_page(
        request,
        plan,
        form,
        title=title,
        submit_label=_("Skapa planen"),
    )


def plan_form_page(
    request: HttpRequest, plan: Plan, form, *, title: str, submit_label: str
) -> HttpResponse:
    """A form about the whole plan, always on a page of its own (also for htmx requests)."""
    context = {
        "form": form,
        "plan": plan,
        "title": title,
        "block_id": "header",
        "submit_label": submit_label,
        "nav": "home",
    }
    return render(request, "plans/edit.html", context, status=400 if form.errors else 200)
