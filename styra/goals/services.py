"""Writes to the goal chain: planning years, goals and activities."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from styra.lib.dependents import ACTIVITY, GOAL, ConfirmationNeeded, delete_question, dependents_of
from styra.lib.hooks import Hook
from styra.lib.narrative import clean_text
from styra.lib.ordering import move, next_position
from styra.organisation.models import OrgUnit

from .models import (
    NARRATIVE_FIELDS,
    Activity,
    Goal,
    Level,
    PlanningYear,
    UnitGoalLabel,
    YearState,
)

# A planning year starts with its reporting periods (T1, T2 and VB with their deadlines), or
# nothing can be reported for it. The periods are followup's, above goals, so year_create
# asks followup to create them (followup.services.periods_ensure, registered in its ready()).
year_periods: Hook[..., object] = Hook(
    "The reporting periods a new planning year starts with", answered_by="styra.followup"
)
# Likewise its other dates (Årshjulet: plan submission and adoption, each month's budget
# follow-up), which are cycle's (cycle.services.dates_ensure, registered in its ready()).
year_dates: Hook[..., object] = Hook(
    "The dates of the yearly cycle a new planning year starts with", answered_by="styra.cycle"
)


def refuse_if_owner_locked(owner: OrgUnit, year_id: int) -> None:
    """A unit's goals, indicators and activities are frozen while its plan is submitted
    or adopted.

    The plan is read through the unit's reverse relation: plans sit above goals in the
    import order, and the plan itself says what locked means (Plan.refuse_changes)."""
    plan = owner.plans.filter(year_id=year_id).first()
    if plan is not None:
        plan.refuse_changes()


@transaction.atomic
def year_get_or_create(*, year: int) -> PlanningYear:
    """The planning year, created (open, with its periods) if missing: imports and the demo."""
    found = PlanningYear.objects.filter(year=year).first()
    return found if found is not None else year_create(year=year)


@transaction.atomic
def goal_create(
    *,
    year: PlanningYear,
    level: str,
    owner: OrgUnit,
    title: str,
    parent: Goal | None = None,
    number: str = "",
    copied_from: Goal | None = None,
    **narrative: str,
) -> Goal:
    unknown = set(narrative) - set(NARRATIVE_FIELDS)
    if unknown:
        raise TypeError(f"unknown narrative fields: {sorted(unknown)}")
    refuse_if_owner_locked(owner, year.pk)
    siblings = Goal.objects.filter(year=year, level=level, parent=parent)
    goal = Goal(
        year=year,
        level=level,
        owner=owner,
        parent=parent,
        number=(number or "").strip().rstrip("."),
        title=clean_text(title),
        position=next_position(siblings),
        copied_from=copied_from,
        **{k: clean_text(v) for k, v in narrative.items()},
    )
    goal.full_clean()
    goal.save()
    return goal


@transaction.atomic
def goal_update(*, goal: Goal, **fields: str) -> Goal:
    refuse_if_owner_locked(goal.owner, goal.year_id)
    allowed = {"title", "number", *NARRATIVE_FIELDS}
    for name, value in fields.items():
        if name not in allowed:
            raise TypeError(f"field {name} cannot be changed here")
        setattr(goal, name, value.strip().rstrip(".") if name == "number" else clean_text(value))
    # Edited: what a copy from last year named of that year has been read (Goal.review_note).
    goal.review_note = ""
    goal.full_clean()
    goal.save()
    return goal


def _clear_report_data(subject: str, confirmed: bool, **objects) -> None:
    """Refuse a delete that would touch a submitted or approved report's data, and delete
    draft report data only when `confirmed`.

    The report rows' foreign keys are PROTECT, so a forgotten check fails loudly instead of
    cascading; this check comes first so that the user gets a message naming the reports.
    followup, above goals, answers the question (styra.lib.dependents).
    """
    dependents_of(**objects).clear(subject=subject, confirmed=confirmed)


def refuse_if_goals_under(goal: Goal) -> None:
    """A goal is deleted only once the goals under it are: asked before the delete's question."""
    if goal.children.exists():
        raise ValidationError(gettext("Målet har mål under sig och kan inte tas bort."))


def goal_delete_question(goal: Goal) -> ConfirmationNeeded:
    """What deleting the goal asks first; a goal with goals under it is refused at once."""
    refuse_if_goals_under(goal)
    return delete_question(GOAL, goal.title, goals=[goal])


