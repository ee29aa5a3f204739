"""Reading styra-plan/1 JSON within what a plan can be: size, depth, objects, the schema."""

import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any, cast

import jsonschema
from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from styra.lib import uploads
from styra.lib.numbers import format_number


@cache
def _schema() -> dict[str, Any]:
    path = Path(__file__).parents[1] / "plan.schema.json"
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


def _where(error: jsonschema.ValidationError) -> str:
    return "/".join(str(p) for p in error.absolute_path) or gettext("dokumentet")


def _schema_message(error: jsonschema.ValidationError) -> str:
    """One schema error in the user's language, prefixed by where it is ("goals/0/title")."""
    where = _where(error)
    if error.validator == "format" and error.validator_value == "date":
        return gettext("%(where)s: %(value)s är inget datum (ÅÅÅÅ-MM-DD).") % {
            "where": where,
            "value": repr(error.instance),
        }
    if error.validator == "required":
        # One error per missing name; jsonschema words it "'goals' is a required property".
        return gettext("%(where)s: uppgift saknas (%(name)s).") % {
            "where": where,
            "name": error.message.split("'")[1],
        }
    if error.validator == "additionalProperties":
        # This validator only ever reports an object against an object schema.
        known = error.schema.get("properties", {}) if isinstance(error.schema, Mapping) else {}
        instance = error.instance if isinstance(error.instance, Mapping) else {}
        unknown = sorted(name for name in instance if name not in known)
        return gettext("%(where)s: okänd uppgift (%(names)s).") % {
            "where": where,
            "names": ", ".join(unknown),
        }
    return gettext("%(where)s: ogiltigt värde %(value)s.") % {
        "where": where,
        "value": repr(error.instance),
    }


def validate_plan_dict(data: object) -> dict[str, Any]:
    """`data` as a styra-plan/1 plan; ValidationError, in the user's language, when it is none."""
    # The depth first, whoever calls (the import service, a signed preview, a snapshot read
    # back): jsonschema recurses once per level and would raise RecursionError on a dict
    # nested deeper than the interpreter's stack, however it was made.
    if uploads.json_shape(data, stop_at_depth=MAX_JSON_DEPTH)[0] > MAX_JSON_DEPTH:
        raise _too_deep()
    validator = jsonschema.Draft202012Validator(
        _schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    messages = [_schema_message(error) for error in errors[:10]]
    if messages:
        raise ValidationError([gettext("Filen följer inte formatet styra-plan/1.")] + messages)
    return cast("dict[str, Any]", data)  # the schema's top level is an object


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


def _too_deep() -> ValidationError:
    return ValidationError(
        gettext(
            "Filen är nästlad djupare än formatet styra-plan/1 tillåter (högst %(depth)s nivåer)."
        )
        % {"depth": MAX_JSON_DEPTH},
        code="too_deep",
    )


def load_plan_json(raw: bytes | str) -> object:
    """json.loads within what a plan can be: its size before parsing, its depth after; what
    it holds is validate_plan_dict's to check.

    A ValidationError in the user's language when the file is too large or too deeply
    nested; ValueError (as json.loads) when it is no JSON at all.
    """
    if len(raw) > MAX_JSON_BYTES:
        raise ValidationError(
            gettext("Filen är större än en plan kan vara (högst %(size)s MB JSON).")
            % {"size": MAX_JSON_BYTES // (1024 * 1024)},
            code="too_large",
        )
    try:
        data: object = json.loads(raw)
    except RecursionError:
        raise _too_deep() from None
    depth, objects = uploads.json_shape(data, stop_at_depth=MAX_JSON_DEPTH)
    if depth > MAX_JSON_DEPTH:
        raise _too_deep()
    if objects > MAX_JSON_OBJECTS:
        raise ValidationError(
            gettext(
                "Filen har fler än %(max)s mål, indikatorer, aktiviteter och andra delar; "
                "ingen plan är så stor."
            )
            % {"max": format_number(MAX_JSON_OBJECTS)},
            code="too_large",
        )
    return data


def parse_plan_json(raw: bytes | str) -> dict[str, Any]:
    try:
        data = load_plan_json(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValidationError(
            gettext("Filen är inte giltig JSON: %(error)s") % {"error": exc}
        ) from None
    return _normalised(validate_plan_dict(data))


def _normalised(data: dict[str, Any]) -> dict[str, Any]:
    """The schema's "integer" admits 2026.0 (JSON has one number type); the year is an int
    from here on, so that messages, the preview's form and its check all read 2026."""
    return {**data, "year": int(data["year"])}
