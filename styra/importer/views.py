"""Importera verksamhetsplan: upload, preview what would be saved, confirm.

Nothing is stored before confirmation: the parsed plan travels to the
confirm step inside the form, signed so that it cannot be altered on the
way; a cancelled or failed import leaves no trace. The signature proves only
that the plan is the one the user uploaded, not that they may write it: the
confirm step runs the import as the user, and plan_import decides per node
what they may write. The preview shows the same import run dry.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from styra.accounts.permissions import Action, can, visible_unit_ids
from styra.goals.models import Level
from styra.goals.tree import ViewNode, goal_tree
from styra.importer.legacy import Sources
from styra.importer.results import PlanExists, PreviewOutdated
from styra.importer.services import plan_import
from styra.organisation.models import OrgUnit
from styra.plans.models import PLAN_UNIT_KINDS

from .forms import ConfirmForm, UploadForm
from .reading import read_plan

SALT = "styra.importer.preview"
# Room in the confirm request for its other fields (unit, year, the digest, the token).
PAYLOAD_MARGIN = 64 * 1024


@dataclass
class Shown:
    """What the preview showed besides the plan, kept in the signed form with it so that a
    refused confirm shows the same preview again: the reader's warnings, the file's name,
    the officer's telephone and the pages each goal came from."""

    warnings: list[str] = field(default_factory=list)
    filename: str = ""
    phone: str | None = None
    sources: list[Sources] = field(default_factory=list)


def _payload(plan: dict, shown: Shown) -> str:
    """The plan signed for the preview's form; refused when the confirm request could not
    bring it back (DATA_UPLOAD_MAX_MEMORY_SIZE), which would answer the user's review with
    a bare 400."""
    data = {
        "plan": plan,
        "shown": {
            "warnings": [str(w) for w in shown.warnings],
            "filename": shown.filename,
            "phone": shown.phone,
            "sources": [s.as_data() for s in shown.sources],
        },
    }
    payload = signing.dumps(data, salt=SALT, compress=True)
    if len(payload) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE - PAYLOAD_MARGIN:
        raise ValidationError(
            _(
                "Planen i filen är för stor för att sparas härifrån. Kontrollera att det är "
                "rätt fil, eller be en administratör läsa in den med kommandot import-plan."
            )
        )
    return payload


def _unpack(payload: str) -> tuple[dict, Shown]:
    """The plan and what the preview showed with it (a preview signed before it carried
    more than the plan gives the plan alone); signing.BadSignature if it was altered."""
    data = signing.loads(payload, salt=SALT, max_age=6 * 3600)
    if not (isinstance(data, dict) and set(data) == {"plan", "shown"}):
        return data, Shown()
    shown = data["shown"]
    return data["plan"], Shown(
        warnings=list(shown["warnings"]),
        filename=shown["filename"],
        phone=shown["phone"],
        sources=[Sources.from_data(s) for s in shown["sources"]],
    )


@dataclass
class Check:
    """What saving would do above the unit, from dry runs of the very import the save runs.

    `seen` carries the dry runs' digests to the confirm step ("without with"), which
    refuses a save that would leave out or create something else than was shown.
    """

    ran: bool = False
    left_out: list[str] = field(default_factory=list)  # when nothing is created above
    above_unit: list[str] = field(default_factory=list)  # when the administrator opts in
    errors: list[str] = field(default_factory=list)
    seen: str = ""
    replaces: bool = False  # the unit has a plan for the year, which saving would replace
    # What the import itself notes about the unit's part (a name, a periodicity), as saved.
    warnings: list[str] = field(default_factory=list)


def _editable_units(request: HttpRequest) -> set[int]:
    ids = visible_unit_ids(request.user, Action.EDIT)
    if not ids:
        raise PermissionDenied
    return ids


def _may_create_chain(user) -> bool:
    """Offer the choice to create what is missing above the unit (the import decides again)."""
    city = OrgUnit.objects.city()
    return city is not None and can(user, Action.ADMINISTER, city)


def _guess_unit(name: str, unit_ids: set[int]) -> OrgUnit | None:
    """The unit the file names, among those the user may import into; else their only one, so
    that the preview can show at once what saving would link and leave out."""
    units = OrgUnit.objects.filter(pk__in=unit_ids, kind__in=PLAN_UNIT_KINDS)
    named = units.filter(name__iexact=(name or "").strip()).first()
    if named is not None:
        return named
    only = list(units[:2])
    return only[0] if len(only) == 1 else None


def _check(user, plan: dict, unit: OrgUnit | None, year, may_create: bool) -> Check:
    if unit is None or not isinstance(year, int):
        return Check()
    check, digests = Check(ran=True), []
    for create_chain in (False, True) if may_create else (False,):
        try:
            # As if replacing: whether to replace is asked in the form and changes nothing above.
            report = plan_import(
                data={**plan, "year": year},
                user=user,
                unit=unit,
                replace=True,
                create_chain=create_chain,
                dry_run=True,
            )
        except ValidationError as exc:
            digests.append("-")
            if not create_chain:
                check.errors = exc.messages
            continue
        digests.append(report.digest())
        check.replaces = report.replaces
        if create_chain:
            check.above_unit = report.above_unit
        else:
            check.left_out = report.left_out
            check.warnings = report.warnings
    check.seen = " ".join(digests)
    return check


