"""An internal control plan as a file: its styra-internal-control/1 JSON, or its PDF or Word
document (styra.documents lays the dict out), and the file's name.

The page's downloads and `styra export-internal-control` both come here, so the three
formats and the two ways out always say the same things.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from styra.documents.render import FORMATS as DOCUMENT_FORMATS
from styra.documents.render import render
from styra.followup.models import ReportingPeriod
from styra.lib.hooks import Hook
from styra.plans.models import PlanStatus

from .interchange import control_plan_dict
from .models import ControlPlan

FORMATS = {"json": "application/json", **DOCUMENT_FORMATS}


# An adopted plan's files are what was adopted: its snapshot, which is decisions' (a room
# above this one). None when the plan has no adopted version.
adopted_file: Hook[[ControlPlan, str], bytes | None] = Hook(
    "an adopted internal control plan's stored file", answered_by="styra.decisions"
)


def control_plan_data(plan: ControlPlan, period: ReportingPeriod | None = None) -> dict[str, Any]:
    """What a plan's files print, read live: the plan (with every result so far), or its
    follow-up in `period`."""
    return control_plan_dict(plan, period=period)


def plan_file(
    plan: ControlPlan, fmt: str, period: ReportingPeriod | None = None
) -> tuple[bytes, dict[str, Any]]:
    """The plan's file in `fmt` and the dict it was made from (for its name).

    An adopted plan is its adopted version, byte for byte (decisions keeps it); its
    follow-up, reported after the adoption, is always read live. The one source of the
    page's downloads and of `styra export-internal-control`.
    """
    data = control_plan_data(plan, period)
    if period is None and plan.status == PlanStatus.ADOPTED:
        stored = adopted_file(plan, fmt)
        if stored is not None:
            return stored, data
    return control_plan_file(data, fmt, at=generated_at(plan)), data


def generated_at(plan: ControlPlan) -> datetime:
    """The document's fixed time: its decision's for a decided plan, so that its file is the
    same each time; else when the plan last changed."""
    return plan.adopted_at or plan.submitted_at or plan.updated_at


def control_plan_file(data: dict[str, Any], fmt: str, *, at: datetime) -> bytes:
    """A plan's styra-internal-control/1 dict as JSON, PDF or DOCX."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt}")
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    return render(data, fmt, generated_at=at)


def control_plan_filename(data: dict[str, Any], fmt: str) -> str:
    """'internkontrollplan-2026-Norra-nämnden.pdf', or for a follow-up
    'internkontroll-tertialrapport-1-2026-Norra-nämnden.pdf'."""

    def safe(text: str) -> str:
        return "".join(c if c.isalnum() else "-" for c in text).strip("-")

    unit = safe(data["unit"]) or "enhet"
    if data["period_label"]:
        return f"internkontroll-{safe(data['period_label']).lower()}-{unit}.{fmt}"
    return f"internkontrollplan-{data['year']}-{unit}.{fmt}"


def year_period(plan: ControlPlan, code: str) -> ReportingPeriod | None:
    """The plan's year's reporting period of that code ("2026T1"), or None."""
    return (
        ReportingPeriod.objects.select_related("year")
        .filter(year_id=plan.year_id, code=code.upper())
        .first()
    )
