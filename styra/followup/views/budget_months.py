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

from styra.accounts.permissions import Action, can
from styra.budget.models import BudgetRow
from styra.budget.sums import table
from styra.lib.forms import SwedishDecimalField
from styra.lib.periods import Period
from styra.plans.access import get_plan_for_user

from ..context import BudgetLine, budget_lines
from ..models import BudgetFollowUp
from ..services import budget_follow_up_set


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
    figures: BudgetLine  # budget, outcome, forecast, deviation; a sum row's from its lines
    form: MonthRowForm

    @property
    def budget(self) -> Decimal | None:
        return self.figures.budget

    @property
    def deviation(self) -> Decimal | None:
        return self.figures.deviation

    @property
    def deficit(self) -> bool:
        return self.figures.deficit


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
    rows = table(BudgetRow.objects.filter(budget__plan=plan).order_by("position", "pk"))
    lines_only = [r.row for r in rows if not r.is_sum]
    saved = {
        f.row_id: f for f in BudgetFollowUp.objects.filter(row__in=lines_only, period=period.code)
    }
    lines = []
    data = request.POST if request.method == "POST" else None
    for row, figures in zip(rows, budget_lines(rows, saved), strict=True):
        follow_up = saved.get(row.pk)
        initial = {}
        if follow_up:
            initial = {
                "outcome": follow_up.outcome,
                "forecast": follow_up.forecast,
                "comment": follow_up.comment,
            }
        elif row.is_sum:
            initial = {"outcome": figures.outcome, "forecast": figures.forecast}
        # A sum row has no inputs: its form is never bound, so nothing posted for it is read.
        form = MonthRowForm(None if row.is_sum else data, prefix=f"row{row.pk}", initial=initial)
        lines.append(MonthLine(row.row, figures, form))

    entered = [line for line in lines if not line.row.is_sum]
    if request.method == "POST" and all(line.form.is_valid() for line in entered):
        try:
            with transaction.atomic():
                for line in lines:
                    if line.row.is_sum:
                        continue  # sum rows are computed from their lines, not entered
                    cleaned = line.form.cleaned_data
                    try:
                        budget_follow_up_set(row=line.row, period=period.code, **cleaned)
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
