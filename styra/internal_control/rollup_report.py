"""The roll-up of internal control as followup's report and workbook carry it.

A committee's report (styra-report/1, `followup.interchange.committee`) rolls up every
unit's control results, and the roll-up's Excel download has them as sheets. Followup asks
for both through its hooks (`followup.rollup_internal_control`); this module answers from
the same `rollup.control_rollup_for` as the roll-up pages, so the page, the document and
the workbook say the same.

The report's part is plain data, frozen with the committee's report when it is handed in:

    {"part": "T1", "total": COUNTS,
     "plans": [{"unit", "plan_id", **COUNTS}],            # adopted plans, tree order
     "deviations": [{"unit", "process", "risk", "control", "responsible", "findings",
                     "measures": [{"name", "responsible", "start", "end",
                                   "status", "status_label"}]}],
     "not_adopted": [{"unit", "status", "status_label"}],
     "without_plan": ["Nämnden"]}                          # the committee, when it has none

    COUNTS = {"controls", "no_deviation", "deviation", "not_done", "not_reported"}
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from styra.followup.excel import Sheet
from styra.followup.models import ReportingPeriod
from styra.organisation.models import OrgUnit

from .models import Measure
from .rollup import ControlRollup, Counts, control_rollup_for
from .status import MARKS, ORDER


def _counts(counts: Counts) -> dict[str, int]:
    return {"controls": counts.total, **{status.value: counts.of(status) for status in ORDER}}


def rollup_report_dict(rollup: ControlRollup) -> dict[str, Any]:
    """A committee's roll-up of internal control as the report's plain data."""
    return {
        "part": rollup.part,
        "total": _counts(rollup.total),
        "plans": [
            {"unit": p.node.name, "plan_id": p.plan.pk, **_counts(p.counts)} for p in rollup.adopted
        ],
        "deviations": [
            {
                "unit": d.plan.node.name,
                "process": d.process,
                "risk": d.risk,
                "control": d.what,
                "responsible": d.responsible,
                "findings": d.findings,
                "measures": [
                    {
                        "name": m.name,
                        "responsible": m.responsible,
                        "start": m.start.isoformat() if m.start else None,
                        "end": m.end.isoformat() if m.end else None,
                        "status": m.status,
                        "status_label": str(m.get_status_display()),
                    }
                    for m in d.measures
                ],
            }
            for d in rollup.deviations
        ],
        "not_adopted": [
            {
                "unit": p.node.name,
                "status": p.plan.status,
                "status_label": str(p.plan.get_status_display()),
            }
            for p in rollup.not_adopted
        ],
        "without_plan": [node.name for node in rollup.without_plan],
    }


def committee_report_part(committee: OrgUnit, period: ReportingPeriod) -> dict[str, Any]:
    """The answer to followup's committee report: the whole subtree, as the report's roll-up
    tables are (the report is the committee's document, the same for every reader)."""
    return rollup_report_dict(control_rollup_for(committee, period, controls=False))


def rollup_sheets(rollup: ControlRollup) -> list[Sheet]:
    """The roll-up's sheets: the counts per plan (per committee for the city), and on a
    committee's the deviations with one row per measure."""
    marks = [MARKS[status].label for status in ORDER]
    if rollup.is_city:
        counts = [
            [c.node.name, *(c.counts.of(s) for s in ORDER), c.counts.total, c.adopted]
            for c in rollup.committees
        ]
        counts.append(
            [
                _("Staden totalt"),
                *(rollup.total.of(s) for s in ORDER),
                rollup.total.total,
                len(rollup.adopted),
            ]
        )
        head = [_("Nämnd"), *marks, _("Kontrollmoment"), _("Fastställda planer")]
    else:
        counts = [
            [p.node.name, *(p.counts.of(s) for s in ORDER), p.counts.total] for p in rollup.adopted
        ]
        counts.append(
            [_("Nämnden totalt"), *(rollup.total.of(s) for s in ORDER), rollup.total.total]
        )
        head = [_("Plan"), *marks, _("Kontrollmoment")]
    sheets = [Sheet(_("Internkontroll"), head, counts)]
    if not rollup.is_city:
        rows: list[list[object]] = []
        for d in rollup.deviations:
            first = [d.plan.node.name, d.process, d.risk, d.what, d.responsible, d.findings]
            measures: list[Measure | None] = [*d.measures] or [None]
            for m in measures:
                if m is None:
                    rows.append([*first, _("Ingen åtgärd ännu"), "", None, None, ""])
                else:
                    rows.append(
                        [*first, m.name, m.responsible, m.start, m.end, m.get_status_display()]
                    )
        sheets.append(
            Sheet(
                _("Avvikelser"),
                [
                    _("Plan"),
                    _("Process"),
                    _("Risk"),
                    _("Kontrollmoment"),
                    _("Ansvarig"),
                    _("Iakttagelser"),
                    pgettext("internal control", "Åtgärd"),
                    _("Ansvarig för åtgärden"),
                    _("Startdatum"),
                    _("Slutdatum"),
                    _("Åtgärdens status"),
                ],
                rows,
            )
        )
    return sheets


def rollup_sheets_for(
    node: OrgUnit, period: ReportingPeriod, visible: set[int] | None
) -> list[Sheet]:
    """The answer to followup's roll-up workbook, narrowed to what the person may see."""
    return rollup_sheets(control_rollup_for(node, period, visible=visible, controls=False))
