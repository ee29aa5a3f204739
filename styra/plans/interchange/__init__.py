"""The styra-plan/1 interchange format: a plan as JSON, out and in.

Export reads the same context as the page and the documents (export); a file is read
within what a plan can be (parsing), and its budget's sums settled as Styra computes them
(budget). Storing a file as a unit's draft is the importer's (importer.services.plan_import).
"""

from .budget import budget_rows_from_dict, settle_budget
from .export import FORMAT, context_to_dict, plan_to_dict
from .parsing import (
    MAX_JSON_BYTES,
    MAX_JSON_DEPTH,
    MAX_JSON_OBJECTS,
    load_plan_json,
    parse_plan_json,
    validate_plan_dict,
)

__all__ = [
    "FORMAT",
    "MAX_JSON_BYTES",
    "MAX_JSON_DEPTH",
    "MAX_JSON_OBJECTS",
    "budget_rows_from_dict",
    "context_to_dict",
    "load_plan_json",
    "parse_plan_json",
    "plan_to_dict",
    "settle_budget",
    "validate_plan_dict",
]
