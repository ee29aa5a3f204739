"""Writes to indicators and their targets."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from styra.goals.models import Goal
from styra.goals.services import refuse_if_owner_locked
from styra.lib.dependents import (
    INDICATOR,
    JUDGING,
    ConfirmationNeeded,
    delete_question,
    dependents_of,
)
from styra.lib.narrative import clean_text
from styra.lib.ordering import move, next_position
from styra.organisation.models import OrgUnit

from .models import Indicator, Measure, Target


def guess_measure(target_text: str) -> str:
    """The measure a target is written in ("65 %" -> %), for indicators read from documents."""
    text = (target_text or "").casefold()
    if "%" in text:
        return Measure.PERCENT
    for measure in (Measure.COUNT, Measure.DAYS, Measure.KRONOR, Measure.INDEX):
        if f" {measure}" in f" {text}".replace("\xa0", " ") and measure in text.split():
            return measure
    return Measure.OTHER


@transaction.atomic
def indicator_create(
    *,
    goal: Goal,
    owner: OrgUnit,
    name: str,
    description: str = "",
    measure: str = "",
    direction: str = "higher",
    periodicity: str = "",
    decimals: int = 0,
    code: str = "",
    aggregation: str = "none",
    copied_from: Indicator | None = None,
) -> Indicator:
    refuse_if_owner_locked(owner, goal.year_id)
    position = next_position(Indicator.objects.filter(goal=goal))
    indicator = Indicator(
        goal=goal,
        owner=owner,
        name=clean_text(name),
        description=clean_text(description),
        measure=measure,
        direction=direction,
        periodicity=periodicity,
        decimals=decimals,
        code=code,
        aggregation=aggregation,
        position=position,
        copied_from=copied_from,
    )
    indicator.full_clean()
    indicator.save()
    return indicator


# What the roll-ups judge and sum a handed-in report's frozen outcomes by (which periods
# it is due in, which way is better, how units' outcomes add up): the frozen report holds
# its own statuses, but the roll-ups apply these to the frozen figures as they read them.
JUDGING_FIELDS = ("direction", "periodicity", "aggregation")


def _refuse_new_rules_for_decided(indicator: Indicator, fields: dict) -> None:
    """Refuse changing how the indicator is judged while a decided report holds its outcomes.

    Names, descriptions, codes, measures and decimals may change: they label the
    figures, and the handed-in reports keep the labels they had.
    """
    # As stored: a form bound to the instance may have set the new values on it already.
    stored = Indicator.objects.filter(pk=indicator.pk).values(*JUDGING_FIELDS).first() or {}
    if not any(name in fields and fields[name] != stored.get(name) for name in JUDGING_FIELDS):
        return
    refusal = dependents_of(indicators=[indicator]).refusal(JUDGING)
    if refusal:
        raise ValidationError(refusal, code="decided")


@transaction.atomic
def indicator_update(*, indicator: Indicator, **fields) -> Indicator:
    refuse_if_owner_locked(indicator.owner, indicator.goal.year_id)
    allowed = {
        "name",
        "description",
        "measure",
        "direction",
        "periodicity",
        "decimals",
        "code",
        "aggregation",
    }
    for name in fields:
        if name not in allowed:
            raise TypeError(f"field {name} cannot be changed here")
    _refuse_new_rules_for_decided(indicator, fields)
    for name, value in fields.items():
        setattr(indicator, name, clean_text(value) if name in {"name", "description"} else value)
    indicator.full_clean()
    indicator.save()
    return indicator


def indicator_delete_question(indicator: Indicator) -> ConfirmationNeeded:
    """What deleting the indicator asks first, naming the draft outcomes that go with it."""
    return delete_question(INDICATOR, indicator.name, indicators=[indicator])


@transaction.atomic
def indicator_delete(*, indicator: Indicator, confirmed: bool = False) -> None:
    """Delete the indicator and its targets; refused while a submitted or approved report
    holds an outcome of it (in any unit), and draft outcomes go only when `confirmed`.

    Outcome.indicator is PROTECT, so the database never drops outcomes by cascade; the
    check gives the user the reason (styra.lib.dependents, answered by followup).
    """
    refuse_if_owner_locked(indicator.owner, indicator.goal.year_id)
    dependents_of(indicators=[indicator]).clear(subject=INDICATOR, confirmed=confirmed)
    indicator.delete()


@transaction.atomic
def indicator_move(*, indicator: Indicator, offset: int) -> None:
    refuse_if_owner_locked(indicator.owner, indicator.goal.year_id)
    # Among the same owner's, as activities: a unit never reorders KF's or its committee's.
    move(indicator, Indicator.objects.filter(goal=indicator.goal, owner=indicator.owner), offset)


@transaction.atomic
def target_set(*, indicator: Indicator, org_unit: OrgUnit, text: str) -> Target:
    """Set the node's annual target as written; creating it makes the indicator apply there."""
    refuse_if_owner_locked(org_unit, indicator.goal.year_id)
    text = clean_text(text)
    if len(text) > 200:
        raise ValidationError(
            {
                "text": gettext("Årsmålet får vara högst %(limit_value)d tecken.")
                % {"limit_value": 200}
            }
        )
    target, _ = Target.objects.get_or_create(indicator=indicator, org_unit=org_unit)
    target.set_text(text)
    # Set by the unit, even to last year's words: reviewed (Target.to_review).
    target.to_review = False
    target.full_clean()
    target.save()
    return target


@transaction.atomic
def target_remove(*, indicator: Indicator, org_unit: OrgUnit) -> None:
    refuse_if_owner_locked(org_unit, indicator.goal.year_id)
    Target.objects.filter(indicator=indicator, org_unit=org_unit).delete()
