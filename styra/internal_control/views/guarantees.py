"""The quality guarantees page: a unit's guarantees of a year with their follow-up per period.

The guarantees are edited in place as the plan's sections are (lib.htmx_forms): a form
opens in a slot of the list, a valid POST answers with the list re-rendered (htmx) or a
redirect back to the page, a refusal is shown in the form or above the list.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from styra.accounts.permissions import Action, can
from styra.followup.models import ReportingPeriod
from styra.lib import htmx_forms
from styra.lib.dependents import ConfirmationNeeded
from styra.lib.htmx_forms import MOVES
from styra.lib.http import AuthenticatedHttpRequest

from .. import guarantee_services
from ..access import GuaranteePlan, get_guarantee_for_user, get_guarantee_plan_for_user
from ..guarantee_forms import GuaranteeForm, GuaranteeOutcomeForm
from ..guarantees import guarantee_rows
from ..models import QualityGuarantee

PAGE = "internal_control/guarantees.html"
FORM = "internal_control/guarantee_form.html"
BLOCK = "guarantees"


def _page_context(request: HttpRequest, scope: GuaranteePlan, error: str = "") -> dict[str, Any]:
    user, unit = request.user, scope.unit
    return {
        "unit": unit,
        "year": scope.year,
        "plan": scope.plan,
        "rows": guarantee_rows(unit, scope.year),
        # The guarantees are the plan's: written while it is a draft, not before it exists.
        "can_edit": scope.plan is not None and can(user, Action.EDIT, unit, locked=scope.is_locked),
        "can_report": can(user, Action.EDIT, unit),
        "block_error": error,
        "nav": "home",
    }


def _page_url(scope: GuaranteePlan) -> str:
    return reverse("internal_control:guarantees", args=[scope.unit.pk, scope.year.year])


def _scope_of(guarantee: QualityGuarantee) -> GuaranteePlan:
    """The guarantee's unit and year, with its plan (for the page's answer)."""
    return GuaranteePlan(
        unit=guarantee.unit,
        year=guarantee.year,
        plan=guarantee_services.guarantee_plan(guarantee.unit, guarantee.year),
    )


def _answer(request: HttpRequest, scope: GuaranteePlan) -> Callable[..., HttpResponse]:
    """The list re-rendered for htmx (with the refusal, if any), else back to the page."""

    def answer(error: str = "", message: str = "") -> HttpResponse:
        if htmx_forms.is_htmx(request):
            return render(request, f"{PAGE}#{BLOCK}", _page_context(request, scope, error))
        if error:
            messages.error(request, error)
        elif message:
            messages.success(request, message)
        return redirect(_page_url(scope) + f"#{BLOCK}")

    return answer


def _form(
    request: HttpRequest,
    scope: GuaranteePlan,
    *,
    form: Any,
    slot: str,
    title: str,
    on_valid: Callable[[dict[str, Any]], object],
) -> HttpResponse:
    answer = _answer(request, scope)
    context = {
        "unit": scope.unit,
        "year": scope.year,
        "title": title,
        "block_id": BLOCK,
        "back": _page_url(scope),
        "action": request.get_full_path(),
        "nav": "home",
    }
    return htmx_forms.form_view(
        request,
        form=form,
        on_valid=on_valid,
        answer=lambda _result: answer(message=_("Ändringen är sparad.")),
        template=FORM,
        context=context,
        slot=slot,
    )


@login_required
@require_GET
def guarantees(request: HttpRequest, unit_id: int, year: int) -> HttpResponse:
    scope = get_guarantee_plan_for_user(request.user, unit_id, year)
    context = _page_context(request, scope)
    if htmx_forms.is_htmx(request):
        # What "Avbryt" in a form swaps back in: the list as it stands.
        return render(request, f"{PAGE}#{BLOCK}", context)
    return render(request, PAGE, context)


@login_required
@require_http_methods(["GET", "POST"])
def guarantee_create(request: AuthenticatedHttpRequest, unit_id: int, year: int) -> HttpResponse:
    scope = get_guarantee_plan_for_user(request.user, unit_id, year, Action.EDIT)
    return _form(
        request,
        scope,
        form=GuaranteeForm(request.POST or None),
        slot=BLOCK,
        title=_("Ny kvalitetsgaranti"),
        on_valid=lambda data: guarantee_services.guarantee_create(
            unit=scope.unit, year=scope.year, **data
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def guarantee_edit(request: AuthenticatedHttpRequest, guarantee_id: int) -> HttpResponse:
    guarantee = get_guarantee_for_user(request.user, guarantee_id, Action.EDIT)
    initial = {name: getattr(guarantee, name) for name in guarantee_services.GUARANTEE_FIELDS}
    return _form(
        request,
        _scope_of(guarantee),
        form=GuaranteeForm(request.POST or None, initial=initial),
        slot=f"guarantee-{guarantee.pk}",
        title=_("Ändra kvalitetsgaranti"),
        on_valid=lambda data: guarantee_services.guarantee_update(guarantee=guarantee, **data),
    )


def _delete_question(guarantee: QualityGuarantee) -> ConfirmationNeeded:
    periods = [o.period.period.label for o in guarantee.outcomes.select_related("period")]
    summary = _("Kvalitetsgarantin ”%(name)s” tas bort.") % {"name": guarantee.promise}
    if periods:
        summary = _("Kvalitetsgarantin ”%(name)s” tas bort med sina utfall för %(periods)s.") % {
            "name": guarantee.promise,
            "periods": ", ".join(periods),
        }
    return ConfirmationNeeded(summary, [])


def _row_action(
    request: HttpRequest, guarantee: QualityGuarantee, run: Callable[[], object]
) -> HttpResponse:
    scope = _scope_of(guarantee)
    context = {
        "unit": scope.unit,
        "year": scope.year,
        "back": _page_url(scope),
        "action": request.path,
        "block_id": BLOCK,
        "nav": "home",
    }
    return htmx_forms.row_action(
        request,
        run=run,
        answer=_answer(request, scope),
        template="internal_control/guarantee_confirm.html",
        context=context,
        slot=f"guarantee-{guarantee.pk}",
    )


@login_required
@require_POST
def guarantee_delete(request: AuthenticatedHttpRequest, guarantee_id: int) -> HttpResponse:
    guarantee = get_guarantee_for_user(request.user, guarantee_id, Action.EDIT)
    return _row_action(
        request,
        guarantee,
        lambda: htmx_forms.ask_first(
            request,
            lambda: _delete_question(guarantee),
            lambda: guarantee_services.guarantee_delete(guarantee=guarantee),
        ),
    )


@login_required
@require_POST
def guarantee_move(request: AuthenticatedHttpRequest, guarantee_id: int, way: str) -> HttpResponse:
    guarantee = get_guarantee_for_user(request.user, guarantee_id, Action.EDIT)
    if way not in MOVES:
        raise Http404
    return _row_action(
        request,
        guarantee,
        lambda: guarantee_services.guarantee_move(guarantee=guarantee, offset=MOVES[way]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def guarantee_outcome(
    request: AuthenticatedHttpRequest, guarantee_id: int, period: str
) -> HttpResponse:
    guarantee = get_guarantee_for_user(request.user, guarantee_id, Action.EDIT, followup=True)
    found = ReportingPeriod.objects.filter(code=period, year=guarantee.year).first()
    if found is None:
        raise Http404
    outcome = guarantee.outcomes.filter(period=found).first()
    initial = (
        {"cases": outcome.cases, "kept": outcome.kept, "comment": outcome.comment}
        if outcome is not None
        else {}
    )
    return _form(
        request,
        _scope_of(guarantee),
        form=GuaranteeOutcomeForm(request.POST or None, initial=initial),
        slot=f"guarantee-{guarantee.pk}",
        title=_("Uppföljning %(period)s: %(name)s")
        % {"period": found.period.label, "name": guarantee.promise},
        on_valid=lambda data: guarantee_services.guarantee_outcome_record(
            guarantee=guarantee, period=found, by=request.user, **data
        ),
    )
