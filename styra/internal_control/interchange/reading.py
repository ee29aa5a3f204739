"""An uploaded internal control plan, whatever the file: its styra-internal-control/1 dict
and what its reading warns of.

A JSON file is the format itself (`parsing.py`). Any other file (Word, PDF, text) is an
existing plan document, read best effort by the importer's reader of control plan
documents: the importer sits above this room, so it answers `read_document` in its
AppConfig.ready(). The page and `styra import-internal-control` both come here, so the
two read every file alike; what the reading gives is then stored through the same import
(`import_services.control_plan_import`) as a JSON file is.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from styra.lib.hooks import Hook

from .parsing import MAX_JSON_BYTES, parse_control_plan_json, validate_control_plan_dict

# (the file's bytes, its name) -> (its dict, unvalidated, and the reading's warnings).
read_document: Hook[[bytes, str], tuple[dict[str, Any], list[str]]] = Hook(
    "an internal control plan document read into styra-internal-control/1",
    answered_by="styra.importer",
)

DOCUMENT_SUFFIXES = (".docx", ".pdf", ".txt", ".md", ".text")


def is_json(content: bytes, filename: str) -> bool:
    """A styra-internal-control/1 file: named .json, or an unnamed one that opens as JSON."""
    name = filename.lower()
    if name.endswith(".json"):
        return True
    if name.endswith(DOCUMENT_SUFFIXES):
        return False
    return content.lstrip()[:1] == b"{"


def max_bytes(filename: str) -> int:
    """How much of a file may be read: JSON within its format's limit, a document within
    the uploads' limit (a scanned-in PDF is larger than any plan's JSON)."""
    if filename.lower().endswith(".json"):
        return min(MAX_JSON_BYTES, settings.STYRA_MAX_UPLOAD_BYTES)
    return int(settings.STYRA_MAX_UPLOAD_BYTES)


def read_control_plan_file(content: bytes, filename: str) -> tuple[dict[str, Any], list[str]]:
    """The file's dict and the reading's warnings; ValidationError (a message for the user)
    when it holds no plan."""
    if is_json(content, filename):
        return parse_control_plan_json(content), []
    data, warnings = read_document(content, filename)
    return validate_control_plan_dict(data), warnings
