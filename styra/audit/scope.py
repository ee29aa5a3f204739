"""Where a changed object belongs: its organisation node, plan and report.

The history pages show a plan's or a report's entries together with those of
their parts (sections, goals, targets, budget rows, assessments...), so each
entry carries those ids. They are resolved when the entry is written, from
the object's last values; a parent deleted in the same transaction is found
among the other changes, since the database no longer has it.

The trail sits low in the import order and knows none of the tracked apps, so it
does not know where their objects belong either: each model's place rule (`Rule`) is
given when the model is registered with the trail (`trail.register(..., place=...)`),
in the AppConfig.ready() of the lowest room that knows every part of the place. A goal's
rule needs the plan of its node and year, so plans registers Goal (styra.plans.places);
an outcome's needs the report its unit hands in for the period, so followup registers
Outcome (styra.followup.places). The rules read through the Resolver, which takes
model classes (real imports, seen by the import check) and caches each lookup for the
batch being written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    from .trail import Merged

Place = tuple[int | None, int | None, int | None]  # unit, plan, report
# A model's place from the resolver, the object's pk and its last value of each field.
Rule = Callable[["Resolver", Any, Callable[[str], Any]], Place]

PLACES: dict[str, Rule] = {}  # by model label, filled by trail.register


class Resolver:
    def __init__(self, merged: list[Merged]) -> None:
        self.known = {(m.model._meta.label_lower, str(m.pk)): m.values() for m in merged}
        self.cache: dict[tuple, Any] = {}

    def field(self, model: type[models.Model], pk: Any, name: str) -> Any:
        """One field of one object: from this transaction's changes, else from the database."""
        if pk is None:
            return None
        label = model._meta.label_lower
        values = self.known.get((label, str(pk)))
        if values is not None and name in values:
            return values[name]
        key = (label, str(pk), name)
        if key not in self.cache:
            self.cache[key] = model._base_manager.filter(pk=pk).values_list(name, flat=True).first()
        return self.cache[key]

    def find(self, model: type[models.Model], **filters: Any) -> Any:
        """The pk of the object of `model` that matches `filters`, or None; once per batch."""
        key = (model._meta.label_lower, *sorted(filters.items()))
        if key not in self.cache:
            self.cache[key] = (
                model._default_manager.filter(**filters).values_list("pk", flat=True).first()
            )
        return self.cache[key]

    def place(self, m: Merged) -> Place:
        rule = PLACES.get(m.model._meta.label_lower)
        if rule is None:
            return None, None, None
        values = m.values()
        instance = m.instance

        def value(name: str) -> Any:
            if name in values:
                return values[name]
            if instance is None:
                return None
            return getattr(instance, instance._meta.get_field(name).attname, None)

        return rule(self, m.pk, value)
