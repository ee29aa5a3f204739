"""The styra-plan/1 dict of a plan: what the download, the documents and snapshots hold."""

from typing import Any

from django.utils import translation

from styra.goals.models import NARRATIVE_FIELDS
from styra.indicators.models import Periodicity
from styra.plans.context import PlanContext, PlanNode, load_plan
from styra.plans.models import Plan

from .budget import budget_row_dict

FORMAT = "styra-plan/1"


def _node_dict(node: PlanNode) -> dict[str, Any]:
    goal = node.goal
    data: dict[str, Any] = {"level": goal.level, "number": goal.number or None, "title": goal.title}
    for name in NARRATIVE_FIELDS:
        data[name] = getattr(goal, name) or None
    data["indicators"] = [
        {
            "name": row.indicator.name,
            "target": row.target or None,
            "city_target": row.city_target or None,
            "period": _periodicity_label(row.indicator.periodicity),
        }
        for row in node.indicators
    ]
    data["activities"] = [
        {
            "name": a.name,
            "start": a.start.isoformat() if a.start else None,
            "end": a.end.isoformat() if a.end else None,
        }
        for a in node.activities
    ]
    data["children"] = [_node_dict(child) for child in node.children]
    return data


def _periodicity_label(value: str) -> str | None:
    """The format names periodicity in Swedish ("Tertial") whatever the language of the request:
    the dict is downloaded, stored in snapshots and read back by plan_import."""
    if not value:
        return None
    with translation.override("sv"):
        return str(Periodicity(value).label)


def context_to_dict(ctx: PlanContext) -> dict[str, Any]:
    plan = ctx.plan
    budget: dict[str, Any] | None = None
    if ctx.budget is not None:
        # Sum rows as budget.sums computes them.
        rows = [budget_row_dict(row) for row in ctx.budget_rows]
        budget = {"currency_unit": ctx.budget.currency_unit, "rows": rows}
    data: dict[str, Any] = {
        "format": FORMAT,
        "unit": plan.unit_name,
        "year": plan.year.year,
        "addressee": plan.addressee or None,
        "officer": plan.officer or None,
        "sections": [{"heading": s.heading, "text": s.text} for s in ctx.sections],
        "goals": [_node_dict(n) for n in ctx.nodes],
        "budget": budget,
        "appendices": [a.name for a in ctx.appendices],
    }
    # Only when there are any: a plan without guarantees keeps the dict it always had, so
    # its adopted snapshots still compare equal to it.
    guarantees = ctx.quality_guarantees
    if guarantees:
        data["quality_guarantees"] = [g.to_dict() for g in guarantees]
    return data


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    return context_to_dict(load_plan(plan))
