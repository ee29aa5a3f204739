"""The documents' one entry: a styra-plan/1, styra-report/1 or styra-internal-control/1 dict
as a PDF or a Word file.

The dict's "format" picks the layout; both layouts draw the same blocks
(layout.py), which the PDF (pdf.py, through Typst) and the Word renderer
(docx.py) print. Nothing here loads an object: what a plan's document says
beyond its data comes in as its PlanMeta.
"""

from datetime import datetime
from typing import Any

from .docx import render_layout_docx
from .internal_control_layout import build_internal_control_layout
from .layout import build_layout
from .meta import PlanMeta
from .pdf import render_layout_pdf
from .report_layout import build_report_layout

PLAN_FORMAT = "styra-plan/1"
REPORT_FORMAT = "styra-report/1"
INTERNAL_CONTROL_FORMAT = "styra-internal-control/1"
FORMATS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
REPORT_KEYWORDS = {"T1": "tertialrapport", "T2": "tertialrapport", "VB": "verksamhetsberättelse"}


def render(
    data: dict[str, Any],
    fmt: str,
    *,
    meta: PlanMeta | None = None,
    generated_at: datetime | None = None,
) -> bytes:
    """The document of a plan's, a report's or an internal control plan's dict, fmt "pdf"
    or "docx".

    A plan needs its `meta` (status, phone, committee, where the closing text
    begins, the fixed time); a report or an internal control plan (its follow-up when
    the dict has a period) says all that itself and takes the file's fixed time as
    `generated_at` (now when None).
    """
    if data.get("format") == PLAN_FORMAT:
        if meta is None:
            raise ValueError("a plan's document needs its PlanMeta")
        layout, moment, keywords = build_layout(data, meta), meta.generated_at, "verksamhetsplan"
    elif data.get("format") == REPORT_FORMAT:
        layout, moment = build_report_layout(data), generated_at
        keywords = REPORT_KEYWORDS.get(data["period"][4:], "uppföljning")
    elif data.get("format") == INTERNAL_CONTROL_FORMAT:
        layout, moment = build_internal_control_layout(data), generated_at
        keywords = "internkontrollplan" + (", uppföljning" if data["period"] else "")
    else:
        raise ValueError(f"unknown data format {data.get('format')!r}")
    if fmt == "pdf":
        return render_layout_pdf(layout, moment)
    if fmt == "docx":
        return render_layout_docx(layout, moment, keywords)
    raise ValueError(f"unknown format {fmt}")
