"""The styra-internal-control/1 dict of a plan read from a document.

What a document says (processes, risks assessed on 1–4, their controls) becomes the dict
`control_plan_dict` would give of the same plan as a draft: the risk value, its level and
label, the matrix and the summary are computed by internal control's own rules (a `Risk`
that is never saved says its value and level; `matrix_of` counts them), so a reading and
an export can never disagree on what a risk's level is.
"""

from __future__ import annotations

from typing import Any, TypedDict

from django.utils import translation

from styra.internal_control.interchange import FORMAT
from styra.internal_control.interchange.export import matrix_of
from styra.internal_control.models import Risk
from styra.plans.models import PlanStatus


class ControlData(TypedDict):
    what: str
    method: str
    scope: str
    frequency: str
    responsible: str
    reported_in: list[str]


class RiskData(TypedDict, total=False):
    title: str  # required; the rest may be left out
    probability: int | None
    consequence: int | None
    selected: bool  # default: whether the risk has a control
    controls: list[ControlData]


class ProcessData(TypedDict):
    title: str
    risks: list[RiskData]


def _risk(data: RiskData) -> tuple[Risk, dict[str, Any]]:
    controls = list(data.get("controls") or [])
    risk = Risk(
        title=data["title"],
        probability=data.get("probability"),
        consequence=data.get("consequence"),
        selected=data.get("selected", bool(controls)),
    )
    level = risk.level
    return risk, {
        "title": risk.title,
        "description": "",
        "probability": risk.probability,
        "consequence": risk.consequence,
        "value": risk.value,
        "level": level.value if level is not None else None,
        "level_label": str(level.label) if level is not None else "",
        "selected": risk.selected,
        "omission_reason": "",
        "city": False,
        "goal": None,
        "controls": [{**control, "results": []} for control in controls],
    }


def plan_dict(*, year: int, unit: str, processes: list[ProcessData]) -> dict[str, Any]:
    """A draft plan's styra-internal-control/1 dict, its derived fields computed."""
    with translation.override("sv"):
        risks: list[Risk] = []
        shaped: list[dict[str, Any]] = []
        for process in processes:
            read = [_risk(r) for r in process["risks"]]
            risks += [risk for risk, _ in read]
            shaped.append(
                {"title": process["title"], "description": "", "risks": [d for _, d in read]}
            )
        controls = sum(
            len(p.get("controls") or []) for process in processes for p in process["risks"]
        )
        return {
            "format": FORMAT,
            "year": year,
            "unit": unit,
            "organisation": "",
            "status": PlanStatus.DRAFT.value,
            "status_label": str(PlanStatus.DRAFT.label),
            "submitted_at": None,
            "adopted_at": None,
            "period": None,
            "period_label": None,
            "processes": shaped,
            "matrix": matrix_of(risks),
            "summary": {
                "risks": len(risks),
                "assessed": sum(1 for r in risks if r.is_assessed),
                "selected": sum(1 for r in risks if r.selected),
                "controls": controls,
                "reported": 0,
                "deviations": 0,
            },
        }
