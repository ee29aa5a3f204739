"""Who may load which part of internal control: the policy (accounts.permissions) applied to
the node whose control plan it is.

The plan's structure (risk analysis and control plan) is written by the node's editors
while it is a draft; its follow-up (results and measures) by the same people once it is
adopted, so loading for follow-up asks for the right to edit without the plan's lock
(the period's lock is the services'). A unit's own control plan is started by the
committee ("where the committee wants one"): whoever may edit the committee above.

A unit's quality guarantees are read by everyone who sees the unit and written by its
editors while the unit's verksamhetsplan of the year is a draft; their outcomes by the
same editors without the plan's lock (the report's lock is the services').
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from styra.accounts.permissions import Action, AnyUser, can, require, require_city_admin
from styra.goals.access import chain_access, require_year
from styra.goals.models import PlanningYear, YearState
from styra.organisation.models import Kind, OrgUnit
from styra.plans.models import PLAN_UNIT_KINDS, Plan

from .models import (
    CONTROL_PLAN_KINDS,
    CityRisk,
    Control,
    ControlPlan,
    ControlResult,
    Measure,
    Process,
    QualityGuarantee,
    Risk,
)


def _require(user: AnyUser, plan: ControlPlan, action: Action, followup: bool) -> None:
    require(user, action, plan.org_unit, locked=plan.is_locked and not followup)


def get_control_plan_for_user(
    user: AnyUser, plan_id: int, action: Action = Action.VIEW, *, followup: bool = False
) -> ControlPlan:
    """The plan if the user may do `action` on it; 404 if they may not see it, else 403.

    Writes are refused on a submitted or adopted plan, unless they are its follow-up.
    """
    plan = ControlPlan.objects.with_header().filter(pk=plan_id).first()
    if plan is None:
        raise Http404
    _require(user, plan, action, followup)
    return plan


def get_process_for_user(user: AnyUser, process_id: int, action: Action = Action.VIEW) -> Process:
    process = Process.objects.select_related("plan__org_unit", "plan__year").filter(pk=process_id)
    found = process.first()
    if found is None:
        raise Http404
    _require(user, found.plan, action, followup=False)
    return found


def get_risk_for_user(user: AnyUser, risk_id: int, action: Action = Action.VIEW) -> Risk:
    risk = Risk.objects.select_related("plan__org_unit", "plan__year", "process").filter(pk=risk_id)
    found = risk.first()
    if found is None:
        raise Http404
    _require(user, found.plan, action, followup=False)
    return found


def get_control_for_user(
    user: AnyUser, control_id: int, action: Action = Action.VIEW, *, followup: bool = False
) -> Control:
    control = Control.objects.select_related("risk__plan__org_unit", "risk__plan__year")
    found = control.filter(pk=control_id).first()
    if found is None:
        raise Http404
    _require(user, found.risk.plan, action, followup)
    return found


def get_result_for_user(
    user: AnyUser, result_id: int, action: Action = Action.VIEW
) -> ControlResult:
    result = ControlResult.objects.select_related(
        "period", "control__risk__plan__org_unit", "control__risk__plan__year"
    )
    found = result.filter(pk=result_id).first()
    if found is None:
        raise Http404
    _require(user, found.control.risk.plan, action, followup=True)
    return found


def get_measure_for_user(user: AnyUser, measure_id: int, action: Action = Action.VIEW) -> Measure:
    measure = Measure.objects.select_related(
        "result__period",
        "result__control__risk__plan__org_unit",
        "result__control__risk__plan__year",
    )
    found = measure.filter(pk=measure_id).first()
    if found is None:
        raise Http404
    _require(user, found.result.control.risk.plan, action, followup=True)
    return found


def require_control_plan_creator(user: AnyUser, node: OrgUnit) -> None:
    """Whether the user may start the node's control plan: a committee's by its editors, a
    unit's by the editors of the committee above it. 404 if they may not see the node."""
    require(user, Action.VIEW, node)
    if node.kind not in CONTROL_PLAN_KINDS:
        raise PermissionDenied
    if node.kind == Kind.COMMITTEE:
        if not can(user, Action.EDIT, node):
            raise PermissionDenied
        return
    committee = (
        OrgUnit.objects.ancestors(node, include_self=False).filter(kind=Kind.COMMITTEE).last()
    )
    if committee is None or not can(user, Action.EDIT, committee):
        raise PermissionDenied


