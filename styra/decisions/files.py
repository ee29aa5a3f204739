"""A plan as a file: JSON, PDF or DOCX, from its adopted version once it has one, else live;
and an adopted internal control plan's files, from its snapshot.

An adopted plan's files print what was adopted: its snapshot's data, and the
PDF/A stored at adoption, byte for byte. The chain above the plan may change
afterwards (KF renames a goal, changes a target), but the adopted plan does not
change with it; the plan page says when the chain has moved on.
"""

import json
from datetime import date

from styra.documents.meta import PlanMeta
from styra.documents.render import render
from styra.internal_control.models import ControlPlan
from styra.plans.context import load_plan
from styra.plans.files import FORMATS, plan_data_file, plan_meta
from styra.plans.interchange import context_to_dict
from styra.plans.models import Plan

from .models import Snapshot


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
    if adopted is None:
        ctx = load_plan(plan)
        return plan_data_file(context_to_dict(ctx), plan_meta(ctx), fmt)
    if fmt == "pdf":
        # The archived document itself; its PDF was left out of the first query.
        return bytes(Snapshot.objects.values_list("pdf", flat=True).get(pk=adopted.pk))
    return plan_data_file(adopted.data, snapshot_meta(adopted), fmt)


def adopted_control_plan_file(plan: ControlPlan, fmt: str) -> bytes | None:
    """An adopted internal control plan as it was adopted: the PDF/A stored at adoption byte
    for byte ("pdf"), its stored styra-internal-control/1 ("json"), or that data as a Word
    file ("docx"); None when the plan has no adopted version (its files are then the live
    plan's). The follow-up, reported after the adoption, is never in these files.
    """
    adopted = Snapshot.objects.adopted_control_plan(plan)
    if adopted is None:
        return None
    if fmt == "pdf":
        return bytes(Snapshot.objects.values_list("pdf", flat=True).get(pk=adopted.pk))
    if fmt == "json":
        return json.dumps(adopted.data, ensure_ascii=False, indent=2).encode("utf-8")
    if fmt == "docx":
        return render(adopted.data, "docx", generated_at=adopted.decided_at)
    raise ValueError(f"unknown format {fmt}")
