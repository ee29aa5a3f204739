"""Follow-up reports as archivable, accessible PDFs (PDF/A-2a and PDF/UA-1), as the plans are.

The report's blocks go to the plan's Typst template as JSON data; nothing a
person wrote is ever read as Typst markup.
"""

from typing import Any

from styra.organisation.models import OrgUnit

from .pdf import render_layout_pdf
from .report_layout import build_report_layout, committee_report_data, generated_at


def render_report_pdf(data: dict[str, Any]) -> bytes:
    """A unit's or a committee's report dict (report_layout) as a PDF."""
    return render_layout_pdf(build_report_layout(data), generated_at(data))


def render_committee_report_pdf(committee: OrgUnit, period_code: str) -> bytes:
    """The committee's roll-up report for a period ("2026T1") as a PDF."""
    return render_report_pdf(committee_report_data(committee, period_code))
