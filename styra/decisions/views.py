"""The decisions on a plan or report (submit, adopt or approve, reopen), their versions and
files, the comparison, publishing, and the public pages.

The internal pages ask `accounts.permissions` about the organisation node
the version belongs to, as every other page does. The public pages
(/offentligt/) need no sign-in and read only published snapshots: a version
that is not published, or whose plan or report is no longer decided, is 404
for everyone there, whatever id is tried.
"""

import json
from collections.abc import Callable
from itertools import groupby

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from styra.accounts.permissions import Action, can, require
from styra.followup.access import get_report_for_user
from styra.followup.models import ReportStatus
from styra.followup.views.editing import form_view
from styra.followup.views.reports import place, workflow_answer
from styra.internal_control.access import get_control_plan_for_user
from styra.internal_control.interchange import control_plan_dict
from styra.internal_control.models import ControlPlan
from styra.lib.forms import add_service_errors
from styra.lib.http import AuthenticatedHtmxHttpRequest, AuthenticatedHttpRequest
from styra.lib.language import swedish
from styra.lib.outline import PARTS, OutlinedSection, shown
from styra.plans.access import get_plan_for_user
from styra.plans.files import FORMATS as PLAN_FILES
from styra.plans.files import plan_filename
from styra.plans.models import Plan, PlanStatus
from styra.plans.stored_plan import plan_view
from styra.plans.views.parts import plan_form_page

from . import services
from .access import get_snapshot_for_user
from .capture import capture_plan
from .compare import compare_control_plans, compare_plans
from .files import plan_file
from .forms import ReopenForm
from .models import Kind, Snapshot, SnapshotQuerySet
from .services import Decided, Subject

FILES = {"json": "application/json", "pdf": "application/pdf"}
CURRENT = "aktuell"


def _get_subject(user, kind: str, obj_id: int, action: Action = Action.VIEW) -> Subject:
    if kind == Kind.PLAN:
        return get_plan_for_user(user, obj_id, action)
    return get_report_for_user(user, obj_id, action)


def _get_decided(user, kind: str, obj_id: int) -> Decided:
    """What a versions page is about: a plan, a report or an internal control plan."""
    if kind == Kind.INTERNAL_CONTROL:
        return get_control_plan_for_user(user, obj_id)
    return _get_subject(user, kind, obj_id)


def _unit_of(subject: Decided):
    return subject.unit if isinstance(subject, Plan) else subject.org_unit


def _file_response(snapshot: Snapshot, fmt: str) -> HttpResponse:
    if fmt not in FILES:
        raise Http404
    content = bytes(snapshot.pdf) if fmt == "pdf" else _json_bytes(snapshot.data)
    response = HttpResponse(content, content_type=FILES[fmt])
    safe = "".join(c if c.isalnum() else "-" for c in snapshot.unit_name).strip("-") or "enhet"
    name = f"{snapshot.kind}-{snapshot.key}-{safe}-version-{snapshot.number}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _json_bytes(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


# ---------------------------------------------------------------- internal pages


@login_required
@require_GET
def plan_versions(request: HttpRequest, plan_id: int) -> HttpResponse:
    return _versions(request, Kind.PLAN, plan_id)


@login_required
@require_GET
def report_versions(request: HttpRequest, report_id: int) -> HttpResponse:
    return _versions(request, Kind.REPORT, report_id)


@login_required
@require_GET
def control_plan_versions(request: HttpRequest, control_plan_id: int) -> HttpResponse:
    return _versions(request, Kind.INTERNAL_CONTROL, control_plan_id)


