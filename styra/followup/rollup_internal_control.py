"""The roll-up pages' internal control: followup asks, internal_control answers.

A committee's follow-up rolls up every unit's control results, and the city's every
committee's (issue 13), but internal control sits above followup: it reports in
followup's periods. So the roll-up page asks through this hook (`lib.hooks.Hook`), and
`styra.internal_control` registers its roll-up in its AppConfig.ready(). The answer is
drawn by `internal_control/rollup.html#followup_section`, the only place that knows its
shape.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from styra.lib.hooks import Hook
from styra.organisation.models import OrgUnit

from .models import ReportingPeriod

if TYPE_CHECKING:
    from styra.internal_control.rollup import ControlRollup

internal_control_hook: Hook[[OrgUnit, ReportingPeriod, set[int] | None], ControlRollup] = Hook(
    "The internal control of a committee's or the city's roll-up",
    answered_by="styra.internal_control",
)
register = internal_control_hook.register


def internal_control_rollup(
    node: OrgUnit, period: ReportingPeriod, visible: set[int] | None
) -> ControlRollup:
    """The committee's or city's internal control in the period, narrowed to `visible`."""
    return internal_control_hook(node, period, visible)
