"""A plan as a file: JSON, PDF or DOCX, from one loaded context or from its adopted version.

An adopted plan's files print what was adopted: its snapshot's data, and the
PDF/A stored at adoption, byte for byte. The chain above the plan may change
afterwards (KF renames a goal, changes a target), but the adopted plan does not
change with it; the plan page says when the chain has moved on.
"""

import json
from datetime import UTC, date, datetime

from styra.decisions.models import Snapshot
from styra.plans.context import PlanContext, load_plan
from styra.plans.interchange import context_to_dict
from styra.plans.models import Plan

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


def snapshot_meta(snapshot: Snapshot) -> PlanMeta:
    """What the plan's document said around the data when it was adopted."""
    meta = snapshot.meta
    meeting = meta.get("meeting_date")
    return PlanMeta(
        status=meta.get("status") or "adopted",
        unit_goal_label=meta.get("unit_goal_label") or "Enhetsmål",
        phone=meta.get("phone") or "",
        meeting_date=date.fromisoformat(meeting) if meeting else None,
        organisation=snapshot.organisation,
        closing_from=meta.get("closing_from"),
        generated_at=snapshot.decided_at,
    )


def plan_file(plan: Plan, fmt: str) -> bytes:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt}")
    adopted = Snapshot.objects.adopted_version(plan)
    if adopted is not None:
        data, meta = adopted.data, snapshot_meta(adopted)
    else:
        ctx = load_plan(plan)
        data, meta = context_to_dict(ctx), plan_meta(ctx)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    if fmt == "pdf":
        if adopted is not None:
            # The archived document itself; its PDF was left out of the first query.
            return bytes(Snapshot.objects.values_list("pdf", flat=True).get(pk=adopted.pk))
        from .pdf import render_plan_pdf

        return render_plan_pdf(data, meta)
    from .docx import render_plan_docx

    return render_plan_docx(data, meta)


def plan_filename(plan: Plan, fmt: str) -> str:
    safe = "".join(c if c.isalnum() else "-" for c in plan.unit_name).strip("-") or "plan"
    return f"verksamhetsplan-{plan.year.year}-{safe}.{fmt}"
