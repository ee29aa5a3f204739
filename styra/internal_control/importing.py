"""Importera internkontrollplan: upload a styra-internal-control/1 file, preview, confirm.

The plans importer's flow (styra.importer.views): nothing is stored before confirmation.
The file's dict travels to the confirm step inside the form with the node and year it was
previewed for, signed so that it cannot be altered on the way; the signature proves only
that it is what the user uploaded, not that they may write it, so the confirm loads the
node again as the user and the import checks their right once more
(`import_services.control_plan_import`, the one authority check of every import). The preview is
the same import run dry.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from styra.accounts.permissions import Action, AnyUser, get_unit_for_user, visible_unit_ids
from styra.goals.models import PlanningYear
from styra.lib import uploads
from styra.organisation.models import OrgUnit

from .import_services import ControlPlanExists, control_plan_import
from .interchange.load import ControlPlanImport, words
from .interchange.reading import max_bytes, read_control_plan_file
from .models import CONTROL_PLAN_KINDS

SALT = "styra.internal_control.import"
MAX_AGE = 6 * 3600
# Room in the confirm request for its other fields (the tick box, the token).
PAYLOAD_MARGIN = 64 * 1024


def _nodes(user: AnyUser) -> QuerySet[OrgUnit]:
    """The nodes keeping a control plan that the user may edit: those offered for import."""
    return OrgUnit.objects.filter(
        pk__in=visible_unit_ids(user, Action.EDIT), kind__in=CONTROL_PLAN_KINDS
    ).order_by("name")


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Internkontrollplan"),
        error_messages={"required": _("Välj en fil."), "empty": _("Filen är tom.")},
    )
    node: forms.ModelChoiceField[OrgUnit] = forms.ModelChoiceField(
        label=_("Nämnd eller enhet"),
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label=_("Den som filen anger"),
        error_messages={"invalid_choice": _("Välj en nämnd eller enhet i listan.")},
    )
    year: forms.ModelChoiceField[PlanningYear] = forms.ModelChoiceField(
        label=_("År"),
        queryset=PlanningYear.objects.open(),
        required=False,
        empty_label=_("Det år som filen anger"),
        error_messages={"invalid_choice": _("Välj ett år i listan.")},
    )

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        node = self.fields["node"]
        assert isinstance(node, forms.ModelChoiceField)
        node.queryset = _nodes(user)
        self.fields["file"].help_text = gettext(
            "En internkontrollplan som fil i formatet styra-internal-control/1 (JSON, högst "
            "%(json)s MB), eller ett befintligt dokument (Word, PDF eller text, högst "
            "%(size)s MB) med en tabell över processer, risker och kontrollmoment."
        ) % {
            "json": max_bytes("plan.json") // (1024 * 1024),
            "size": max_bytes("plan.pdf") // (1024 * 1024),
        }

    def clean_file(self) -> File[bytes]:
        file: File[bytes] = self.cleaned_data["file"]
        uploads.check_size(file.size or 0, max_bytes(file.name or ""))
        return file


class ConfirmForm(forms.Form):
    payload = forms.CharField(widget=forms.HiddenInput)
    replace = forms.BooleanField(label=_("Ersätt det befintliga utkastet för året"), required=False)


def _payload(data: dict[str, Any], node: OrgUnit, year: PlanningYear, filename: str) -> str:
    """The dict signed with what it was previewed for; refused when the confirm request
    could not bring it back (DATA_UPLOAD_MAX_MEMORY_SIZE), which would answer with a bare 400."""
    payload = signing.dumps(
        {"data": data, "node": node.pk, "year": year.pk, "filename": filename},
        salt=SALT,
        compress=True,
    )
    if len(payload) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE - PAYLOAD_MARGIN:
        raise ValidationError(
            gettext(
                "Internkontrollplanen i filen är för stor för att sparas härifrån. Be en "
                "administratör läsa in den med kommandot import-internal-control."
            )
        )
    return payload


def _unpack(payload: str) -> dict[str, Any]:
    """What the preview signed; signing.BadSignature if it was altered or is too old."""
    signed = signing.loads(payload, salt=SALT, max_age=MAX_AGE)
    if not (isinstance(signed, dict) and set(signed) == {"data", "node", "year", "filename"}):
        raise signing.BadSignature
    return signed


def _chosen(form: UploadForm, data: dict[str, Any]) -> tuple[OrgUnit, PlanningYear] | None:
    """The node and year chosen, else the ones the file names among those offered; None,
    with the form's errors saying why, when there are none."""
    node = form.cleaned_data["node"]
    if node is None:
        field = form.fields["node"]
        assert isinstance(field, forms.ModelChoiceField) and field.queryset is not None
        named = words(data["unit"])
        node = next((n for n in field.queryset if words(n.name) == named), None)
        if node is None:
            form.add_error(
                "node",
                gettext("Filen anger %(unit)s, som du inte kan importera till. Välj i listan.")
                % {"unit": data["unit"] or "–"},
            )
    year = form.cleaned_data["year"]
    if year is None:
        year = PlanningYear.objects.open().filter(year=data["year"]).first()
        if year is None:
            form.add_error(
                "year",
                gettext("Filen anger %(year)s, som inte är ett öppet planeringsår. Välj i listan.")
                % {"year": data["year"]},
            )
    if node is None or year is None:
        return None
    return node, year


