"""The reads of a unit's quality guarantees: the plan's list (the answer to plans' hook) and
the follow-up table of the guarantees page, each in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext

from styra.followup.models import ReportingPeriod
from styra.followup.services import decided_reports, outcome_refusal
from styra.goals.models import PlanningYear
from styra.lib.ordering import mark_movable
from styra.organisation.models import OrgUnit
from styra.plans.guarantees import GuaranteeItem
from styra.plans.models import Plan

from .guarantee_services import guarantees_copy_to_year
from .models import GUARANTEE_MARKS, GuaranteeOutcome, GuaranteeStatus, QualityGuarantee


def copy_plan_guarantees(plan: Plan, new_plan: Plan) -> list[str]:
    """The answer to plans' copy to next year: the guarantees copied, named for its report."""
    copied = guarantees_copy_to_year(plan=plan, new_plan=new_plan)
    return [gettext("Kvalitetsgaranti: %(promise)s") % {"promise": g.promise} for g in copied]


def plan_guarantee_items(plan: Plan) -> list[GuaranteeItem]:
    """The guarantees of the plan's unit and year as the plan states them (one query)."""
    return [
        GuaranteeItem(
            promise=g.promise, term=g.term, target_percent=g.target_percent, remedy=g.remedy
        )
        for g in QualityGuarantee.objects.of_plan(plan.unit_id, plan.year_id)
    ]


@dataclass(frozen=True)
class OutcomeCell:
    """A guarantee in one period: its outcome if reported, its status, and why it is locked."""

    period: ReportingPeriod
    outcome: GuaranteeOutcome | None
    status: GuaranteeStatus
    locked: str  # why the outcome can no longer be written ("" while it can)

    @property
    def symbol(self) -> str:
        return GUARANTEE_MARKS[self.status][0]

    @property
    def css(self) -> str:
        return f"status status--{GUARANTEE_MARKS[self.status][1]}"

    @property
    def label(self) -> str:
        return str(self.status.label)


@dataclass(frozen=True)
class GuaranteeRow:
    guarantee: QualityGuarantee
    cells: list[OutcomeCell]


def guarantee_rows(unit: OrgUnit, year: PlanningYear) -> list[GuaranteeRow]:
    """Every guarantee of the unit's plan with its outcome in each of the year's periods
    (four queries, whatever the number of guarantees)."""
    guarantees = list(
        QualityGuarantee.objects.of_plan(unit.pk, year.pk).prefetch_related("outcomes")
    )
    mark_movable(guarantees)
    periods = list(ReportingPeriod.objects.filter(year=year).order_by("code"))
    decided = decided_reports([p.code for p in periods], [unit.pk]) if guarantees else {}
    locks = {p.pk: outcome_refusal(decided.get((unit.pk, p.code)), p.period) for p in periods}
    rows = []
    for guarantee in guarantees:
        by_period = {o.period_id: o for o in guarantee.outcomes.all()}
        cells = []
        for period in periods:
            outcome = by_period.get(period.pk)
            status = (
                GuaranteeStatus.NOT_REPORTED
                if outcome is None
                else outcome.status_against(guarantee.target_percent)
            )
            cells.append(OutcomeCell(period, outcome, status, locks[period.pk]))
        rows.append(GuaranteeRow(guarantee, cells))
    return rows
