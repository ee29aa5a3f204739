"""Reading a plan file of any accepted kind into the styra-plan/1 format."""

import codecs
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from styra.importer.legacy import DocumentError, Sources, parse_document
from styra.plans.interchange import load_plan_json, settle_budget, validate_plan_dict


@dataclass
class ReadResult:
    plan: dict[str, Any]
    warnings: list[str] = field(default_factory=list)
    sources: list[Sources] = field(default_factory=list)  # a PDF's pages, per goal
    phone: str | None = None  # the officer's telephone in a document's header block


def _as_interchange_json(raw: bytes) -> object | None:
    """The parsed JSON if the file is meant as styra-plan/1 JSON, else None."""
    head = raw.removeprefix(codecs.BOM_UTF8).lstrip()[:1]
    if head not in (b"{", b"["):
        return None
    try:
        return load_plan_json(raw.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValidationError(
            gettext("Filen ser ut som JSON men kan inte läsas: %(error)s") % {"error": exc}
        ) from None


def read_plan(raw: bytes, filename: str | None = None) -> ReadResult:
    """Interchange JSON is validated as it is; any other document goes through the importer."""
    data = _as_interchange_json(raw)
    if data is not None:
        plan, warnings = settle_budget(validate_plan_dict(data))
        return ReadResult(plan=plan, warnings=warnings)
    try:
        parsed = parse_document(raw, filename)
    except DocumentError as exc:
        raise ValidationError(str(exc)) from None
    # The preview shows the sums Styra will store, and what the document said where they differ.
    plan, warnings = settle_budget(parsed.plan)
    return ReadResult(
        plan=plan,
        warnings=[*parsed.warnings, *warnings],
        sources=parsed.sources,
        phone=parsed.phone,
    )
