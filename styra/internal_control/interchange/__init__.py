"""styra-internal-control/1: an internal control plan as plain data, out of Styra and in.

The plan is first read into this dict; its JSON download is the dict, and the documents
app lays it out as the PDF and the Word file, so all three say the same things in the
same order. The format is checked by `internal-control.schema.json` beside this package.
`export.py` makes the dict of a plan (and, with a period, of its follow-up).

    {"format": "styra-internal-control/1",
     "year": 2026, "unit": "Socialnämnden", "organisation": "Exempelby kommun",
     "status": "draft" | "submitted" | "adopted", "status_label": "Utkast",
     "submitted_at": ISO | null, "adopted_at": ISO | null,
     "period": "2026T1" | null,          # the follow-up's period, or null for the plan
     "period_label": "Tertialrapport 1 2026" | null,
     "processes": [{"title", "description", "risks": [RISK]}],
     "matrix": [[n, n, n, n] × 4],        # counts, rows consequence 4→1, columns probability 1→4
     "summary": {"risks", "assessed", "selected", "controls", "reported", "deviations"}}

    RISK = {"title", "description", "probability": 1–4 | null, "consequence": 1–4 | null,
            "value": 1–16 | null, "level": "low" | "medium" | "high" | "very_high" | null,
            "level_label", "selected", "omission_reason", "city": bool,
            "goal": {"level", "number", "title"} | null, "controls": [CONTROL]}
    CONTROL = {"what", "method", "scope", "frequency", "responsible",
               "reported_in": ["T1", "T2", "VB"], "results": [RESULT]}
    RESULT = {"period": "2026T1", "done", "result": "no_deviation" | "deviation" | "",
              "status", "status_label", "findings", "measures": [MEASURE]}
    MEASURE = {"name", "responsible", "start": ISO | null, "end": ISO | null,
               "status", "status_label"}

The plan's dict lists every result reported so far; a follow-up's, only its period's.
Value, level, labels, matrix and summary follow from the rest and are written out for
the reader and the documents; reading the dict back ignores them.
"""

from .export import FORMAT, control_plan_dict

__all__ = ["FORMAT", "control_plan_dict"]
