"""styra-report/1: a follow-up report as plain data, out of Styra.

A report is first read into this dict, which its JSON download is; the
documents app lays that dict out as the PDF and the Word file (documents.render),
so all three say the same things in the same order. A submitted report keeps
its dict (frozen.py). The format is checked by report.schema.json beside this
package, as the plans' is by plans/plan.schema.json: unit (unit.py) and
committee (committee.py) reports, live and frozen; files.py makes the files.

The dict, "styra-report/1". Amounts and outcomes are JSON numbers (or null),
dates ISO strings, statuses a code plus its Swedish label:

    {"format": "styra-report/1", "kind": "unit" | "committee",
     "title": "Tertialrapport 1 2026", "period": "2026T1", "year": 2026,
     "forecast": true,               # T1 and T2 assess goals as a forecast
     "unit": "Vuxenenheten", "organisation": "Socialnämnden",
     "status": "draft" | "submitted" | "approved" | "missing", "status_label": "Utkast",
     "cutoff": "2026-04-30", "deadline": "2026-05-14",
     "submitted_at": ISO | null, "approved_at": ISO | null,
     "officer": "…", "phone": "…",
     "sections": [{"heading": "Viktiga händelser", "text": "…"}],
     "goals": [GOAL],                # the plan's goal chain in document order
     "budget": {"currency_unit": "tkr", "rows": [BUDGET ROW]} | null,
     # committee documents only; the roll-up is rollup.rollup_for's:
     "unit_goals": [{"board_goal": "…", "rows": [{"unit", "report_id", "goal",
                     "assessment", "label", "symbol"}]}],
     "indicators": [{"id", "name", "measure", "aggregation", "aggregation_label",
                     "rows": [FIGURE + {"unit"}], "total": FIGURE | null}],
     "units": [{"id", "unit", "report_id", "status", "status_label", "reported", "late"}],
     "budget_units": {"currency_unit": "tkr", "rows": [{"unit", "budget", "outcome",
                      "forecast", "deviation"}], "total": {…} | null},
     "internal_control": {…}}  # internal_control.rollup_report (not in reports frozen before it)

    FIGURE = {"target", "outcome", "outcome_text", "note", "status", "status_label",
              "status_symbol", "status_note"}
    GOAL = {"id", "level", "label": "Enhetsmål:", "number", "title",
            "assessed": true,     # the report assesses this goal
            "assessment": {"value", "label", "proposed", "proposed_label", "reason",
                           "analysis"} | null,
            "indicators": [{"id", "name", "measure", "target", "outcome", "outcome_text",
                            "comment", "status", "status_label", "status_symbol",
                            "status_note"}],
            "activities": [{"id", "name", "status", "status_label", "comment"}],
            "children": [GOAL]}
    BUDGET ROW = {"name", "budget", "outcome", "forecast", "deviation", "comment", "total"}

A negative deviation is a deficit. Only indicators due in the period are listed.
"""

from .committee import committee_report_data, committee_report_dict, live_committee_report_dict
from .files import FORMATS, generated_at, report_data_file, report_filename
from .unit import FORMAT, goal_line_dict, unit_report_data, unit_report_dict, with_status

__all__ = [
    "FORMAT",
    "FORMATS",
    "committee_report_data",
    "committee_report_dict",
    "generated_at",
    "goal_line_dict",
    "live_committee_report_dict",
    "report_data_file",
    "report_filename",
    "unit_report_data",
    "unit_report_dict",
    "with_status",
]
