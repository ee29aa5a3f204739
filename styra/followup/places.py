"""Where reports and report data belong, for the audit trail's history pages.

Outcomes are here too: an outcome (indicators.Outcome) belongs to the report its unit
hands in for the period, which only followup knows. followup registers these rules with
its models in its AppConfig.ready() (styra.audit.scope).
"""

from typing import Any

from styra.audit.scope import Place, Resolver
from styra.budget.models import Budget, BudgetRow
from styra.plans.places import in_plan

from .models import Report


def report_of(r: Resolver, unit_id: Any, period: str | None) -> int | None:
    """The node's report for the period, if one is open."""
    if unit_id is None or not period:
        return None
    return r.find(Report, org_unit_id=unit_id, period__code=period)


def outcome(r: Resolver, pk: Any, v) -> Place:
    return v("org_unit"), None, report_of(r, v("org_unit"), v("period"))


def report(r: Resolver, pk: Any, v) -> Place:
    return v("org_unit"), None, pk


def report_part(r: Resolver, pk: Any, v) -> Place:
    """A part of a report: an event, a section, an assessment, an activity's follow-up."""
    report_id = v("report")
    return r.field(Report, report_id, "org_unit"), None, report_id


def budget_follow_up(r: Resolver, pk: Any, v) -> Place:
    """The plan of the row, and the report of the period (months belong to no report)."""
    budget_id = r.field(BudgetRow, v("row"), "budget")
    unit_id, plan_id, _ = in_plan(r, r.field(Budget, budget_id, "plan"))
    period = v("period") or ""
    report_id = report_of(r, unit_id, period) if "M" not in period else None
    return unit_id, plan_id, report_id
