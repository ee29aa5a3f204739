"""Editing a plan's budget table."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from styra.accounts.permissions import Action
from styra.budget import services
from styra.budget.models import Budget, BudgetRow, RowKind
from styra.lib.dependents import ROW, delete_question
from styra.lib.htmx_forms import MOVES, confirmed

from ..access import get_plan_for_user
from ..forms import BudgetRowForm, BudgetUnitForm
from .editing import form_view, object_action


@login_required
@require_http_methods(["GET", "POST"])
def unit_edit(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id, Action.BUDGET)
    budget = Budget.objects.filter(plan=plan).first()
    form = BudgetUnitForm(
        request.POST or None, initial={"currency_unit": budget.currency_unit if budget else "tkr"}
    )
    return form_view(
        request,
        plan,
        form=form,
        block="budget",
        title=_("Budgetens enhet"),
        on_valid=lambda data: services.budget_set_unit(plan=plan, **data),
    )


def _service_fields(data: dict, kind: str) -> dict:
    """The form's fields as `budget.services` names them; a row left without a kind keeps `kind`."""
    fields = dict(data)
    fields["kind"] = fields.pop("row_kind") or kind
    return fields


def _row(plan, row_id: int) -> BudgetRow:
    return get_object_or_404(BudgetRow, pk=row_id, budget__plan=plan)


@login_required
@require_http_methods(["GET", "POST"])
def row_create(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id, Action.BUDGET)
    form = BudgetRowForm(request.POST or None)
    return form_view(
        request,
        plan,
        form=form,
        block="budget",
        title=_("Ny budgetrad"),
        on_valid=lambda data: services.budget_row_create(
            plan=plan, **_service_fields(data, RowKind.LINE)
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def row_edit(request: HttpRequest, plan_id: int, row_id: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id, Action.BUDGET)
    row = _row(plan, row_id)
    fields = ("name", "costs", "revenues", "net", "kind")
    initial = {f: getattr(row, f) for f in fields}
    initial["row_kind"] = initial.pop("kind")
    for f in ("costs", "revenues", "net"):
        if initial[f] is not None:
            initial[f] = format(initial[f].normalize(), "f").replace(".", ",")
    form = BudgetRowForm(request.POST or None, initial=initial)
    return form_view(
        request,
        plan,
        form=form,
        block="budget",
        title=_("Ändra budgetrad"),
        on_valid=lambda data: services.budget_row_update(
            row=row, **_service_fields(data, row.kind)
        ),
    )


@login_required
@require_POST
def row_delete(request: HttpRequest, plan_id: int, row_id: int) -> HttpResponse:
    return object_action(
        request,
        plan_id,
        Action.BUDGET,
        find=lambda plan: _row(plan, row_id),
        run=lambda row: services.budget_row_delete(row=row, confirmed=confirmed(request)),
        block="budget",
        ask=lambda row: delete_question(ROW, row.name, rows=[row]),
    )


@login_required
@require_POST
def row_move(request: HttpRequest, plan_id: int, row_id: int, way: str) -> HttpResponse:
    return object_action(
        request,
        plan_id,
        Action.BUDGET,
        find=lambda plan: _row(plan, row_id),
        run=lambda row: services.budget_row_move(row=row, offset=MOVES[way]),
        block="budget",
    )
