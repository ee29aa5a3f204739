"""Reading an interchange format's JSON from outside: within its limits, against its schema.

Every styra-*/1 reader (plans, internal control) takes untrusted bytes the same way: the
size before parsing, the nesting and the number of objects after (found without
recursion, so that neither the parser nor the schema check can be driven into a
RecursionError), then the JSON schema, each error said in the user's language with where
it is ("processes/0/risks/2/probability: …"). The work is linear in the file's size. A
format gives its limits and the whole sentences of its refusals (`JsonFormat`), so that no
translation has to fit one format's name into another's sentence.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

import jsonschema
from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from .numbers import format_number
from .uploads import json_shape

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

    StrOrPromise = str | _StrPromise


@dataclass(frozen=True)
class JsonFormat:
    """One format's limits and refusals. The messages take %(size)s (whole MB),
    %(depth)s and %(max)s (the number of objects) respectively."""

    schema: dict[str, Any]
    max_bytes: int
    max_depth: int
    max_objects: int
    not_format: StrOrPromise  # "Filen följer inte formatet …"
    too_large: StrOrPromise
    too_deep: StrOrPromise
    too_many: StrOrPromise


def _where(error: jsonschema.ValidationError) -> str:
    return "/".join(str(p) for p in error.absolute_path) or gettext("dokumentet")


def schema_message(error: jsonschema.ValidationError) -> str:
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


def _too_deep(spec: JsonFormat) -> ValidationError:
    return ValidationError(
        str(spec.too_deep) % {"depth": spec.max_depth},
        code="too_deep",
    )


def validate(data: object, spec: JsonFormat) -> dict[str, Any]:
    """`data` as the format's dict; ValidationError, in the user's language, when it is none.

    The depth first, whoever calls (an import service, a signed preview, a snapshot read
    back): jsonschema recurses once per level and would raise RecursionError on a dict
    nested deeper than the interpreter's stack, however it was made.
    """
    if json_shape(data, stop_at_depth=spec.max_depth)[0] > spec.max_depth:
        raise _too_deep(spec)
    validator = jsonschema.Draft202012Validator(
        spec.schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    messages = [schema_message(error) for error in errors[:10]]
    if messages:
        raise ValidationError([str(spec.not_format), *messages])
    return cast("dict[str, Any]", data)  # every format's top level is an object


def load(raw: bytes | str, spec: JsonFormat) -> object:
    """json.loads within the format's limits: the size before parsing, the depth and the
    number of objects after; what it holds is `validate`'s to check.

    A ValidationError in the user's language when the file is too large or too deeply
    nested; ValueError (as json.loads) when it is no JSON at all.
    """
    if len(raw) > spec.max_bytes:
        raise ValidationError(
            str(spec.too_large) % {"size": spec.max_bytes // (1024 * 1024)}, code="too_large"
        )
    try:
        data: object = json.loads(raw)
    except RecursionError:
        raise _too_deep(spec) from None
    depth, objects = json_shape(data, stop_at_depth=spec.max_depth)
    if depth > spec.max_depth:
        raise _too_deep(spec)
    if objects > spec.max_objects:
        raise ValidationError(
            str(spec.too_many) % {"max": format_number(spec.max_objects)}, code="too_large"
        )
    return data


def parse(raw: bytes | str, spec: JsonFormat) -> dict[str, Any]:
    """The format's dict from a file's bytes, or a ValidationError that says what is wrong."""
    try:
        data = load(raw, spec)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValidationError(
            gettext("Filen är inte giltig JSON: %(error)s") % {"error": exc}, code="not_json"
        ) from None
    return validate(data, spec)