def _expected(seen: str, create_chain: bool) -> str:
    digests = seen.split()
    index = 1 if create_chain else 0
    return digests[index] if len(digests) > index else "-"


def _preview(
    request: HttpRequest,
    plan: dict,
    form: ConfirmForm,
    *,
    check: Check,
    shown: Shown,
    notice: str = "",
    status: int = 200,
) -> HttpResponse:
    # The goals as the plan page's shared templates read them (see goals.tree).
    goals = goal_tree(plan.get("goals") or [], unit_goal_label=Level.UNIT.label)
    _say_sources(goals, shown.sources)
    context = {
        "plan": plan,
        "goals": goals,
        "phone": shown.phone,
        "warnings": shown.warnings,
        "check": check,
        "notice": notice,
        "may_create_chain": "create_chain" in form.fields,
        "form": form,
        "filename": shown.filename,
        "nav": "import",
    }
    return render(request, "importer/preview.html", context, status=status)


def _say_sources(nodes: list[ViewNode], sources: list[Sources]) -> None:
    """Tell beside each goal of a PDF the pages it, its indicators and its activities were
    read from, so that what the import made of them can be checked against the file."""
    for node, source in zip(nodes, sources, strict=False):
        parts = [_pages(_("Sidan %(pages)s"), _("Sidorna %(pages)s"), [source.pages])]
        if source.indicators:
            parts.append(
                _pages(
                    _("indikatorer sidan %(pages)s"),
                    _("indikatorer sidorna %(pages)s"),
                    source.indicators,
                )
            )
        if source.activities:
            parts.append(
                _pages(
                    _("aktiviteter sidan %(pages)s"),
                    _("aktiviteter sidorna %(pages)s"),
                    source.activities,
                )
            )
        node.source = _("I PDF-filen: %(parts)s.") % {"parts": ", ".join(parts)}
        _say_sources(node.children, source.children)


def _pages(one: str, several: str, spans: list[tuple[int, int]]) -> str:
    first = min(a for a, _b in spans)
    last = max(b for _a, b in spans)
    if first == last:
        return one % {"pages": first}
    return several % {"pages": f"{first}–{last}"}


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    unit_ids = _editable_units(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        try:
            result = read_plan(file.read(), file.name)
            plan = result.plan
            shown = Shown(result.warnings, file.name, result.phone, result.sources)
            payload = _payload(plan, shown)
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            guess = _guess_unit(plan.get("unit"), unit_ids)
            may_create = _may_create_chain(request.user)
            confirm = ConfirmForm(
                unit_ids=unit_ids,
                may_create_chain=may_create,
                initial={
                    "payload": payload,
                    "unit": guess.pk if guess else None,
                    "year": plan.get("year"),
                },
            )
            check = _check(request.user, plan, guess, plan.get("year"), may_create)
            return _preview(request, plan, confirm, check=check, shown=shown)
    status = 400 if form.errors else 200
    return render(request, "importer/upload.html", {"form": form, "nav": "import"}, status=status)


@login_required
@require_POST
def confirm(request: HttpRequest) -> HttpResponse:
    """Save what the preview showed; the import re-checks every write against the policy."""
    unit_ids = _editable_units(request)
    may_create = _may_create_chain(request.user)
    form = ConfirmForm(request.POST, unit_ids=unit_ids, may_create_chain=may_create)
    try:
        plan, shown = _unpack(request.POST.get("payload", ""))
    except signing.BadSignature:
        messages.error(
            request, _("Förhandsvisningen är för gammal eller har ändrats. Ladda upp filen igen.")
        )
        return redirect("importer:upload")
    if not form.is_valid():
        return _preview(request, plan, form, check=Check(), shown=shown, status=400)
    unit, year = form.cleaned_data["unit"], form.cleaned_data["year"]
    create_chain = form.cleaned_data.get("create_chain", False)
    try:
        report = plan_import(
            data={**plan, "year": year},
            user=request.user,
            unit=unit,
            replace=form.cleaned_data["replace"],
            create_chain=create_chain,
            expect=_expected(request.POST.get("seen", ""), create_chain),
        )
    except PreviewOutdated as exc:
        # Another unit or year than the preview showed (or the chain changed meanwhile):
        # show what saving would do now, and save only on the next confirmation.
        fresh = ConfirmForm(
            unit_ids=unit_ids,
            may_create_chain=may_create,
            initial={**form.cleaned_data, "unit": unit.pk},
        )
        check = _check(request.user, plan, unit, year, may_create)
        return _preview(request, plan, fresh, check=check, shown=shown, notice=exc.messages[0])
    except PlanExists as exc:
        form.add_error(
            "replace",
            _("%(message)s Kryssa i ”%(label)s” för att ersätta den.")
            % {"message": exc.messages[0], "label": form.fields["replace"].label},
        )
        check = _check(request.user, plan, unit, year, may_create)
        return _preview(request, plan, form, check=check, shown=shown, status=400)
    except ValidationError as exc:
        form.add_error(None, exc)
        check = _check(request.user, plan, unit, year, may_create)
        return _preview(request, plan, form, check=check, shown=shown, status=400)
    messages.success(request, _("Planen är importerad som utkast."))
    return redirect("plans:detail", report.plan.pk)
