"""Reading styra-plan/1 JSON within what a plan can be: size, depth, objects, the schema."""

import json
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.translation import gettext_lazy as _

from styra.lib import interchange


@cache
def _schema() -> dict[str, Any]:
    path = Path(__file__).parents[1] / "plan.schema.json"
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


# What a styra-plan/1 file can be. Its deepest value is an indicator of a unit goal
# under the three chain levels (plan, goals, goal, children, ... indicators,
# indicator: 11 levels); a 200-page plan is well under 1 MB, and the importer reads
# at most 4 MB of document text. Beyond these a file is no plan, and nesting deeper
# would only exhaust the parser's and the schema check's recursion.
MAX_JSON_BYTES = 10 * 1024 * 1024
MAX_JSON_DEPTH = 16
# Goals, indicators, activities, budget rows and sections together: a large plan has
# a few hundred. Checking the schema costs about 0.1 ms per object.
MAX_JSON_OBJECTS = 20_000


@cache
def _format() -> interchange.JsonFormat:
    return interchange.JsonFormat(
        schema=_schema(),
        max_bytes=MAX_JSON_BYTES,
        max_depth=MAX_JSON_DEPTH,
        max_objects=MAX_JSON_OBJECTS,
        not_format=_("Filen följer inte formatet styra-plan/1."),
        too_large=_("Filen är större än en plan kan vara (högst %(size)s MB JSON)."),
        too_deep=_(
            "Filen är nästlad djupare än formatet styra-plan/1 tillåter (högst %(depth)s nivåer)."
        ),
        too_many=_(
            "Filen har fler än %(max)s mål, indikatorer, aktiviteter och andra delar; "
            "ingen plan är så stor."
        ),
    )


def validate_plan_dict(data: object) -> dict[str, Any]:
    """`data` as a styra-plan/1 plan; ValidationError, in the user's language, when it is none."""
    return interchange.validate(data, _format())


def load_plan_json(raw: bytes | str) -> object:
    """json.loads within what a plan can be: its size before parsing, its depth after; what
    it holds is validate_plan_dict's to check.

    A ValidationError in the user's language when the file is too large or too deeply
    nested; ValueError (as json.loads) when it is no JSON at all.
    """
    return interchange.load(raw, _format())


def parse_plan_json(raw: bytes | str) -> dict[str, Any]:
    return _normalised(interchange.parse(raw, _format()))


def _normalised(data: dict[str, Any]) -> dict[str, Any]:
    """The schema's "integer" admits 2026.0 (JSON has one number type); the year is an int
    from here on, so that messages, the preview's form and its check all read 2026."""
    return {**data, "year": int(data["year"])}
