"""Monthly budget follow-up: outcome to date and forecast for the year, per budget row.

One page per plan and month shows every row with its budget, the month's
outcome and forecast, and the deviation; those with the budget right
(editor, controller) save the whole month at once, in one transaction, and
a forecast deficit needs a comment on its row.
"""

from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from styra.accounts.permissions import Action, can, get_plan_for_user
from styra.budget.models import BudgetRow
from styra.lib.periods import Period
from styra.plans.forms import SwedishDecimalField

from ..models import BudgetFollowUp
from ..services import budget_amount, budget_deviation, budget_follow_up_set


class MonthRowForm(forms.Form):
    outcome = SwedishDecimalField(label=gettext_lazy("Utfall hittills"))
    forecast = SwedishDecimalField(label=gettext_lazy("Prognos helår"))
    comment = forms.CharField(
        label=gettext_lazy("Kommentar"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


@dataclass
class MonthLine:
    row: BudgetRow
    budget: Decimal | None
    form: MonthRowForm
    deviation: Decimal | None

    @property
    def deficit(self) -> bool:
        return self.deviation is not None and self.deviation < 0


def _month(plan, code: str) -> Period:
    try:
        period = Period.parse(code)
    except ValueError:
        raise Http404 from None
    if not period.is_month or period.year != plan.year.year:
        raise Http404
    return period


@login_required
@require_http_methods(["GET", "POST"])
def month(request: HttpRequest, plan_id: int, code: str) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id)
    period = _month(plan, code)
    # The plan's adoption does not freeze its follow-up, so the lock is not applied here.
    may_edit = can(request.user, Action.BUDGET, plan.unit)
    if request.method == "POST" and not may_edit:
        raise PermissionDenied
    rows = list(BudgetRow.objects.filter(budget__plan=plan).order_by("position", "pk"))
    saved = {f.row_id: f for f in BudgetFollowUp.objects.filter(row__in=rows, period=period.code)}
    lines = []
    for row in rows:
        follow_up = saved.get(row.pk)
        initial = {}
        if follow_up:
            initial = {
                "outcome": follow_up.outcome,
                "forecast": follow_up.forecast,
                "comment": follow_up.comment,
            }
        data = request.POST if request.method == "POST" else None
        form = MonthRowForm(data, prefix=f"row{row.pk}", initial=initial)
        forecast = follow_up.forecast if follow_up else None
        lines.append(MonthLine(row, budget_amount(row), form, budget_deviation(row, forecast)))

    if request.method == "POST" and all(line.form.is_valid() for line in lines):
        try:
            with transaction.atomic():
                for line in lines:
                    if line.row.is_total:
                        continue  # sum rows are the sum of the others, not entered
                    data = line.form.cleaned_data
                    try:
                        budget_follow_up_set(row=line.row, period=period.code, **data)
                    except ValidationError as exc:
                        for field, errors in exc.message_dict.items():
                            line.form.add_error(
                                field if field in line.form.fields else None, errors
                            )
                        raise
        except ValidationError:
            pass
        else:
            messages.success(
                request,
                _("Budgetuppföljningen för %(month)s är sparad.") % {"month": period.display_label},
            )
            return redirect("followup:budget_month", plan.pk, period.code)

    today = timezone.localdate()
    months = [Period(plan.year.year, f"M{m:02d}") for m in range(1, 13)]
    context = {
        "plan": plan,
        "period": period,
        "months": [m for m in months if (m.year, m.month) <= (today.year, today.month)] or months,
        "lines": lines,
        "currency_unit": getattr(getattr(plan, "budget", None), "currency_unit", "tkr"),
        "may_edit": may_edit,
        "has_errors": any(line.form.errors for line in lines),
        "nav": "followup",
    }
    status = 400 if context["has_errors"] else 200
    return render(request, "followup/budget_month.html", context, status=status)


@login_required
@require_GET
def latest_month(request: HttpRequest, plan_id: int) -> HttpResponse:
    """This month in the plan's year, its December for a past year, its January for a future one."""
    plan = get_plan_for_user(request.user, plan_id)
    today = timezone.localdate()
    if today.year == plan.year.year:
        number = today.month
    else:
        number = 12 if today.year > plan.year.year else 1
    return redirect("followup:budget_month", plan.pk, f"{plan.year.year}M{number:02d}")
