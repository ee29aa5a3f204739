"""The roll-up pages' internal control: followup asks, internal_control answers.

A committee's follow-up rolls up every unit's control results, and the city's every
committee's (issue 13), but internal control sits above followup: it reports in
followup's periods. So the roll-up page asks through this hook (`lib.hooks.Hook`), and
`styra.internal_control` registers its roll-up in its AppConfig.ready(). The answer is
drawn by `internal_control/rollup.html#followup_section`, the only place that knows its
shape.

A committee's report carries the same roll-up as plain data (styra-report/1's
`internal_control`, frozen with the report and printed by documents.committee_layout),
and the roll-up's workbook as sheets: two more questions of the same room.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from styra.lib.hooks import Hook
from styra.organisation.models import OrgUnit

from .excel import Sheet
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


report_hook: Hook[[OrgUnit, ReportingPeriod], dict[str, Any]] = Hook(
    "The internal control of a committee's report, as styra-report/1 data",
    answered_by="styra.internal_control",
)
register_report = report_hook.register

sheets_hook: Hook[[OrgUnit, ReportingPeriod, set[int] | None], list[Sheet]] = Hook(
    "The internal control sheets of a roll-up's workbook",
    answered_by="styra.internal_control",
)
register_sheets = sheets_hook.register


def internal_control_report(committee: OrgUnit, period: ReportingPeriod) -> dict[str, Any]:
    """The committee's roll-up of internal control in the period, for its report."""
    return report_hook(committee, period)


def internal_control_sheets(
    node: OrgUnit, period: ReportingPeriod, visible: set[int] | None
) -> list[Sheet]:
    """The committee's or city's internal control in the period as workbook sheets."""
    return sheets_hook(node, period, visible)
