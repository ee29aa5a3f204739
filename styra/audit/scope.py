"""Where a changed object belongs: its organisation node, plan and report.

The history pages show a plan's or a report's entries together with those of
their parts (sections, goals, targets, budget rows, assessments...), so each
entry carries those ids. They are resolved when the entry is written, from
the object's last values; a parent deleted in the same transaction is found
among the other changes, since the database no longer has it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.apps import apps

if TYPE_CHECKING:
    from .trail import Merged

Place = tuple[int | None, int | None, int | None]  # unit, plan, report


class Resolver:
    def __init__(self, merged: list[Merged]) -> None:
        self.known = {(m.model._meta.label_lower, str(m.pk)): m.values() for m in merged}
        self.cache: dict[tuple, Any] = {}

    def field(self, label: str, pk: Any, name: str) -> Any:
        """One field of one object: from this transaction's changes, else from the database."""
        if pk is None:
            return None
        values = self.known.get((label, str(pk)))
        if values is not None and name in values:
            return values[name]
        key = (label, str(pk), name)
        if key not in self.cache:
            model = apps.get_model(label)
            self.cache[key] = model._base_manager.filter(pk=pk).values_list(name, flat=True).first()
        return self.cache[key]

    def plan_of(self, unit_id: Any, year_id: Any) -> int | None:
        if unit_id is None or year_id is None:
            return None
        key = ("plan", unit_id, year_id)
        if key not in self.cache:
            from styra.plans.models import Plan

            self.cache[key] = (
                Plan.objects.filter(unit_id=unit_id, year_id=year_id)
                .values_list("pk", flat=True)
                .first()
            )
        return self.cache[key]

    def report_of(self, unit_id: Any, period: str | None) -> int | None:
        if unit_id is None or not period:
            return None
        key = ("report", unit_id, period)
        if key not in self.cache:
            from styra.followup.models import Report

            self.cache[key] = (
                Report.objects.filter(org_unit_id=unit_id, period__code=period)
                .values_list("pk", flat=True)
                .first()
            )
        return self.cache[key]

    def place(self, m: Merged) -> Place:
        rule = PLACES.get(m.model._meta.label_lower)
        if rule is None:
            return None, None, None
        values = m.values()
        instance = m.instance

        def value(name: str) -> Any:
            if name in values:
                return values[name]
            if instance is None:
                return None
            return getattr(instance, instance._meta.get_field(name).attname, None)

        return rule(self, m.pk, value)


def _plan_place(r: Resolver, plan_id) -> Place:
    return r.field("plans.plan", plan_id, "unit"), plan_id, None


def _owned(r: Resolver, unit_id, goal_id) -> Place:
    year_id = r.field("goals.goal", goal_id, "year")
    return unit_id, r.plan_of(unit_id, year_id), None


def _report_place(r: Resolver, report_id) -> Place:
    return r.field("followup.report", report_id, "org_unit"), None, report_id


def _budget_follow_up(r: Resolver, pk, v) -> Place:
    budget_id = r.field("budget.budgetrow", v("row"), "budget")
    unit_id, plan_id, _ = _plan_place(r, r.field("budget.budget", budget_id, "plan"))
    period = v("period") or ""
    report_id = r.report_of(unit_id, period) if "M" not in period else None
    return unit_id, plan_id, report_id


PLACES = {
    "organisation.orgunit": lambda r, pk, v: (pk, None, None),
    "accounts.membership": lambda r, pk, v: (v("org_unit"), None, None),
    "goals.goal": lambda r, pk, v: (v("owner"), r.plan_of(v("owner"), v("year")), None),
    "goals.activity": lambda r, pk, v: _owned(r, v("owner"), v("goal")),
    "plans.plan": lambda r, pk, v: (v("unit"), pk, None),
    "plans.section": lambda r, pk, v: _plan_place(r, v("plan")),
    "plans.appendix": lambda r, pk, v: _plan_place(r, v("plan")),
    "indicators.indicator": lambda r, pk, v: _owned(r, v("owner"), v("goal")),
    "indicators.target": lambda r, pk, v: _owned(
        r, v("org_unit"), r.field("indicators.indicator", v("indicator"), "goal")
    ),
    "indicators.outcome": lambda r, pk, v: (
        v("org_unit"),
        None,
        r.report_of(v("org_unit"), v("period")),
    ),
    "budget.budget": lambda r, pk, v: _plan_place(r, v("plan")),
    "budget.budgetrow": lambda r, pk, v: _plan_place(
        r, r.field("budget.budget", v("budget"), "plan")
    ),
    "followup.report": lambda r, pk, v: (v("org_unit"), None, pk),
    "followup.reportevent": lambda r, pk, v: _report_place(r, v("report")),
    "followup.reportsection": lambda r, pk, v: _report_place(r, v("report")),
    "followup.goalassessment": lambda r, pk, v: _report_place(r, v("report")),
    "followup.activityfollowup": lambda r, pk, v: _report_place(r, v("report")),
    "followup.budgetfollowup": _budget_follow_up,
}
