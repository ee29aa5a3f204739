"""A plan as a file: JSON, PDF or DOCX, from one loaded context."""

import json
from datetime import UTC, datetime

from styra.goals.models import Plan
from styra.plans.context import PlanContext, load_plan
from styra.plans.interchange import context_to_dict

from .meta import PlanMeta

FORMATS = {
    "json": "application/json",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def plan_meta(ctx: PlanContext) -> PlanMeta:
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


def plan_file(plan: Plan, fmt: str) -> bytes:
    ctx = load_plan(plan)
    data = context_to_dict(ctx)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    if fmt == "pdf":
        from .pdf import render_plan_pdf

        return render_plan_pdf(data, plan_meta(ctx))
    if fmt == "docx":
        from .docx import render_plan_docx

        return render_plan_docx(data, plan_meta(ctx))
    raise ValueError(f"unknown format {fmt}")


def plan_filename(plan: Plan, fmt: str) -> str:
    safe = "".join(c if c.isalnum() else "-" for c in plan.unit_name).strip("-") or "plan"
    return f"verksamhetsplan-{plan.year.year}-{safe}.{fmt}"
