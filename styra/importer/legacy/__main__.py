"""Print the styra-plan/1 JSON of a legacy document: python -m styra.importer.legacy FILE.

Runs without Styra's settings: messages are then the Swedish source texts.
"""

from __future__ import annotations

import json
import os
import sys

from django.conf import settings

from . import DocumentError, parse_document


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("användning: python -m styra.importer.legacy FIL", file=sys.stderr)
        return 2
    if not settings.configured and not os.environ.get("DJANGO_SETTINGS_MODULE"):
        settings.configure(USE_I18N=False)  # gettext without a catalogue: the Swedish text
    with open(argv[0], "rb") as fh:
        data = fh.read()
    try:
        result = parse_document(data, argv[0])
    except DocumentError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    for warning in result.warnings:
        print(f"varning: {warning}", file=sys.stderr)
    print(json.dumps(result.plan, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
