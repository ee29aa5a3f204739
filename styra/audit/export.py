"""The audit trail as CSV, for the search page and `styra export-audit`.

Who, what and through which command are written in the words the history uses
(the person's name, "systemet (kommandoraden)", "Aktivitet", "Ändrades"); the account and the
object type are kept as codes in columns of their own ("konto", "objekttypkod"),
so that a script can still filter on them. Only administrators export, so the
server account a command ran under is named, as the history names it to them.

Every cell is neutralised (a leading = + - @ tab or CR gets a quote), the
header row included, so that no spreadsheet reads a cell as a formula.
"""

import csv
import json
from collections.abc import Iterable, Iterator
from datetime import UTC

from styra.lib.spreadsheets import neutralise

from .history import actor_label, origin_label, people, type_label
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
    "konto",
    "objekttypkod",
)


def rows(entries: Iterable[AuditEntry]) -> Iterator[list[str]]:
    yield list(HEADERS)
    known: dict[int, str] = {}  # one query per person the export meets, not one per entry
    for e in entries:
        if e.actor_id is not None and e.actor_id not in known:
            known[e.actor_id] = people([e]).get(e.actor_id, "")
        yield [
            e.at.astimezone(UTC).isoformat(),
            known.get(e.actor_id) or actor_label(e.actor),
            "" if e.actor_id is None else str(e.actor_id),
            e.get_action_display(),
            type_label(e.object_type),
            e.object_id,
            e.object_name,
            json.dumps(e.changes, ensure_ascii=False, sort_keys=True),
            e.request_id,
            e.ip or "",
            origin_label(e.path, administrator=True),
            e.actor,
            e.object_type,
        ]


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(entries: Iterable[AuditEntry]) -> Iterator[str]:
    """CSV lines, one at a time, for a streaming response or a file."""
    writer = csv.writer(_Echo())
    for row in rows(entries):
        yield writer.writerow([neutralise(cell) for cell in row])