def _dry_run(
    user: AnyUser, node: OrgUnit, year: PlanningYear, data: dict[str, Any]
) -> ControlPlanImport:
    """What saving would store, as if replacing (whether to replace is the confirm's tick box)."""
    return control_plan_import(
        org_unit=node, year=year, data=data, replace=True, by=user, dry_run=True
    )


def _preview(
    request: HttpRequest,
    outcome: ControlPlanImport | None,
    form: ConfirmForm,
    *,
    node: OrgUnit,
    year: PlanningYear,
    filename: str,
    status: int = 200,
) -> HttpResponse:
    """The plan as saving would store it, the warnings, and the confirm form; with no
    outcome (the import is refused whatever is ticked), only why."""
    context = {
        "outcome": outcome,
        "plan": outcome.data if outcome is not None else None,
        "form": form,
        "node": node,
        "year": year,
        "filename": filename,
    }
    return render(request, "internal_control/import_preview.html", context, status=status)


def _not_yours(node: OrgUnit) -> str:
    return gettext(
        "Du kan inte importera en internkontrollplan för %(unit)s. En nämnds plan importeras "
        "av nämndens redaktörer; en enhets plan startas av nämnden och kan sedan importeras "
        "av enhetens redaktörer."
    ) % {"unit": node.name}


def _read(request: HttpRequest, form: UploadForm) -> HttpResponse | None:
    """The preview of the uploaded file, or None with the form's errors saying why not."""
    file = form.cleaned_data["file"]
    try:
        data, read_warnings = read_control_plan_file(file.read(), file.name or "")
    except ValidationError as exc:
        form.add_error("file", exc)
        return None
    chosen = _chosen(form, data)
    if chosen is None:
        return None
    node, year = chosen
    try:
        outcome = _dry_run(request.user, node, year, data)
        payload = _payload(data, node, year, file.name)
    except (PermissionDenied, Http404):
        form.add_error("node", _not_yours(node))
        return None
    except ValidationError as exc:
        form.add_error(None, exc)
        return None
    outcome.warnings[:0] = read_warnings
    confirm_form = ConfirmForm(initial={"payload": payload})
    return _preview(request, outcome, confirm_form, node=node, year=year, filename=file.name)


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    """Only who may edit a node that keeps a control plan gets the page."""
    if not _nodes(request.user).exists():
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        preview = _read(request, form)
        if preview is not None:
            return preview
    status = 400 if form.errors else 200
    return render(request, "internal_control/import.html", {"form": form}, status=status)


@login_required
@require_POST
def confirm(request: HttpRequest) -> HttpResponse:
    """Save what the preview showed, as the user may write it now: the node is loaded as the
    user (404 for one they may not see) and the import checks their right to write it."""
    form = ConfirmForm(request.POST)
    try:
        signed = _unpack(request.POST.get("payload", ""))
    except signing.BadSignature:
        messages.error(
            request,
            gettext("Förhandsvisningen är för gammal eller har ändrats. Ladda upp filen igen."),
        )
        return redirect("internal_control:import")
    node = get_unit_for_user(request.user, signed["node"])
    year = PlanningYear.objects.filter(pk=signed["year"]).first()
    if year is None:
        raise Http404
    data, filename = signed["data"], signed["filename"]
    replace = form.is_valid() and form.cleaned_data["replace"]
    try:
        control_plan_import(org_unit=node, year=year, data=data, replace=replace, by=request.user)
    except ControlPlanExists as exc:
        form.add_error(
            "replace",
            gettext("%(message)s Kryssa i ”%(label)s” för att ersätta det.")
            % {"message": exc.messages[0], "label": form.fields["replace"].label},
        )
    except ValidationError as exc:
        form.add_error(None, exc)
    else:
        messages.success(
            request,
            gettext("Internkontrollplanen %(year)s för %(unit)s är importerad som utkast.")
            % {"year": year.year, "unit": node.name},
        )
        return redirect("internal_control:import")
    try:
        outcome: ControlPlanImport | None = _dry_run(request.user, node, year, data)
    except ValidationError:
        outcome = None
    return _preview(request, outcome, form, node=node, year=year, filename=filename, status=400)
