"""Importera verksamhetsplan: upload, preview what would be saved, confirm.

Nothing is stored before confirmation: the parsed plan travels to the
confirm step inside the form, signed so that it cannot be altered on the
way; a cancelled or failed import leaves no trace.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from styra.accounts.permissions import Action, visible_unit_ids
from styra.goals.models import Level
from styra.organisation.models import OrgUnit
from styra.plans.goal_tree import goal_tree
from styra.plans.interchange import plan_import

from .forms import ConfirmForm, UploadForm
from .reading import read_plan

SALT = "styra.importer.preview"


def _editable_units(request: HttpRequest) -> set[int]:
    ids = visible_unit_ids(request.user, Action.EDIT)
    if not ids:
        raise PermissionDenied
    return ids


def _guess_unit(name: str, unit_ids: set[int]) -> OrgUnit | None:
    return OrgUnit.objects.filter(pk__in=unit_ids, name__iexact=(name or "").strip()).first()


def _preview(
    request: HttpRequest,
    plan: dict,
    form: ConfirmForm,
    warnings: list[str],
    *,
    filename: str = "",
    status: int = 200,
) -> HttpResponse:
    context = {
        "plan": plan,
        # The goals as the plan page's shared templates read them (see plans.goal_tree).
        "goals": goal_tree(plan.get("goals") or [], unit_goal_label=Level.UNIT.label),
        "warnings": warnings,
        "form": form,
        "filename": filename,
        "nav": "import",
    }
    return render(request, "importer/preview.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    unit_ids = _editable_units(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        try:
            result = read_plan(file.read(), file.name)
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            plan = result.plan
            guess = _guess_unit(plan.get("unit"), unit_ids)
            confirm = ConfirmForm(
                unit_ids=unit_ids,
                initial={
                    "payload": signing.dumps(plan, salt=SALT, compress=True),
                    "unit": guess.pk if guess else None,
                    "year": plan.get("year"),
                },
            )
            return _preview(request, plan, confirm, result.warnings, filename=file.name)
    status = 400 if form.errors else 200
    return render(request, "importer/upload.html", {"form": form, "nav": "import"}, status=status)


@login_required
@require_POST
def confirm(request: HttpRequest) -> HttpResponse:
    unit_ids = _editable_units(request)
    form = ConfirmForm(request.POST, unit_ids=unit_ids)
    try:
        plan = signing.loads(request.POST.get("payload", ""), salt=SALT, max_age=6 * 3600)
    except signing.BadSignature:
        messages.error(
            request, _("Förhandsvisningen är för gammal eller har ändrats. Ladda upp filen igen.")
        )
        return redirect("importer:upload")
    if form.is_valid():
        data = {**plan, "year": form.cleaned_data["year"]}
        try:
            report = plan_import(
                data=data, unit=form.cleaned_data["unit"], replace=form.cleaned_data["replace"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Planen är importerad som utkast."))
            return redirect("plans:detail", report.plan.pk)
    return _preview(request, plan, form, [], status=400)