def _versions(request: HttpRequest, kind: str, obj_id: int) -> HttpResponse:
    """Every decided version with its files and history, publishing, and the way to compare."""
    subject = _get_decided(request.user, kind, obj_id)
    snapshots = list(
        services.versions_of(subject)
        .listing()
        .select_related("publication")
        .prefetch_related("events")
    )
    published = next((s for s in snapshots if hasattr(s, "publication")), None)
    decided = services.is_decided(subject)
    # An internal control plan is adopted and kept, never published.
    publishes = kind != Kind.INTERNAL_CONTROL
    context = {
        "subject": subject,
        "kind": kind,
        "is_plan": kind == Kind.PLAN,
        "is_control_plan": not publishes,
        "snapshots": snapshots,
        "published": published,
        "decided": decided,
        "can_publish": publishes
        and decided
        and can(request.user, Action.APPROVE, _unit_of(subject)),
        "compare_form": CompareForm(snapshots) if kind != Kind.REPORT and snapshots else None,
        "nav": "followup" if kind == Kind.REPORT else "home",
    }
    return render(request, "decisions/versions.html", context)


@login_required
@require_GET
def snapshot_download(request: HttpRequest, snapshot_id: int, fmt: str) -> HttpResponse:
    """A stored version's JSON or PDF, as it was decided, for whoever may see the unit."""
    snapshot = get_snapshot_for_user(request.user, snapshot_id)
    return _file_response(snapshot, fmt)


