"""The writes of a unit's quality guarantees (kvalitetsgarantier).

A guarantee is part of the unit's verksamhetsplan of the year: it changes only while that
plan is a draft (the plan's own lock and message), and its outcomes only until the unit's
report for the period is handed in (the lock of the plan's indicators' outcomes,
`followup.services.outcome_refusal`).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from styra.followup.models import ReportingPeriod
from styra.followup.services import decided_reports, outcome_refusal
from styra.goals.models import PlanningYear
from styra.lib import ordering
from styra.lib.narrative import clean_text
from styra.organisation.models import OrgUnit
from styra.plans.models import Plan

from .models import GuaranteeOutcome, QualityGuarantee
from .services import _save, _set

GUARANTEE_FIELDS = ("promise", "term", "target_percent", "remedy")


def guarantee_plan(unit: OrgUnit, year: PlanningYear) -> Plan | None:
    """The unit's verksamhetsplan of the year, which its guarantees are part of."""
    return Plan.objects.filter(unit=unit, year=year).first()


def _refuse_guarantee_changes(unit: OrgUnit, year: PlanningYear) -> None:
    """A guarantee changes with its plan: only while the plan is a draft."""
    plan = guarantee_plan(unit, year)
    if plan is None:
        raise ValidationError(
            gettext(
                "%(unit)s har ingen verksamhetsplan för %(year)s. Kvalitetsgarantierna är en "
                "del av planen: skapa planen först."
            )
            % {"unit": unit.name, "year": year.year}
        )
    plan.refuse_changes()


def _decided_periods(guarantee: QualityGuarantee) -> list[str]:
    """The periods whose outcome of the guarantee was handed in with the unit's report."""
    codes = list(guarantee.outcomes.values_list("period__code", flat=True))
    decided = decided_reports(codes, [guarantee.unit_id]) if codes else {}
    return sorted(code for (_unit, code) in decided)


def _guarantee_fields(fields: dict[str, Any]) -> dict[str, Any]:
    return {
        name: clean_text(value) if isinstance(value, str) else value
        for name, value in fields.items()
    }


@transaction.atomic
def guarantee_create(
    *,
    unit: OrgUnit,
    year: PlanningYear,
    promise: str,
    term: str,
    target_percent: int = 100,
    remedy: str = "",
) -> QualityGuarantee:
    """A new quality guarantee, last in the unit's plan of the year (a draft)."""
    _refuse_guarantee_changes(unit, year)
    guarantee = QualityGuarantee(
        unit=unit,
        year=year,
        position=ordering.next_position(QualityGuarantee.objects.of_plan(unit.pk, year.pk)),
    )
    _set(
        guarantee,
        GUARANTEE_FIELDS,
        _guarantee_fields(
            {"promise": promise, "term": term, "target_percent": target_percent, "remedy": remedy}
        ),
    )
    _save(guarantee)
    return guarantee


@transaction.atomic
def guarantee_update(*, guarantee: QualityGuarantee, **fields: Any) -> QualityGuarantee:
    """Change a guarantee's words or target while its plan is a draft.

    The target is what a period's outcome is judged by: once an outcome was handed in with a
    report, the target stays, so that the report's guarantee keeps the status it was given.
    """
    _refuse_guarantee_changes(guarantee.unit, guarantee.year)
    target = fields.get("target_percent", guarantee.target_percent)
    if target != guarantee.target_percent:
        decided = _decided_periods(guarantee)
        if decided:
            raise ValidationError(
                {
                    "target_percent": gettext(
                        "Målvärdet kan inte ändras: utfallet för %(periods)s är inlämnat med "
                        "enhetens rapport."
                    )
                    % {"periods": ", ".join(decided)}
                }
            )
    _set(guarantee, GUARANTEE_FIELDS, _guarantee_fields(fields))
    _save(guarantee)
    return guarantee


@transaction.atomic
def guarantee_delete(*, guarantee: QualityGuarantee) -> None:
    """Remove a guarantee with its outcomes; never one whose outcome a report handed in."""
    _refuse_guarantee_changes(guarantee.unit, guarantee.year)
    decided = _decided_periods(guarantee)
    if decided:
        raise ValidationError(
            gettext(
                "Kvalitetsgarantin kan inte tas bort: utfallet för %(periods)s är inlämnat med "
                "enhetens rapport."
            )
            % {"periods": ", ".join(decided)}
        )
    guarantee.delete()


@transaction.atomic
def guarantee_move(*, guarantee: QualityGuarantee, offset: int) -> None:
    _refuse_guarantee_changes(guarantee.unit, guarantee.year)
    siblings = QualityGuarantee.objects.of_plan(guarantee.unit_id, guarantee.year_id)
    ordering.move(guarantee, siblings, offset)


@transaction.atomic
def guarantee_outcome_record(
    *,
    guarantee: QualityGuarantee,
    period: ReportingPeriod,
    cases: int,
    kept: int,
    comment: str = "",
    by: User | None = None,
) -> GuaranteeOutcome:
    """Store how the guarantee was kept in a period (again: the last word holds), until the
    unit's report for the period is handed in."""
    if period.year_id != guarantee.year_id:
        raise ValidationError(gettext("Perioden hör inte till kvalitetsgarantins år."))
    status = decided_reports([period.code], [guarantee.unit_id]).get(
        (guarantee.unit_id, period.code)
    )
    refusal = outcome_refusal(status, period.period)
    if refusal:
        raise ValidationError(refusal, code="locked")
    outcome = GuaranteeOutcome.objects.filter(guarantee=guarantee, period=period).first()
    if outcome is None:
        outcome = GuaranteeOutcome(guarantee=guarantee, period=period, cases=cases, kept=kept)
    outcome.cases, outcome.kept = cases, kept
    outcome.comment, outcome.updated_by = clean_text(comment), by
    _save(outcome)
    return outcome


@transaction.atomic
def guarantees_copy_to_year(*, plan: Plan, new_plan: Plan) -> list[QualityGuarantee]:
    """The unit's guarantees of `plan`'s year, copied into `new_plan` (the unit's plan of a
    later year, a draft): their words, target and remedy, none of their outcomes.

    Guarantees the new plan already has are kept, and one with the same promise is not
    copied again, so copying twice gives the same plan.
    """
    if new_plan.unit_id != plan.unit_id or new_plan.year.year <= plan.year.year:
        raise ValidationError(
            gettext("Kvalitetsgarantierna kopieras till enhetens plan för ett senare år.")
        )
    new_plan.refuse_changes()
    existing = QualityGuarantee.objects.of_plan(new_plan.unit_id, new_plan.year_id)
    have = {g.promise.casefold() for g in existing}
    position = ordering.next_position(existing)
    copied = []
    for old in QualityGuarantee.objects.of_plan(plan.unit_id, plan.year_id):
        if old.promise.casefold() in have:
            continue
        guarantee = QualityGuarantee(unit=new_plan.unit, year=new_plan.year, position=position)
        _set(guarantee, GUARANTEE_FIELDS, {name: getattr(old, name) for name in GUARANTEE_FIELDS})
        _save(guarantee)
        copied.append(guarantee)
        have.add(old.promise.casefold())
        position += 1
    return copied
