"""Utfall från fil: upload an Excel or CSV file of outcomes, preview every row, confirm.

Nothing is stored before confirmation: the accepted rows travel to the
confirm step inside the form, signed so that they cannot be altered on the
way, and are stored there in one transaction (followup.bulk.outcomes_store).
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from styra.accounts.permissions import Action, visible_unit_ids
from styra.lib.periods import Period

from .. import bulk, bulk_file, bulk_template
from ..models import ReportingPeriod

SALT = "styra.followup.upload"
MAX_AGE = 6 * 3600
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Fil med utfall"),
        help_text=gettext_lazy(
            "Excel (.xlsx) eller CSV med kolumnerna indikator, enhet, period, värde och "
            "kommentar. Högst 5 MB."
        ),
        error_messages={
            "required": gettext_lazy("Välj en fil."),
            "empty": gettext_lazy("Filen är tom."),
        },
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > bulk_file.MAX_FILE_BYTES:
            raise ValidationError(_("Filen är större än 5 MB."))
        return file


def _require_editor(request: HttpRequest) -> None:
    if not visible_unit_ids(request.user, Action.EDIT):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    _require_editor(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        try:
            rows = bulk_file.read_rows(file.read(), file.name)
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            preview = bulk.check_rows(rows, request.user)
            payload = signing.dumps(preview.payload(), salt=SALT, compress=True)
            context = {"preview": preview, "payload": payload, "filename": file.name}
            return render(request, "followup/upload_preview.html", {**context, "nav": "followup"})
    context = {"form": form, "nav": "followup", "period": _template_period()}
    return render(request, "followup/upload.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def confirm(request: HttpRequest) -> HttpResponse:
    _require_editor(request)
    try:
        rows = signing.loads(request.POST.get("payload", ""), salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        messages.error(
            request,
            _("Förhandsgranskningen är för gammal eller har ändrats. Ladda upp filen igen."),
        )
        return redirect("followup:upload")
    try:
        stored = bulk.outcomes_store(rows=rows, user=request.user)
    except ValidationError as exc:
        messages.error(
            request, _("Inget sparades. %(reasons)s") % {"reasons": " ".join(exc.messages)}
        )
        return redirect("followup:upload")
    messages.success(request, _("%(n)d utfall sparades.") % {"n": stored})
    return redirect("followup:home")


def _template_period() -> Period:
    """The period whose deadline comes next, else the latest one, else this year's T1."""
    today = timezone.localdate()
    periods = ReportingPeriod.objects.open()  # a draft year reports nothing yet
    upcoming = periods.filter(deadline__gte=today).order_by("deadline").first()
    latest = upcoming or periods.order_by("-code").first()
    return latest.period if latest else Period(today.year, "T1")


@login_required
@require_GET
def template(request: HttpRequest) -> HttpResponse:
    """An Excel file to fill in, with a row per indicator the user reports in the period."""
    _require_editor(request)
    try:
        period = Period.parse(request.GET.get("period", "")) if request.GET.get("period") else None
    except ValueError:
        period = None
    period = period or _template_period()
    response = HttpResponse(bulk_template.template_xlsx(request.user, period), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="utfall-{period.code}.xlsx"'
    return response
