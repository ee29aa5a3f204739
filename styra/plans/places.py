"""Where plans and what they hold belong, for the audit trail's history pages.

Each rule gives (node, plan, report) from the trail's Resolver (styra.audit.scope). A
goal, an activity, an indicator, a target and a budget belong to the plan of their node
and year, which only plans knows: plans registers them with the trail in its
AppConfig.ready(), with its own Plan, Section and Appendix.
"""

from typing import Any

from styra.audit.scope import Place, Resolver
from styra.budget.models import Budget
from styra.goals.models import Goal
from styra.indicators.models import Indicator

from .models import Plan


def plan_of(r: Resolver, unit_id: Any, year_id: Any) -> int | None:
    """The node's plan of the year, if it has one."""
    if unit_id is None or year_id is None:
        return None
    return r.find(Plan, unit_id=unit_id, year_id=year_id)


def in_plan(r: Resolver, plan_id: Any) -> Place:
    """The place of a part of the plan `plan_id` (a section, an appendix, its budget)."""
    return r.field(Plan, plan_id, "unit"), plan_id, None


def owned(r: Resolver, unit_id: Any, goal_id: Any) -> Place:
    """The place of what the node `unit_id` owns under a goal: the node's plan of its year."""
    year_id = r.field(Goal, goal_id, "year")
    return unit_id, plan_of(r, unit_id, year_id), None


def goal(r: Resolver, pk: Any, v) -> Place:
    return v("owner"), plan_of(r, v("owner"), v("year")), None


def activity(r: Resolver, pk: Any, v) -> Place:
    return owned(r, v("owner"), v("goal"))


def plan(r: Resolver, pk: Any, v) -> Place:
    return v("unit"), pk, None


def plan_part(r: Resolver, pk: Any, v) -> Place:
    return in_plan(r, v("plan"))


def indicator(r: Resolver, pk: Any, v) -> Place:
    return owned(r, v("owner"), v("goal"))


def target(r: Resolver, pk: Any, v) -> Place:
    return owned(r, v("org_unit"), r.field(Indicator, v("indicator"), "goal"))


def budget(r: Resolver, pk: Any, v) -> Place:
    return in_plan(r, v("plan"))


def budget_row(r: Resolver, pk: Any, v) -> Place:
    return in_plan(r, r.field(Budget, v("budget"), "plan"))