def activity_delete_question(activity: Activity) -> ConfirmationNeeded:
    """What deleting the activity asks first, naming the draft follow-ups that go with it."""
    return delete_question(ACTIVITY, activity.name, activities=[activity])


@transaction.atomic
def goal_delete(*, goal: Goal, confirmed: bool = False) -> None:
    """Delete the goal with its indicators and activities, never a decided report's data.

    Refused while goals lie under it, or while a submitted or approved report holds an
    assessment of it or outcomes or follow-ups of what goes with it; draft report data
    goes only when `confirmed` (else ConfirmationNeeded says what would go).
    """
    refuse_if_owner_locked(goal.owner, goal.year_id)
    refuse_if_goals_under(goal)
    _clear_report_data(GOAL, confirmed, goals=[goal])
    goal.delete()


@transaction.atomic
def goal_move(*, goal: Goal, offset: int) -> None:
    """Move a goal one step up (-1) or down (+1) among its siblings of the same owner."""
    refuse_if_owner_locked(goal.owner, goal.year_id)
    move(goal, Goal.objects.filter(parent=goal.parent, owner=goal.owner, level=goal.level), offset)


@transaction.atomic
def activity_create(
    *, goal: Goal, owner: OrgUnit, name: str, start: date | None = None, end: date | None = None
) -> Activity:
    refuse_if_owner_locked(owner, goal.year_id)
    activity = Activity(
        goal=goal,
        owner=owner,
        name=clean_text(name),
        start=start,
        end=end,
        position=next_position(Activity.objects.filter(goal=goal)),
    )
    activity.full_clean()
    activity.save()
    return activity


@transaction.atomic
def activity_update(
    *, activity: Activity, name: str, start: date | None, end: date | None
) -> Activity:
    refuse_if_owner_locked(activity.owner, activity.goal.year_id)
    activity.name, activity.start, activity.end = clean_text(name), start, end
    activity.full_clean()
    activity.save()
    return activity


@transaction.atomic
def activity_delete(*, activity: Activity, confirmed: bool = False) -> None:
    """Delete the activity; refused while a submitted or approved report follows it up,
    and its draft follow-ups go only when `confirmed` (see goal_delete)."""
    refuse_if_owner_locked(activity.owner, activity.goal.year_id)
    _clear_report_data(ACTIVITY, confirmed, activities=[activity])
    activity.delete()


@transaction.atomic
def activity_move(*, activity: Activity, offset: int) -> None:
    refuse_if_owner_locked(activity.owner, activity.goal.year_id)
    move(activity, Activity.objects.filter(goal=activity.goal, owner=activity.owner), offset)


def board_goals_for_unit(*, unit: OrgUnit, year: PlanningYear):
    """Board goals of the committees above the unit for the year."""
    ancestors = OrgUnit.objects.ancestors(unit, include_self=False)
    return Goal.objects.filter(year=year, level=Level.BOARD, owner__in=ancestors)


@transaction.atomic
def year_create(
    *,
    year: int,
    unit_goal_label: str = UnitGoalLabel.ENHETSMAL,
    state: str = YearState.OPEN,
) -> PlanningYear:
    """A new planning year with its reporting periods: every path that creates a year
    (the chain page, `styra year-open`, the importer's --create-chain, the demo) comes here.

    Refused if the year exists (year_get_or_create is for callers that take either).
    """
    if PlanningYear.objects.filter(year=year).exists():
        raise ValidationError(
            {"year": gettext("Planeringsåret %(year)s finns redan.") % {"year": year}}
        )
    if not 1990 <= year <= 2100:
        raise ValidationError(
            {"year": gettext("%(year)s är inte ett giltigt planeringsår.") % {"year": year}}
        )
    obj = PlanningYear(year=year, unit_goal_label=unit_goal_label, state=state)
    obj.full_clean()
    obj.save()
    year_periods(year=obj)
    year_dates(year=obj)
    return obj


@transaction.atomic
def year_set_unit_goal_label(*, year: PlanningYear, unit_goal_label: str) -> PlanningYear:
    """Whether the year's unit goals are called Åtagande or Enhetsmål in plans and documents."""
    year.unit_goal_label = unit_goal_label
    year.full_clean()
    year.save(update_fields=["unit_goal_label"])
    return year
