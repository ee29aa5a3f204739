"""A plan, report or internal control plan as it stands: its data dict, what the document
adds, and its PDF/A.

The same functions serve a snapshot (data, meta and PDF stored) and the
comparison with the live draft (data and meta only, no PDF rendered).
"""

from dataclasses import dataclass
from typing import Any

from styra.documents.render import render
from styra.followup.interchange import report_data_file, unit_report_data
from styra.followup.models import Report
from styra.internal_control.interchange import control_plan_dict
from styra.internal_control.models import ControlPlan
from styra.plans.context import PlanContext, load_plan
from styra.plans.files import plan_meta
from styra.plans.interchange import context_to_dict
from styra.plans.models import Plan


@dataclass
class Capture:
    data: dict[str, Any]
    meta: dict[str, Any]
    title: str
    organisation: str
    year: int
    pdf: bytes = b""


def capture_plan(plan: Plan, *, with_pdf: bool = True) -> Capture:
    """The plan's styra-plan/1 dict, its header fields outside that format, and its PDF."""
    return capture_context(load_plan(plan), with_pdf=with_pdf)


def capture_context(ctx: PlanContext, *, with_pdf: bool = True) -> Capture:
    """As capture_plan, from a plan already loaded (the plan page has it)."""
    plan = ctx.plan
    data = context_to_dict(ctx)
    meta = plan_meta(ctx)
    return Capture(
        data=data,
        meta={
            "status": plan.status,
            "phone": plan.phone or None,
            "meeting_date": plan.meeting_date.isoformat() if plan.meeting_date else None,
            "unit_goal_label": ctx.unit_goal_label,
            "closing_from": ctx.closing_from,
        },
        title=f"Verksamhetsplan {plan.year.year} – {plan.unit_name}",
        organisation=meta.organisation,
        year=plan.year.year,
        pdf=render(data, "pdf", meta=meta) if with_pdf else b"",
    )


def capture_report(report: Report) -> Capture:
    """The report's styra-report/1 dict and its PDF, as the download would give them."""
    data = unit_report_data(report)
    return Capture(
        data=data,
        meta={"status": report.status},
        title=f"{data['title']} – {report.unit_name}",
        organisation=data.get("organisation") or "",
        year=data["year"],
        pdf=report_data_file(data, "pdf"),
    )


def capture_control_plan(plan: ControlPlan, *, with_pdf: bool = True) -> Capture:
    """The internal control plan's styra-internal-control/1 dict (every result reported so
    far) and its PDF, timed at its adoption so the stored file is the one adopted."""
    data = control_plan_dict(plan)
    return Capture(
        data=data,
        meta={"status": plan.status},
        title=f"Internkontrollplan {plan.year.year} – {plan.unit_name}",
        organisation=data["organisation"],
        year=plan.year.year,
        pdf=render(data, "pdf", generated_at=plan.adopted_at) if with_pdf else b"",
    )
