"""Legacy plan documents (verksamhetsplaner as .docx, PDF or text) into styra-plan/1.

    result = parse_document(data, "plan.docx")
    result.plan      # schema-valid interchange dict
    result.warnings  # messages about what could not be placed

The format is told by content, not by name. Every input gives either a
ParseResult or a DocumentError with a message for the user. Messages and
warnings are in the active language (Swedish unless a request chose English);
the plan itself holds only what the document says, plus Swedish fallbacks
such as "Okänd enhet" that are stored as data.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext

from styra.lib import uploads
from styra.lib.numbers import format_number

from . import assemble, detect
from .assemble import Sources
from .detect import Unreadable

__all__ = ["DocumentError", "ParseResult", "Sources", "parse_document"]

logger = logging.getLogger(__name__)

MAX_BYTES = 60_000_000
# The importer's budget: every stage is linear, and these bounds keep the slowest
# accepted document (benchmarks/bench_hostile_import.py) within about ten seconds.
# A 200-page plan has a few thousand lines; a file above the bound is refused
# before it is parsed.
MAX_LINES = 200_000
# Goals, indicators and activities a document may turn into (a large plan has a few
# hundred): what the preview shows and the schema check reads stays bounded.
MAX_OBJECTS = 20_000


class DocumentError(Exception):
    """A file that cannot be read at all; str(exc) is a clear message for the user."""


@dataclass
class ParseResult:
    plan: dict[str, Any]
    warnings: list[str] = field(default_factory=list)
    # For a PDF, the pages each goal, indicator and activity was read from, in the plan's
    # order (empty for a document without pages).
    sources: list[Sources] = field(default_factory=list)
    # The officer's telephone from the header block (styra-plan/1 has no field for it).
    phone: str | None = None


def parse_document(data: bytes, filename: str | None = None) -> ParseResult:
    """Turn a unit's operational plan document into the styra-plan/1 interchange dict."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise DocumentError(gettext("Filen kunde inte läsas."))
    data = bytes(data)
    if not data.strip():
        raise DocumentError(gettext("Filen är tom."))
    if len(data) > MAX_BYTES:
        raise DocumentError(gettext("Filen är för stor (över 60 MB) för att läsas in."))
    try:
        return _parse(data, filename)
    except Unreadable as exc:
        raise DocumentError(str(exc)) from exc
    except RecursionError as exc:
        raise DocumentError(gettext("Dokumentet är för komplext för att läsas in.")) from exc
    except Exception as exc:
        logger.exception("legacy import failed on %s", filename)
        raise DocumentError(
            gettext(
                "Dokumentet kunde inte tolkas. Kontrollera att det är en verksamhetsplan "
                "i Word-, PDF- eller textformat."
            )
        ) from exc


def _parse(data: bytes, filename: str | None) -> ParseResult:
    from .docx import docx_to_lines
    from .lines import text_to_lines
    from .pdf import pdf_to_text

    kind = detect.sniff(data, filename)
    warnings: list[str] = []
    if kind == "docx":
        lines = docx_to_lines(data)
    elif kind == "pdf":
        text, warnings = pdf_to_text(data)
        _check_lines(text)
        lines = text_to_lines(text, plain=True, max_lines=MAX_LINES)
    else:
        text, warnings = detect.decode(data)
        _check_lines(text)
        lines = text_to_lines(text, max_lines=MAX_LINES)
    built = assemble.build_plan(lines, warnings)
    plan = built.plan
    if uploads.json_shape(plan)[1] > MAX_OBJECTS:
        raise Unreadable(
            gettext(
                "Dokumentet blir fler än %(max)s mål, indikatorer och aktiviteter; ingen plan "
                "är så stor. Kontrollera att det är en verksamhetsplan."
            )
            % {"max": format_number(MAX_OBJECTS)}
        )
    errors = assemble.validate(plan)
    if errors:
        logger.error("legacy import produced an invalid plan: %s", errors)
        raise DocumentError(gettext("Dokumentet kunde inte omvandlas till ett giltigt planformat."))
    return ParseResult(plan, warnings, built.sources if kind == "pdf" else [], built.phone)


def _check_lines(text: str) -> None:
    """Refuse a text of more lines than any plan has, before its lines are read (and again
    once its shape is read: a run-together text is cut into more lines, see lines)."""
    detect.check_line_count(text, MAX_LINES)
