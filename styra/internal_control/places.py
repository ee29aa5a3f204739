"""Where internal control's objects belong, for the audit trail's history pages: the
node whose control plan they are part of (a control plan is no verksamhetsplan, so its
entries carry no plan or report id)."""

from collections.abc import Callable
from typing import Any

from styra.audit.scope import Place, Resolver

from .models import Control, ControlPlan, ControlResult, Risk


def _node(r: Resolver, plan_id: Any) -> Place:
    return r.field(ControlPlan, plan_id, "org_unit"), None, None


def control_plan(r: Resolver, pk: Any, v: Callable[[str], Any]) -> Place:
    return v("org_unit"), None, None


def in_control_plan(r: Resolver, pk: Any, v: Callable[[str], Any]) -> Place:
    return _node(r, v("plan"))


def control(r: Resolver, pk: Any, v: Callable[[str], Any]) -> Place:
    return _node(r, r.field(Risk, v("risk"), "plan"))


def result(r: Resolver, pk: Any, v: Callable[[str], Any]) -> Place:
    risk_id = r.field(Control, v("control"), "risk")
    return _node(r, r.field(Risk, risk_id, "plan"))


def measure(r: Resolver, pk: Any, v: Callable[[str], Any]) -> Place:
    control_id = r.field(ControlResult, v("result"), "control")
    risk_id = r.field(Control, control_id, "risk")
    return _node(r, r.field(Risk, risk_id, "plan"))
