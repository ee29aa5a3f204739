"""A plan as an archivable, accessible PDF (PDF/A-2a and PDF/UA-1) through Typst."""

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import typst

from .layout import DocumentLayout, build_layout
from .meta import PlanMeta

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "plan.typ"
FONTS = HERE / "fonts"
PDF_STANDARDS: list[Literal["a-2a", "ua-1"]] = ["a-2a", "ua-1"]


def render_plan_pdf(plan: dict[str, Any], meta: PlanMeta) -> bytes:
    return render_layout_pdf(build_layout(plan, meta), meta.generated_at)


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
