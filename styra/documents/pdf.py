"""A laid-out document (a plan, a report) as an archivable, accessible PDF (PDF/A-2a, PDF/UA-1)."""

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import typst

from .layout import DocumentLayout

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "plan.typ"
FONTS = HERE / "fonts"
PDF_STANDARDS: list[Literal["a-2a", "ua-1"]] = ["a-2a", "ua-1"]


def render_layout_pdf(layout: DocumentLayout, generated_at: datetime | None) -> bytes:
    """Any document laid out as blocks (a plan, a report) through the one template."""
    data = json.dumps(layout.to_dict(), ensure_ascii=False)
    return typst.compile(
        str(TEMPLATE),
        root=str(HERE),
        # Only the vendored font, so the output is the same on every machine.
        font_paths=[str(FONTS)],
        ignore_system_fonts=True,
        sys_inputs={"plan": data},
        pdf_standards=[*PDF_STANDARDS],
        timestamp=_timestamp(generated_at),
    )


def _timestamp(moment: datetime | None) -> int:
    if moment is None:
        return int(datetime.now(UTC).timestamp())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)  # a naive time is taken as UTC, not the server's zone
    return int(moment.timestamp())