def require_control_plan_importer(user: AnyUser, node: OrgUnit, year: PlanningYear) -> None:
    """Whether the user may import the node's control plan for the year: edit it, where the
    node has one (the import refuses a submitted or adopted one, saying why), else start it.
    404 if they may not see the node, else 403."""
    if ControlPlan.objects.filter(org_unit=node, year=year).exists():
        require(user, Action.EDIT, node)
    else:
        require_control_plan_creator(user, node)


@dataclass(frozen=True)
class GuaranteePlan:
    """A unit's quality guarantees of a year: the unit, the year and the plan they are part of."""

    unit: OrgUnit
    year: PlanningYear
    plan: Plan | None  # None until the unit has a plan for the year

    @property
    def is_locked(self) -> bool:
        return self.plan is not None and self.plan.is_locked


def get_guarantee_plan_for_user(
    user: AnyUser, unit_id: int, year: int, action: Action = Action.VIEW
) -> GuaranteePlan:
    """A plan-writing unit's guarantees of an open year if the user may do `action` on them;
    404 if they may not see the unit (or it writes no plan, or the year is not open), else 403.

    Writes are refused while the unit's plan of the year is submitted or adopted."""
    unit = OrgUnit.objects.filter(pk=unit_id, kind__in=PLAN_UNIT_KINDS).first()
    found = PlanningYear.objects.filter(year=year, state=YearState.OPEN).first()
    if unit is None or found is None:
        raise Http404
    plan = Plan.objects.with_header().filter(unit=unit, year=found).first()
    scope = GuaranteePlan(unit=unit, year=found, plan=plan)
    require(user, action, unit, locked=scope.is_locked)
    return scope


def get_guarantee_for_user(
    user: AnyUser, guarantee_id: int, action: Action = Action.VIEW, *, followup: bool = False
) -> QualityGuarantee:
    """The guarantee if the user may do `action` on it; 404 if they may not see it, else 403.

    Writes are refused while the unit's plan of the year is submitted or adopted, unless
    they are its follow-up (an outcome), which the period's report locks instead."""
    guarantee = QualityGuarantee.objects.select_related("unit", "year").filter(pk=guarantee_id)
    found = guarantee.first()
    if found is None:
        raise Http404
    locked = False
    if action != Action.VIEW and not followup:
        plan = Plan.objects.filter(unit_id=found.unit_id, year_id=found.year_id).first()
        locked = plan is not None and plan.is_locked
    require(user, action, found.unit, locked=locked)
    return found


def creatable_nodes(user: AnyUser, nodes: Iterable[OrgUnit]) -> list[OrgUnit]:
    """The nodes among `nodes` whose control plan the user may start, by the rule of
    `require_control_plan_creator`, asked of a tree read once (`nodes` come with their
    `tree_path`, as `OrgUnit.objects.with_tree_fields()` gives them): no query per node."""
    nodes = list(nodes)
    by_id = {node.pk: node for node in nodes}
    found = []
    for node in nodes:
        if node.kind not in CONTROL_PLAN_KINDS or not can(user, Action.VIEW, node):
            continue
        above = (by_id.get(pk) for pk in reversed(node.tree_path))
        committee = next((n for n in above if n is not None and n.kind == Kind.COMMITTEE), None)
        if committee is not None and can(user, Action.EDIT, committee):
            found.append(node)
    return found


def get_year_for_user(user: AnyUser, year: int) -> PlanningYear:
    """The planning year of that number; a draft year only for those who prepare it (goals'
    rule), 404 for everyone else."""
    planning_year = get_object_or_404(PlanningYear, year=year)
    require_year(chain_access(user), planning_year)
    return planning_year


def get_city_risk_for_user(
    user: AnyUser, city_risk_id: int, action: Action = Action.VIEW
) -> CityRisk:
    """One of the city's risks: seen with its year, changed by the city's administrators only
    (403 for anyone else who sees it: the city's risks are no secret)."""
    city_risk = get_object_or_404(CityRisk.objects.select_related("year"), pk=city_risk_id)
    require_year(chain_access(user), city_risk.year)
    if action != Action.VIEW:
        require_city_admin(user, seen_by_everyone=True)
    return city_risk
