"""A control plan as its page shows it, read in a fixed number of queries whatever its size.

The risk analysis by process, the matrix, the control plan (the selected risks with their
controls) and the follow-up per period of the plan's year: each control the period asks
for, with its result and measures, and whether the node's report for the period is handed
in (which freezes them, `services.refuse_followup`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch

from styra.followup.models import DECIDED, Report, ReportingPeriod
from styra.lib.periods import TERTIALS

from . import services
from .matrix import Matrix, risk_matrix
from .models import Control, ControlPlan, ControlResult, Measure, Process, Risk
from .status import ResultMark, result_mark


@dataclass
class ProcessPart:
    process: Process
    risks: list[Risk] = field(default_factory=list)


@dataclass(frozen=True)
class FollowupRow:
    control: Control
    result: ControlResult | None
    mark: ResultMark
    measures: list[Measure]


@dataclass(frozen=True)
class PeriodPart:
    period: ReportingPeriod
    locked: bool  # the node's report for the period is handed in
    rows: list[FollowupRow]

    @property
    def anchor(self) -> str:
        return f"period-{self.period.code}"


@dataclass(frozen=True)
class PlanPage:
    processes: list[ProcessPart]
    selected: list[Risk]
    matrix: Matrix
    periods: list[PeriodPart]
    problems: list[str]
    has_results: bool


def _risks(plan: ControlPlan) -> list[Risk]:
    results = ControlResult.objects.select_related("period", "reported_by").prefetch_related(
        "measures"
    )
    controls = Control.objects.prefetch_related(Prefetch("results", queryset=results))
    return list(
        plan.risks.select_related("goal", "city_risk").prefetch_related(
            Prefetch("controls", queryset=controls)
        )
    )


def _periods(plan: ControlPlan, risks: list[Risk]) -> list[PeriodPart]:
    periods = list(
        ReportingPeriod.objects.filter(
            year_id=plan.year_id, code__in=[f"{plan.year.year}{part}" for part in TERTIALS]
        ).order_by("code")
    )
    decided = set(
        Report.objects.filter(
            org_unit_id=plan.org_unit_id, period__in=periods, status__in=DECIDED
        ).values_list("period_id", flat=True)
    )
    parts = []
    for period in periods:
        rows = []
        for risk in risks:
            for control in risk.controls.all():
                if period.period.part not in control.reported_in:
                    continue
                result = next((r for r in control.results.all() if r.period_id == period.pk), None)
                measures = list(result.measures.all()) if result is not None else []
                rows.append(FollowupRow(control, result, result_mark(result), measures))
        parts.append(PeriodPart(period, period.pk in decided, rows))
    return parts


def load_plan_page(plan: ControlPlan) -> PlanPage:
    risks = _risks(plan)
    parts = {p.pk: ProcessPart(p) for p in plan.processes.all()}
    for risk in risks:
        parts[risk.process_id].risks.append(risk)
    return PlanPage(
        processes=list(parts.values()),
        selected=[r for r in risks if r.selected],
        matrix=risk_matrix(risks),
        periods=_periods(plan, risks),
        problems=[] if plan.is_locked else services.submission_problems(plan),
        has_results=any(c.results.all() for r in risks for c in r.controls.all()),
    )
