"""Reading styra-internal-control/1 JSON within what a control plan can be: its size, its
depth, its number of objects, then the schema (styra.lib.interchange, as for styra-plan/1)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.translation import gettext_lazy as _

from styra.lib import interchange

# What a styra-internal-control/1 file can be. Its deepest value is a measure's field
# (plan, processes, process, risks, risk, controls, control, results, result, measures,
# measure: 11 levels). A large committee's plan has a few hundred risks and controls and
# is well under 1 MB; a file four times past the largest is still read in well under a
# second (the schema check costs about 0.1 ms per object).
MAX_JSON_BYTES = 4 * 1024 * 1024
MAX_JSON_DEPTH = 12
MAX_JSON_OBJECTS = 20_000


@cache
def _schema() -> dict[str, Any]:
    path = Path(__file__).parents[1] / "internal-control.schema.json"
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


@cache
def _format() -> interchange.JsonFormat:
    return interchange.JsonFormat(
        schema=_schema(),
        max_bytes=MAX_JSON_BYTES,
        max_depth=MAX_JSON_DEPTH,
        max_objects=MAX_JSON_OBJECTS,
        not_format=_("Filen följer inte formatet styra-internal-control/1."),
        too_large=_("Filen är större än en internkontrollplan kan vara (högst %(size)s MB JSON)."),
        too_deep=_(
            "Filen är nästlad djupare än formatet styra-internal-control/1 tillåter "
            "(högst %(depth)s nivåer)."
        ),
        too_many=_(
            "Filen har fler än %(max)s processer, risker, kontrollmoment och andra delar; "
            "ingen internkontrollplan är så stor."
        ),
    )


def validate_control_plan_dict(data: object) -> dict[str, Any]:
    """`data` as a styra-internal-control/1 dict; a ValidationError that says where, if not."""
    return _normalised(interchange.validate(data, _format()))


def parse_control_plan_json(raw: bytes | str) -> dict[str, Any]:
    """A file's styra-internal-control/1 dict, read within the format's limits."""
    return _normalised(interchange.parse(raw, _format()))


def _normalised(data: dict[str, Any]) -> dict[str, Any]:
    """JSON has one number type, so the schema's integers admit 2026.0 and 3.0: ints from
    here on, so that what is stored and said reads 3, not 3.0."""
    processes = [
        {
            **process,
            "risks": [
                {
                    **risk,
                    "probability": _int(risk["probability"]),
                    "consequence": _int(risk["consequence"]),
                }
                for risk in process["risks"]
            ],
        }
        for process in data["processes"]
    ]
    return {**data, "year": int(data["year"]), "processes": processes}


def _int(value: Any) -> int | None:
    return None if value is None else int(value)
