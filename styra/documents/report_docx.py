"""Follow-up reports as Word documents, in the plan documents' conventions."""

from typing import Any

from styra.organisation.models import OrgUnit

from .docx import render_layout_docx
from .report_layout import build_report_layout, committee_report_data, generated_at

KEYWORDS = {"T1": "tertialrapport", "T2": "tertialrapport", "VB": "verksamhetsberättelse"}


def render_report_docx(data: dict[str, Any]) -> bytes:
    """A unit's or a committee's report dict (report_layout) as a DOCX file."""
    keywords = KEYWORDS.get(data["period"][4:], "uppföljning")
    return render_layout_docx(build_report_layout(data), generated_at(data), keywords)


def render_committee_report_docx(committee: OrgUnit, period_code: str) -> bytes:
    return render_report_docx(committee_report_data(committee, period_code))
