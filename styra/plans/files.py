"""A plan as it stands as a file: its styra-plan/1 JSON, or its PDF or Word document."""

import json
from datetime import UTC, datetime
from typing import Any

from styra.documents.meta import PlanMeta
from styra.documents.render import FORMATS as DOCUMENT_FORMATS
from styra.documents.render import render
from styra.plans.models import Plan

from .context import PlanContext

FORMATS = {"json": "application/json", **DOCUMENT_FORMATS}


def plan_meta(ctx: PlanContext) -> PlanMeta:
    """What the plan's document says around its data, as the plan stands."""
    plan = ctx.plan
    stamp = plan.updated_at or datetime.now(UTC)
    return PlanMeta(
        status=plan.status,
        unit_goal_label=ctx.unit_goal_label,
        phone=plan.phone,
        meeting_date=plan.meeting_date,
        organisation=ctx.committee.name if ctx.committee else "",
        closing_from=ctx.closing_from,
        generated_at=stamp,
    )


def plan_data_file(data: dict[str, Any], meta: PlanMeta, fmt: str) -> bytes:
    """A plan's styra-plan/1 dict as JSON, PDF or DOCX."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt}")
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    return render(data, fmt, meta=meta)


def plan_filename(plan: Plan, fmt: str) -> str:
    safe = "".join(c if c.isalnum() else "-" for c in plan.unit_name).strip("-") or "plan"
    return f"verksamhetsplan-{plan.year.year}-{safe}.{fmt}"