@login_required
@require_GET
@swedish
def plan_download(request: HttpRequest, plan_id: int, fmt: str) -> HttpResponse:
    """The plan as PDF, DOCX or styra-plan/1 JSON, for anyone who may read it; an adopted
    plan as it was adopted (its snapshot), which is why the download lives here."""
    if fmt not in PLAN_FILES:
        raise Http404
    plan = get_plan_for_user(request.user, plan_id)
    response = HttpResponse(plan_file(plan, fmt), content_type=PLAN_FILES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{plan_filename(plan, fmt)}"'
    return response


class CompareForm(forms.Form):
    """Which two versions to compare; by default the latest snapshot and the plan as it is."""

    def __init__(self, snapshots: list[Snapshot], data=None):
        super().__init__(data)
        choices = [(str(s.number), _("Version %(n)s") % {"n": s.number}) for s in snapshots]
        choices.append((CURRENT, _("Planen som den är nu")))
        self.fields["fran"] = forms.ChoiceField(label=_("Jämför"), choices=choices)
        self.fields["till"] = forms.ChoiceField(label=_("med"), choices=choices)
        self.fields["alla"] = forms.BooleanField(
            label=_("Visa även det som inte har ändrats"), required=False
        )
        if snapshots:
            self.initial = {"fran": str(snapshots[-1].number), "till": CURRENT}


def _now_label(plan: Plan | ControlPlan) -> str:
    words = {PlanStatus.ADOPTED: _("fastställd"), PlanStatus.SUBMITTED: _("inlämnad")}
    status = words.get(PlanStatus(plan.status), _("utkast"))
    return _("Planen som den är nu (%(s)s)") % {"s": status}


def _version_label(snapshot: Snapshot) -> str:
    return _("Version %(n)s, fastställd %(at)s") % {
        "n": snapshot.number,
        "at": f"{snapshot.decided_at:%Y-%m-%d}",
    }


def _side(choice: str, snapshots: dict[str, Snapshot], plan) -> tuple[str, dict, dict]:
    if choice == CURRENT:
        live = capture_plan(plan, with_pdf=False)
        return _now_label(plan), live.data, live.meta
    snapshot = snapshots[choice]
    return _version_label(snapshot), snapshot.data, snapshot.meta


def _compare_form(
    request: HttpRequest, subject: Plan | ControlPlan, listing: list[Snapshot]
) -> tuple[CompareForm, dict[str, Snapshot] | None]:
    """The two versions asked for (by default the latest and the plan now), with the stored
    ones loaded by number; None for a choice that is no version."""
    form = CompareForm(listing, request.GET if "fran" in request.GET else None)
    if not form.is_bound:
        form = CompareForm(listing, {**form.initial, "alla": request.GET.get("alla", "")})
    if not form.is_valid():
        return form, None
    wanted = {form.cleaned_data["fran"], form.cleaned_data["till"]} - {CURRENT}
    stored = services.versions_of(subject).filter(number__in=wanted)
    return form, {str(s.number): s for s in stored}


@login_required
@require_GET
def compare(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Two versions of a plan side by side: any two snapshots, or one and the plan as it is."""
    plan = get_plan_for_user(request.user, plan_id)
    listing = list(services.versions_of(plan).listing())
    context = {"plan": plan, "has_versions": bool(listing), "nav": "home"}
    if not listing:
        return render(request, "decisions/compare.html", context)
    form, stored = _compare_form(request, plan, listing)
    context["form"] = form
    if stored is None:
        return render(request, "decisions/compare.html", context, status=400)
    old_label, old, old_meta = _side(form.cleaned_data["fran"], stored, plan)
    new_label, new, new_meta = _side(form.cleaned_data["till"], stored, plan)
    context.update(
        old_label=old_label,
        new_label=new_label,
        comparison=compare_plans(old, old_meta, new, new_meta),
        show_all=form.cleaned_data["alla"],
    )
    return render(request, "decisions/compare.html", context)


def _publish_action(
    request: AuthenticatedHttpRequest, kind: str, obj_id: int, publish: bool
) -> HttpResponse:
    subject = _get_subject(request.user, kind, obj_id, Action.APPROVE)
    try:
        if publish:
            services.subject_publish(subject=subject, by=request.user)
        else:
            services.subject_unpublish(subject=subject, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Publicerad.") if publish else _("Inte längre publicerad."))
    name = "decisions:plan_versions" if kind == Kind.PLAN else "decisions:report_versions"
    return redirect(name, obj_id)


@login_required
@require_POST
def plan_publish(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    return _publish_action(request, Kind.PLAN, plan_id, publish=True)


@login_required
@require_POST
def plan_unpublish(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    return _publish_action(request, Kind.PLAN, plan_id, publish=False)


@login_required
@require_POST
def report_publish(request: AuthenticatedHttpRequest, report_id: int) -> HttpResponse:
    return _publish_action(request, Kind.REPORT, report_id, publish=True)


@login_required
@require_POST
def report_unpublish(request: AuthenticatedHttpRequest, report_id: int) -> HttpResponse:
    return _publish_action(request, Kind.REPORT, report_id, publish=False)


# ---------------------------------------------------------------- public pages


def _public() -> SnapshotQuerySet:
    """Published versions whose plan is still adopted or report still approved."""
    return (
        Snapshot.objects.published()
        .filter(
            Q(kind=Kind.PLAN, plan__status=PlanStatus.ADOPTED)
            | Q(kind=Kind.REPORT, report__status=ReportStatus.APPROVED)
        )
        .select_related("publication")
    )


def _public_snapshot(snapshot_id: int) -> Snapshot:
    snapshot = _public().filter(pk=snapshot_id).first()
    if snapshot is None:
        raise Http404
    return snapshot


@require_GET
def public_index(request: HttpRequest) -> HttpResponse:
    """Published plans and reports by year and organisation; no sign-in."""
    items = (
        _public()
        .defer("data", "meta", "pdf")
        .order_by("-year", "organisation", "unit_name", "kind", "key")
    )
    by_year = [
        (year, [(org, list(group)) for org, group in groupby(rows, key=lambda s: s.organisation)])
        for year, rows in groupby(items, key=lambda s: s.year)
    ]
    return render(request, "decisions/public_index.html", {"by_year": by_year})


@require_GET
def public_detail(request: HttpRequest, snapshot_id: int) -> HttpResponse:
    """The published version as decided, not the live plan or report."""
    snapshot = _public_snapshot(snapshot_id)
    data = snapshot.data
    view = plan_view(data, snapshot.meta, organisation=snapshot.organisation)
    goals = view.nodes
    if snapshot.is_plan:
        intro, closing = shown(view.intro_sections), shown(view.closing_sections)
    else:
        # A report prints its sections that have text, each at the first level.
        intro = [OutlinedSection(s, 1, bare=False) for s in view.intro_sections if s.text.strip()]
        closing = []
    context = {
        "snapshot": snapshot,
        "data": data,
        "goals": goals,
        "followup": not snapshot.is_plan,
        "parts": PARTS,
        "intro": intro,
        "closing": closing,
    }
    return render(request, "decisions/public_detail.html", context)


@require_GET
def public_download(request: HttpRequest, snapshot_id: int, fmt: str) -> HttpResponse:
    return _file_response(_public_snapshot(snapshot_id), fmt)


# --- the decisions: submit, adopt or approve, reopen ---------------------------------------
# Each answers on the plan's or the report's own page, drawn by the room that owns it.


@login_required
@require_POST
def plan_submit(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    """The unit's editor hands the draft in for a decision; it is read-only from then on."""
    plan = get_plan_for_user(request.user, plan_id, Action.EDIT)
    return _status_change(
        request,
        plan,
        run=lambda: services.plan_submit(plan=plan, by=request.user, message=_message(request)),
        success=_("Planen är inlämnad."),
    )


@login_required
@require_POST
def plan_adopt(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id, Action.APPROVE)
    return _status_change(
        request,
        plan,
        run=lambda: services.plan_adopt(plan=plan, by=request.user, message=_message(request)),
        success=_("Planen är fastställd."),
    )


def _message(request: HttpRequest) -> str:
    """The message a decision's form may come with, for the dialog (conversations)."""
    return request.POST.get("message", "")


def _status_change(
    request: HttpRequest, plan: Plan, *, run: Callable[[], object], success: str
) -> HttpResponse:
    """Run a change of the plan's status and say how it went on the plan's page."""
    try:
        run()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, success)
    return redirect("plans:detail", plan.pk)


@login_required
@require_http_methods(["GET", "POST"])
def plan_reopen(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id, Action.APPROVE)
    form = ReopenForm(request.POST or None, kind=Kind.PLAN)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_reopen(plan=plan, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Planen är öppnad för ändringar igen."))
            return redirect("plans:detail", plan.pk)
    return plan_form_page(
        request, plan, form, title=_("Öppna planen igen"), submit_label=_("Öppna planen")
    )


@login_required
@require_POST
def report_submit(request: AuthenticatedHtmxHttpRequest, report_id: int) -> HttpResponse:
    report = get_report_for_user(request.user, report_id)
    # Submitting is the unit's own act, so only its editors may; the service checks the state.
    require(request.user, Action.EDIT, report.org_unit)
    error, message = "", _message(request)
    try:
        services.report_submit(report=report, by=request.user, message=message)
    except ValidationError as exc:
        error = " ".join(exc.messages)
    done = "" if error else _("Rapporten är inlämnad.")
    return workflow_answer(request, report, error, done, show_missing=True, message_text=message)


@login_required
@require_POST
def report_approve(request: AuthenticatedHtmxHttpRequest, report_id: int) -> HttpResponse:
    report = get_report_for_user(request.user, report_id, Action.APPROVE)
    error, message = "", _message(request)
    try:
        services.report_approve(report=report, by=request.user, message=message)
    except ValidationError as exc:
        error = " ".join(exc.messages)
    done = "" if error else _("Rapporten är godkänd.")
    return workflow_answer(request, report, error, done, message_text=message)


@login_required
@require_http_methods(["GET", "POST"])
def report_reopen(request: AuthenticatedHtmxHttpRequest, report_id: int) -> HttpResponse:
    report = get_report_for_user(request.user, report_id, Action.APPROVE)
    form = ReopenForm(request.POST or None, kind=Kind.REPORT)
    where = place(request, report, "header")
    where.render_block = lambda: workflow_answer(
        request, report, "", _("Rapporten är öppnad för ändringar igen.")
    )
    return form_view(
        request,
        form=form,
        place=where,
        title=_("Öppna rapporten igen"),
        submit_label=_("Öppna rapporten"),
        on_valid=lambda data: services.report_reopen(
            report=report, by=request.user, reason=data["reason"]
        ),
    )


# --- internal control plans: submit, adopt, reopen, versions, comparison ----------------------
# The decision forms sit on the plan's page (internal_control/_decisions.html), which posts
# its own address as `next`, so each decision answers back there.


def _back(request: HttpRequest, plan: ControlPlan) -> HttpResponse:
    """To the page the decision was taken on, else to the plan's page."""
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("internal_control:detail", plan.pk)


def _control_plan_decision(
    request: AuthenticatedHttpRequest,
    control_plan_id: int,
    action: Action,
    decide: Callable[..., object],
    success: str,
) -> HttpResponse:
    plan = get_control_plan_for_user(request.user, control_plan_id, action)
    try:
        decide(plan=plan, by=request.user)
    except ValidationError as exc:
        # Each problem on its own line: handing in is refused with all that stands in the way.
        for problem in exc.messages:
            messages.error(request, problem)
    else:
        messages.success(request, success)
    return _back(request, plan)


@login_required
@require_POST
def control_plan_submit(request: AuthenticatedHttpRequest, control_plan_id: int) -> HttpResponse:
    """The node's editor hands the draft in for its decision."""
    return _control_plan_decision(
        request,
        control_plan_id,
        Action.EDIT,
        services.control_plan_submit,
        _("Internkontrollplanen är inlämnad."),
    )


@login_required
@require_POST
def control_plan_adopt(request: AuthenticatedHttpRequest, control_plan_id: int) -> HttpResponse:
    """An approver above the node, or an administrator, adopts the submitted plan."""
    return _control_plan_decision(
        request,
        control_plan_id,
        Action.APPROVE,
        services.control_plan_adopt,
        _("Internkontrollplanen är fastställd."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def control_plan_reopen(request: AuthenticatedHttpRequest, control_plan_id: int) -> HttpResponse:
    """The reason asked for (on the plan's page, or here when it is missing), then reopened."""
    plan = get_control_plan_for_user(request.user, control_plan_id, Action.APPROVE)
    form = ReopenForm(request.POST or None, kind=Kind.INTERNAL_CONTROL)
    if request.method == "POST" and form.is_valid():
        try:
            services.control_plan_reopen(
                plan=plan, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Internkontrollplanen är öppnad för ändringar igen."))
            return _back(request, plan)
    context = {
        "plan": plan,
        "form": form,
        "next": request.POST.get("next") or request.GET.get("next", ""),
        "nav": "home",
    }
    status = 400 if form.errors else 200
    return render(request, "decisions/control_plan_reopen.html", context, status=status)


def _control_plan_side(
    choice: str, snapshots: dict[str, Snapshot], plan: ControlPlan
) -> tuple[str, dict]:
    if choice == CURRENT:
        return _now_label(plan), control_plan_dict(plan)
    snapshot = snapshots[choice]
    return _version_label(snapshot), snapshot.data


@login_required
@require_GET
def control_plan_compare(request: HttpRequest, control_plan_id: int) -> HttpResponse:
    """Two versions of an internal control plan: any two snapshots, or one and the plan now."""
    plan = get_control_plan_for_user(request.user, control_plan_id)
    listing = list(services.versions_of(plan).listing())
    context = {"plan": plan, "has_versions": bool(listing), "is_control_plan": True, "nav": "home"}
    if not listing:
        return render(request, "decisions/compare.html", context)
    form, stored = _compare_form(request, plan, listing)
    context["form"] = form
    if stored is None:
        return render(request, "decisions/compare.html", context, status=400)
    old_label, old = _control_plan_side(form.cleaned_data["fran"], stored, plan)
    new_label, new = _control_plan_side(form.cleaned_data["till"], stored, plan)
    context.update(
        old_label=old_label,
        new_label=new_label,
        comparison=compare_control_plans(old, new),
        show_all=form.cleaned_data["alla"],
    )
    return render(request, "decisions/compare.html", context)
