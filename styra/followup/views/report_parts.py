"""Editing a report's parts in place: outcomes, assessments, activities, budget, sections.

Each view finds the part in the report's own context (so an indicator,
goal, activity or budget row of another unit or not due in the period is a
404) and writes through the follow-up services.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from styra.accounts.permissions import Action
from styra.indicators.models import Aggregation, Source
from styra.lib.numbers import format_number

from .. import services
from ..access import get_report_for_user
from ..context import ReportContext, load_report
from ..forms import (
    ActivityStatusForm,
    AssessmentForm,
    BudgetFollowUpForm,
    OutcomeForm,
    SectionTextForm,
)
from ..fulfilment import fulfilment_label
from ..models import ReportSection
from .editing import form_view
from .reports import place


def _find(items, match):
    found = next((item for item in items if match(item)), None)
    if found is None:
        raise Http404
    return found


def _outcome_as_typed(line) -> str:
    outcome = line.outcome
    if outcome is None:
        return ""
    return outcome.text if outcome.value is None else format_number(outcome.value)


@login_required
@require_http_methods(["GET", "POST"])
def outcome_edit(request: HttpRequest, report_id: int, indicator_id: int) -> HttpResponse:
    report = get_report_for_user(request.user, report_id, Action.EDIT)
    ctx: ReportContext = load_report(report)
    line = _find(ctx.indicators, lambda i: i.indicator.pk == indicator_id)
    outcome = line.outcome
    initial = {
        "value": _outcome_as_typed(line),
        "comment": outcome.comment if outcome else "",
        "base": outcome.base if outcome else None,
    }
    weighted = line.indicator.aggregation == Aggregation.WEIGHTED
    form = OutcomeForm(request.POST or None, initial=initial, weighted=weighted)

    def save(data: dict) -> None:
        services.outcome_record(
            indicator=line.indicator,
            org_unit=report.org_unit,
            period=ctx.period.code,
            value=data["value"],
            comment=data["comment"],
            # An outcome uploaded with a base keeps it when only the value is corrected here.
            base=data["base"] if weighted else (outcome.base if outcome else None),
            source=Source.MANUAL,
            by=request.user,
        )

    return form_view(
        request,
        form=form,
        place=place(request, report, "indicators"),
        title=_("Utfall: %(name)s") % {"name": line.indicator.name},
        on_valid=save,
    )


@login_required
@require_http_methods(["GET", "POST"])
def assessment_edit(request: HttpRequest, report_id: int, goal_id: int) -> HttpResponse:
    report = get_report_for_user(request.user, report_id, Action.EDIT)
    ctx = load_report(report)
    line = _find(ctx.goals, lambda g: g.goal.pk == goal_id)
    assessment = line.assessment
    initial = {
        "value": assessment.value if assessment else "",
        "reason": assessment.reason if assessment else "",
        "analysis": assessment.analysis if assessment else "",
    }
    forecast = ctx.period.is_forecast
    form = AssessmentForm(
        request.POST or None,
        initial=initial,
        forecast=forecast,
        proposal_label=fulfilment_label(line.proposed, forecast=forecast),
    )
    return form_view(
        request,
        form=form,
        place=place(request, report, "goals", f"goal-{goal_id}"),
        title=_("Bedömning: %(goal)s") % {"goal": line.goal.title[:120]},
        on_valid=lambda data: services.assessment_set(
            report=report, goal=line.goal, proposed=line.proposed, **data
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, report_id: int, activity_id: int) -> HttpResponse:
    report = get_report_for_user(request.user, report_id, Action.EDIT)
    ctx = load_report(report)
    line = _find(ctx.activities, lambda a: a.activity.pk == activity_id)
    follow_up = line.follow_up
    initial = {"status": line.status, "comment": follow_up.comment if follow_up else ""}
    form = ActivityStatusForm(request.POST or None, initial=initial)
    return form_view(
        request,
        form=form,
        place=place(request, report, "activities"),
        title=_("Status: %(name)s") % {"name": line.activity.name[:120]},
        on_valid=lambda data: services.activity_status_set(
            report=report, activity=line.activity, **data
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def budget_edit(request: HttpRequest, report_id: int, row_id: int) -> HttpResponse:
    # Controllers own the budget figures, so the budget right (not only edit) lets them in.
    report = get_report_for_user(request.user, report_id, Action.BUDGET)
    ctx = load_report(report)
    # A sum row is computed from its lines (budget.sums): there is nothing to enter.
    line = _find(ctx.budget, lambda b: b.row.pk == row_id and not b.row.is_sum)
    follow_up = line.follow_up
    initial = {
        "outcome": format_number(follow_up.outcome) if follow_up else "",
        "forecast": format_number(follow_up.forecast) if follow_up else "",
        "comment": follow_up.comment if follow_up else "",
    }
    form = BudgetFollowUpForm(
        request.POST or None, initial=initial, currency_unit=ctx.currency_unit
    )
    return form_view(
        request,
        form=form,
        place=place(request, report, "budget"),
        title=_("Budget: %(row)s") % {"row": line.row.name},
        on_valid=lambda data: services.budget_follow_up_set(
            row=line.row, period=ctx.period.code, **data
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def section_edit(request: HttpRequest, report_id: int, section_id: int) -> HttpResponse:
    report = get_report_for_user(request.user, report_id, Action.EDIT)
    section = get_object_or_404(ReportSection, pk=section_id, report=report)
    form = SectionTextForm(request.POST or None, initial={"text": section.text})
    return form_view(
        request,
        form=form,
        place=place(request, report, "sections", f"section-{section.pk}"),
        title=section.heading,
        on_valid=lambda data: services.report_section_update(section=section, text=data["text"]),
    )
