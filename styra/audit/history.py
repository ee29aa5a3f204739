"""Entries as people read them: field names as the forms call them, choices by their label."""

from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext as _

from .models import AuditEntry


@dataclass
class FieldChange:
    label: str
    before: str
    after: str
    added: list | None = None
    removed: list | None = None


@dataclass
class Row:
    entry: AuditEntry
    type_label: str
    changes: list[FieldChange]


def _model(object_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _field(model, name: str) -> models.Field | None:
    try:
        return model._meta.get_field(name) if model is not None else None
    except FieldDoesNotExist:
        return None


def _shown(field: models.Field | None, value) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field is not None and field.is_relation:
        return f"id {value}"
    return str(value)


def _label(field: models.Field | None, name: str) -> str:
    label = str(field.verbose_name) if field is not None else name
    return label[:1].upper() + label[1:]


def present(entry: AuditEntry) -> Row:
    model = _model(entry.object_type)
    changes = []
    for name, change in (entry.changes or {}).items():
        field = _field(model, name)
        if isinstance(change, dict):
            changes.append(
                FieldChange(_label(field, name), "", "", change.get("added"), change.get("removed"))
            )
        else:
            before, after = change
            changes.append(
                FieldChange(_label(field, name), _shown(field, before), _shown(field, after))
            )
    type_label = str(model._meta.verbose_name) if model is not None else entry.object_type
    return Row(entry=entry, type_label=type_label[:1].upper() + type_label[1:], changes=changes)


def object_type_choices() -> list[tuple[str, str]]:
    from .trail import REGISTRY

    choices = [(m._meta.label_lower, str(m._meta.verbose_name).capitalize()) for m in REGISTRY]
    return sorted(choices, key=lambda c: c[1])
