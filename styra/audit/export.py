"""The audit trail as CSV, for the search page and `styra export-audit`.

Every cell is neutralised (a leading = + - @ tab or CR gets a quote), the
header row included, so that no spreadsheet reads a cell as a formula.
"""

import csv
import json
from collections.abc import Iterable, Iterator
from datetime import UTC

from styra.followup.excel import neutralise

from .models import AuditEntry

HEADERS = (
    "tid (UTC)",
    "användare",
    "användar-id",
    "åtgärd",
    "objekttyp",
    "objekt-id",
    "objekt",
    "ändringar",
    "anrop",
    "IP-adress",
    "sökväg",
)


def rows(entries: Iterable[AuditEntry]) -> Iterator[list[str]]:
    yield list(HEADERS)
    for e in entries:
        yield [
            e.at.astimezone(UTC).isoformat(),
            e.actor,
            "" if e.actor_id is None else str(e.actor_id),
            e.action,
            e.object_type,
            e.object_id,
            e.object_name,
            json.dumps(e.changes, ensure_ascii=False, sort_keys=True),
            e.request_id,
            e.ip or "",
            e.path,
        ]


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(entries: Iterable[AuditEntry]) -> Iterator[str]:
    """CSV lines, one at a time, for a streaming response or a file."""
    writer = csv.writer(_Echo())
    for row in rows(entries):
        yield writer.writerow([neutralise(cell) for cell in row])
