"""Print the styra-plan/1 JSON of a legacy document: python -m styra.importer.legacy FILE."""

from __future__ import annotations

import json
import sys

from . import DocumentError, parse_document


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("användning: python -m styra.importer.legacy FIL", file=sys.stderr)
        return 2
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
