"""The styra-internal-control/1 dict of a control plan, in a fixed number of queries."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.utils import translation

from styra.followup.models import ReportingPeriod
from styra.organisation.models import Kind, OrgUnit

from ..matrix import risk_matrix
from ..models import (
    Control,
    ControlPlan,
    ControlResult,
    Process,
    Risk,
)

FORMAT = "styra-internal-control/1"


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _organisation(node: OrgUnit) -> str:
    """What the node answers to: the committee above a unit, the city above a committee."""
    wanted = Kind.CITY if node.kind == Kind.COMMITTEE else Kind.COMMITTEE
    above = OrgUnit.objects.ancestors(node, include_self=False).filter(kind=wanted).last()
    return above.name if above is not None else ""


def _measure_dict(measure: Any) -> dict[str, Any]:
    return {
        "name": measure.name,
        "responsible": measure.responsible,
        "start": _iso(measure.start),
        "end": _iso(measure.end),
        "status": measure.status,
        "status_label": str(measure.get_status_display()),
    }


def _result_dict(result: ControlResult) -> dict[str, Any]:
    return {
        "period": result.period.code,
        "done": result.done,
        "result": result.result,
        "status": result.status.value,
        "status_label": str(result.status.label),
        "findings": result.findings,
        "measures": [_measure_dict(m) for m in result.measures.all()],
    }


def _control_dict(control: Control) -> dict[str, Any]:
    return {
        "what": control.what,
        "method": control.method,
        "scope": control.scope,
        "frequency": control.frequency,
        "responsible": control.responsible,
        "reported_in": list(control.reported_in),
        "results": [_result_dict(r) for r in control.results.all()],
    }


def _risk_dict(risk: Risk) -> dict[str, Any]:
    level = risk.level
    goal = risk.goal
    return {
        "title": risk.title,
        "description": risk.description,
        "probability": risk.probability,
        "consequence": risk.consequence,
        "value": risk.value,
        "level": level.value if level is not None else None,
        "level_label": str(level.label) if level is not None else "",
        "selected": risk.selected,
        "omission_reason": risk.omission_reason,
        "city": risk.city_risk_id is not None,
        "goal": (
            {"level": goal.level, "number": goal.number or None, "title": goal.title}
            if goal is not None
            else None
        ),
        "controls": [_control_dict(c) for c in risk.controls.all()],
    }


def matrix_of(risks: list[Risk]) -> list[list[int]]:
    """Counts of assessed risks: rows consequence 4 down to 1, columns probability 1 to 4
    (the page's matrix, as plain numbers)."""
    return [[cell.count for cell in row.cells] for row in risk_matrix(risks).rows]


def _processes(plan: ControlPlan, period: ReportingPeriod | None) -> list[Process]:
    results = ControlResult.objects.select_related("period").order_by("period__code")
    if period is not None:
        results = results.filter(period=period)
    return list(
        plan.processes.prefetch_related(
            Prefetch(
                "risks",
                queryset=Risk.objects.select_related("goal").order_by("position", "pk"),
            ),
            "risks__controls",
            Prefetch("risks__controls__results", queryset=results),
            "risks__controls__results__measures",
        )
    )


def control_plan_dict(
    plan: ControlPlan, *, period: ReportingPeriod | None = None
) -> dict[str, Any]:
    """The plan's dict (with every result so far), or its follow-up's for `period`."""
    with translation.override("sv"):
        processes = _processes(plan, period)
        risks = [risk for process in processes for risk in process.risks.all()]
        controls = [control for risk in risks for control in risk.controls.all()]
        results = [result for control in controls for result in control.results.all()]
        return {
            "format": FORMAT,
            "year": plan.year.year,
            "unit": plan.unit_name,
            "organisation": _organisation(plan.org_unit),
            "status": plan.status,
            "status_label": str(plan.get_status_display()),
            "submitted_at": _iso(plan.submitted_at),
            "adopted_at": _iso(plan.adopted_at),
            "period": period.code if period is not None else None,
            "period_label": period.period.label if period is not None else None,
            "processes": [
                {
                    "title": process.title,
                    "description": process.description,
                    "risks": [_risk_dict(risk) for risk in process.risks.all()],
                }
                for process in processes
            ],
            "matrix": matrix_of(risks),
            "summary": {
                "risks": len(risks),
                "assessed": sum(1 for r in risks if r.is_assessed),
                "selected": sum(1 for r in risks if r.selected),
                "controls": len(controls),
                "reported": len(results),
                "deviations": sum(1 for r in results if r.result == "deviation"),
            },
        }
