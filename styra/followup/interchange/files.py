"""A report's dict as a file: its JSON, or its PDF or Word document, and the file's name."""

import json
from datetime import UTC, datetime
from typing import Any

from styra.documents.render import FORMATS as DOCUMENT_FORMATS
from styra.documents.render import render


def generated_at(data: dict[str, Any]) -> datetime:
    """A fixed time for a decided report, so that its file is the same each time."""
    for key in ("approved_at", "submitted_at"):
        if data.get(key):
            return datetime.fromisoformat(data[key])
    return datetime.now(UTC).replace(microsecond=0)


FORMATS = {"json": "application/json", **DOCUMENT_FORMATS}


def report_data_file(data: dict[str, Any], fmt: str) -> bytes:
    """A report's dict as JSON, PDF or DOCX."""
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    if fmt in FORMATS:
        return render(data, fmt, generated_at=generated_at(data))
    raise ValueError(f"unknown format {fmt}")


def report_filename(data: dict[str, Any], fmt: str) -> str:
    """'tertialrapport-1-2026-Vuxenenheten.pdf'."""

    def safe(text: str) -> str:
        return "".join(c if c.isalnum() else "-" for c in text).strip("-")

    title = safe(data["title"]).lower() or "rapport"
    return f"{title}-{safe(data['unit']) or 'enhet'}.{fmt}"
