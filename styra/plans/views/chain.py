"""Editing the chain in a plan: the unit's goals, indicators, targets and activities."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from styra.accounts.permissions import Action
from styra.goals import services as goal_services
from styra.goals.forms import ActivityForm, GoalForm
from styra.goals.models import NARRATIVE_FIELDS, Activity, Goal, Level
from styra.indicators import services as indicator_services
from styra.indicators.forms import IndicatorForm, TargetForm
from styra.indicators.models import Indicator, Target
from styra.lib.htmx_forms import MOVES, confirmed
from styra.plans.models import Plan

from .. import services
from ..access import get_plan_for_user
from ..context import shown_goals
from ..forms import BoardGoalChoiceForm
from .editing import action_view, form_view, object_action


def _own_goal(plan: Plan, goal_id: int) -> Goal:
    """A goal of the unit's own for the plan's year; anything else is not found."""
    return get_object_or_404(Goal, pk=goal_id, owner=plan.unit, year=plan.year, level=Level.UNIT)


def _shown_goal(plan: Plan, goal_id: int) -> Goal:
    """Any goal the plan shows (its own or its chain's)."""
    goal = shown_goals(plan).get(goal_id)
    if goal is None:
        raise Http404
    return goal


def _board_choices(plan: Plan):
    return Goal.objects.filter(pk__in=plan.chain_goals.filter(level=Level.BOARD).values("pk"))


@login_required
@require_http_methods(["GET", "POST"])
def goal_create(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id, Action.EDIT)
    form = GoalForm(request.POST or None, unit_goal=True, parents=_board_choices(plan))

    def save(data):
        parent = data.pop("parent")
        goal_services.goal_create(
            year=plan.year, level=Level.UNIT, owner=plan.unit, parent=parent, **data
        )

    label = plan.year.get_unit_goal_label_display()
    return form_view(
        request,
        plan,
        form=form,
        block="chain",
        title=_("Nytt %(label)s") % {"label": label.lower()},
        on_valid=save,
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(request: HttpRequest, plan_id: int, goal_id: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id, Action.EDIT)
    goal = _own_goal(plan, goal_id)
    initial = {name: getattr(goal, name) for name in ("title", *NARRATIVE_FIELDS)}
    form = GoalForm(request.POST or None, unit_goal=True, initial=initial)
    return form_view(
        request,
        plan,
        form=form,
        block=f"goal-{goal.pk}",
        title=_("Ändra mål"),
        on_valid=lambda data: goal_services.goal_update(goal=goal, **data),
    )


@login_required
@require_POST
def goal_delete(request: HttpRequest, plan_id: int, goal_id: int) -> HttpResponse:
    return object_action(
        request,
        plan_id,
        Action.EDIT,
        find=lambda plan: _own_goal(plan, goal_id),
        run=lambda goal: goal_services.goal_delete(goal=goal, confirmed=confirmed(request)),
        block="chain",
        ask=goal_services.goal_delete_question,
    )


@login_required
@require_POST
def goal_move(request: HttpRequest, plan_id: int, goal_id: int, way: str) -> HttpResponse:
    return object_action(
        request,
        plan_id,
        Action.EDIT,
        find=lambda plan: _own_goal(plan, goal_id),
        run=lambda goal: goal_services.goal_move(goal=goal, offset=MOVES[way]),
        block="chain",
    )


@login_required
@require_http_methods(["GET", "POST"])
def chain_add(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id, Action.EDIT)
    available = goal_services.board_goals_for_unit(unit=plan.unit, year=plan.year).exclude(
        pk__in=plan.chain_goals.values("pk")
    )
    form = BoardGoalChoiceForm(request.POST or None, choices=available)
    return form_view(
        request,
        plan,
        form=form,
        block="chain",
        title=_("Visa ett nämndmål i planen"),
        on_valid=lambda data: services.plan_chain_add(plan=plan, goal=data["goal"]),
        submit_label=_("Lägg till"),
    )


@login_required
@require_POST
def chain_remove(request: HttpRequest, plan_id: int, goal_id: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id, Action.EDIT)
    goal = get_object_or_404(plan.chain_goals, pk=goal_id)
    return action_view(
        request, plan, block="chain", run=lambda: services.plan_chain_remove(plan=plan, goal=goal)
    )


def _goal_block(row: Indicator | Activity) -> str:
    """The block an indicator or activity is shown in: its goal's."""
    return f"goal-{row.goal_id}"


def _own_indicator(plan: Plan, indicator_id: int) -> Indicator:
    return get_object_or_404(
        Indicator.objects.select_related("goal"),
        pk=indicator_id,
        owner=plan.unit,
        goal__year=plan.year,
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_create(request: HttpRequest, plan_id: int, goal_id: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id, Action.EDIT)
    goal = _own_goal(plan, goal_id)
    form = IndicatorForm(request.POST or None, target_label=_("Årsmål"), unit_indicator=True)

    def save(data):
        target = data.pop("target")
        indicator = indicator_services.indicator_create(goal=goal, owner=plan.unit, **data)
        indicator_services.target_set(indicator=indicator, org_unit=plan.unit, text=target)

    return form_view(
        request, plan, form=form, block=f"goal-{goal.pk}", title=_("Ny indikator"), on_valid=save
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request: HttpRequest, plan_id: int, indicator_id: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id, Action.EDIT)
    indicator = _own_indicator(plan, indicator_id)
    target = indicator.targets.filter(org_unit=plan.unit).first()
    fields = ("name", "description", "measure", "direction", "periodicity", "decimals")
    initial = {f: getattr(indicator, f) for f in fields} | {"target": target.text if target else ""}
    form = IndicatorForm(
        request.POST or None, initial=initial, target_label=_("Årsmål"), unit_indicator=True
    )
    _flag_review(form, target)

    def save(data):
        text = data.pop("target")
        indicator_services.indicator_update(indicator=indicator, **data)
        indicator_services.target_set(indicator=indicator, org_unit=plan.unit, text=text)

    return form_view(
        request,
        plan,
        form=form,
        block=_goal_block(indicator),
        title=_("Ändra indikator"),
        on_valid=save,
    )


@login_required
@require_POST
def indicator_delete(request: HttpRequest, plan_id: int, indicator_id: int) -> HttpResponse:
    return object_action(
        request,
        plan_id,
        Action.EDIT,
        find=lambda plan: _own_indicator(plan, indicator_id),
        run=lambda indicator: indicator_services.indicator_delete(
            indicator=indicator, confirmed=confirmed(request)
        ),
        block=_goal_block,
        ask=indicator_services.indicator_delete_question,
    )


@login_required
@require_POST
def indicator_move(request: HttpRequest, plan_id: int, indicator_id: int, way: str) -> HttpResponse:
    return object_action(
        request,
        plan_id,
        Action.EDIT,
        find=lambda plan: _own_indicator(plan, indicator_id),
        run=lambda indicator: indicator_services.indicator_move(
            indicator=indicator, offset=MOVES[way]
        ),
        block=_goal_block,
    )


@login_required
@require_http_methods(["GET", "POST"])
def target_edit(request: HttpRequest, plan_id: int, indicator_id: int) -> HttpResponse:
    """The unit's own annual target for an indicator it inherits from KF or its committee."""
    plan = get_plan_for_user(request.user, plan_id, Action.EDIT)
    indicator = get_object_or_404(Indicator, pk=indicator_id, goal__year=plan.year)
    goal = _shown_goal(plan, indicator.goal_id)
    target = indicator.targets.filter(org_unit=plan.unit).first()
    form = TargetForm(request.POST or None, initial={"target": target.text if target else ""})
    _flag_review(form, target)
    return form_view(
        request,
        plan,
        form=form,
        block=f"goal-{goal.pk}",
        title=_("Enhetens årsmål för %(name)s") % {"name": indicator.name},
        on_valid=lambda data: indicator_services.target_set(
            indicator=indicator, org_unit=plan.unit, text=data["target"]
        ),
    )


def _flag_review(form, target: Target | None) -> None:
    """Say in the form that the target is last year's, carried over to be reviewed."""
    if target is not None and target.to_review:
        form.fields["target"].help_text = _(
            "Förra årets årsmål, att granska. Spara det, ändrat eller som det är, så tas "
            "markeringen bort."
        )


def _own_activity(plan: Plan, activity_id: int) -> Activity:
    return get_object_or_404(Activity, pk=activity_id, owner=plan.unit, goal__year=plan.year)


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request: HttpRequest, plan_id: int, goal_id: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id, Action.EDIT)
    goal = _own_goal(plan, goal_id)
    form = ActivityForm(request.POST or None)
    return form_view(
        request,
        plan,
        form=form,
        block=f"goal-{goal.pk}",
        title=_("Ny aktivitet"),
        on_valid=lambda data: goal_services.activity_create(goal=goal, owner=plan.unit, **data),
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, plan_id: int, activity_id: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id, Action.EDIT)
    activity = _own_activity(plan, activity_id)
    initial = {"name": activity.name, "start": activity.start, "end": activity.end}
    form = ActivityForm(request.POST or None, initial=initial)
    return form_view(
        request,
        plan,
        form=form,
        block=_goal_block(activity),
        title=_("Ändra aktivitet"),
        on_valid=lambda data: goal_services.activity_update(activity=activity, **data),
    )


@login_required
@require_POST
def activity_delete(request: HttpRequest, plan_id: int, activity_id: int) -> HttpResponse:
    return object_action(
        request,
        plan_id,
        Action.EDIT,
        find=lambda plan: _own_activity(plan, activity_id),
        run=lambda activity: goal_services.activity_delete(
            activity=activity, confirmed=confirmed(request)
        ),
        block=_goal_block,
        ask=goal_services.activity_delete_question,
    )


@login_required
@require_POST
def activity_move(request: HttpRequest, plan_id: int, activity_id: int, way: str) -> HttpResponse:
    return object_action(
        request,
        plan_id,
        Action.EDIT,
        find=lambda plan: _own_activity(plan, activity_id),
        run=lambda activity: goal_services.activity_move(activity=activity, offset=MOVES[way]),
        block=_goal_block,
    )
