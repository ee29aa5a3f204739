"""Entries as people read them, in Swedish: the forms' field names, choices by their label,
related objects by their name, numbers and times as the rest of Styra shows them.

A page of entries is presented at once (``present_page``), so that the names of the
objects the changes point at are read in one query per kind of object, not one per
value. An object that has since been deleted is named from its own last entry.
"""

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from styra.lib.numbers import format_number
from styra.lib.periods import period_label

from .models import Action, AuditEntry, current_type, stored_types

EMPTY = "–"
# Fields that hold a period's code ("2026T1", "2026M03"): shown in words, as the pages name them.
_PERIOD_FIELDS = {
    "followup.budgetfollowup": {"period"},
    "followup.reportingperiod": {"code"},
    "indicators.outcome": {"period"},
    "publication.snapshot": {"key"},
}
# How trail.system_actor and trail.acting_as write a command's actor and origin.
_SYSTEM = re.compile(r"^system(?::(?P<user>.+))?$")
_VIA = re.compile(r"^via styra (?P<command>\S+) \((?P<system>system(?::[^)]*)?)\)$")


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
    actor: str = ""  # "Kim Berg", "systemet (kommandoraden)"
    origin: str = ""  # the path, or the command a change was made through
    ip: str = ""  # only for administrators
    request_id: str = ""  # only for administrators: it finds the request in the server's log


def _model(object_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(current_type(object_type))
    except (LookupError, ValueError):
        return None


def _field(model, name: str) -> models.Field | None:
    try:
        return model._meta.get_field(name) if model is not None else None
    except FieldDoesNotExist:
        return None


def _capitalised(text) -> str:
    text = str(text)
    return text[:1].upper() + text[1:]


def _label(field: models.Field | None, name: str) -> str:
    return _capitalised(field.verbose_name if field is not None else name)


def _moment(value: str) -> str:
    """ "2026-03-01T10:00:00+00:00" in Swedish time as the app shows times: 2026-03-01 11:00."""
    moment = parse_datetime(value)
    if moment is None:
        return value
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return f"{moment:%Y-%m-%d %H:%M}"


def _shown(field: models.Field | None, value, names: dict) -> str:
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    if field is None:
        return str(value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.name in _PERIOD_FIELDS.get(field.model._meta.label_lower, ()):
        return period_label(str(value), active_language=True)
    if field.is_relation:
        return names.get((field.related_model, str(value)), str(value))
    if isinstance(field, models.DecimalField | models.FloatField):
        try:
            return format_number(value)
        except (ArithmeticError, ValueError):
            return str(value)
    if isinstance(field, models.DateTimeField):
        return _moment(str(value))
    if isinstance(field, models.DateField):
        day = parse_date(str(value)) if not isinstance(value, date | datetime) else value
        return day.isoformat() if day else str(value)
    return str(value)


def _references(entries) -> dict[type[models.Model], set[str]]:
    """The ids each page's changes point at, per related model."""
    wanted: dict[type[models.Model], set[str]] = defaultdict(set)
    for entry in entries:
        model = _model(entry.object_type)
        for name, change in (entry.changes or {}).items():
            field = _field(model, name)
            if field is None or not field.is_relation or field.related_model is None:
                continue
            values = (
                [*change.get("added", ()), *change.get("removed", ())]
                if isinstance(change, dict)
                else list(change)
            )
            wanted[field.related_model].update(str(v) for v in values if v not in (None, ""))
    return wanted


def _names(entries) -> dict[tuple[type[models.Model], str], str]:
    """(model, id) -> the object's name; one query per kind of object, one for the deleted."""
    names: dict[tuple[type[models.Model], str], str] = {}
    missing: dict[str, tuple[type[models.Model], set[str]]] = {}
    for model, ids in _references(entries).items():
        keys = _keys(model, ids)
        # select_related() follows the non-null foreign keys __str__ tends to use.
        found = model._base_manager.select_related().in_bulk(keys) if keys else {}
        for pk, obj in found.items():
            names[(model, str(pk))] = str(obj)
        gone = ids - {str(pk) for pk in found}
        if gone:
            missing[model._meta.label_lower] = (model, gone)
    if missing:
        query = models.Q()
        for label, (_kind, ids) in missing.items():
            query |= models.Q(object_type__in=stored_types(label), object_id__in=ids)
        deleted = AuditEntry.objects.filter(query, action=Action.DELETE).values_list(
            "object_type", "object_id", "object_name"
        )
        for label, object_id, name in deleted:
            names[(missing[current_type(label)][0], object_id)] = _("%(name)s (borttagen)") % {
                "name": name
            }
    for model, ids in missing.values():
        kind = _capitalised(model._meta.verbose_name)
        for object_id in ids:
            placeholder = _("%(kind)s som inte längre finns") % {"kind": kind}
            names.setdefault((model, object_id), placeholder)
    return names


def _keys(model, values: set[str]) -> set:
    """The stored values as the model's primary keys; a value that is no key is left out."""
    keys = set()
    for value in values:
        try:
            keys.add(model._meta.pk.to_python(value))
        except Exception:  # noqa: BLE001, S112 - a stored value that is no key is shown as it is
            continue
    return keys


def actor_label(actor: str) -> str:
    """The actor in words: a command run on the server is "systemet (kommandoraden)"."""
    if _SYSTEM.match(actor):
        return _("systemet (kommandoraden)")
    if actor == "anonym":
        return _("anonym besökare")
    return actor


def origin_label(path: str, *, administrator: bool) -> str:
    """A command's origin as words; the server account it ran under only for administrators."""
    m = _VIA.match(path)
    if not m:
        return path
    system = _SYSTEM.match(m.group("system"))
    account = system.group("user") if system else None
    if administrator and account:
        return _("via kommandot styra %(command)s (serverkontot %(account)s)") % {
            "command": m.group("command"),
            "account": account,
        }
    return _("via kommandot styra %(command)s") % {"command": m.group("command")}


def type_label(object_type: str) -> str:
    """The Swedish name of a kind of object ("Aktivitetsuppföljning"), else its code."""
    model = _model(object_type)
    return _capitalised(model._meta.verbose_name) if model is not None else object_type


def people(entries) -> dict[int, str]:
    """actor_id -> the person's name as Styra shows people ("Vera Vuxengren"), in one query."""
    from django.contrib.auth import get_user_model

    ids = {e.actor_id for e in entries if e.actor_id is not None}
    users = get_user_model().objects.filter(pk__in=ids) if ids else ()
    named = ((user.pk, user.get_full_name()) for user in users)
    return {pk: name for pk, name in named if name}


def present(
    entry: AuditEntry,
    names: dict | None = None,
    *,
    administrator: bool = False,
    persons: dict[int, str] | None = None,
) -> Row:
    names = {} if names is None else names
    model = _model(entry.object_type)
    changes = []
    for name, change in (entry.changes or {}).items():
        field = _field(model, name)
        if isinstance(change, dict):
            shown = [
                [_shown(field, v, names) for v in change.get(key) or ()]
                for key in ("added", "removed")
            ]
            changes.append(FieldChange(_label(field, name), "", "", shown[0], shown[1]))
        else:
            before, after = change
            changes.append(
                FieldChange(
                    _label(field, name), _shown(field, before, names), _shown(field, after, names)
                )
            )
    return Row(
        entry=entry,
        type_label=type_label(entry.object_type),
        changes=changes,
        actor=(persons or {}).get(entry.actor_id) or actor_label(entry.actor),
        origin="" if entry.request_id else origin_label(entry.path, administrator=administrator),
        ip=(entry.ip or "") if administrator else "",
        request_id=entry.request_id if administrator else "",
    )


def present_page(entries, *, administrator: bool) -> list[Row]:
    """A page of entries; addresses (IP) only for administrators."""
    entries = list(entries)
    names, persons = _names(entries), people(entries)
    return [
        present(entry, names, administrator=administrator, persons=persons) for entry in entries
    ]


def object_type_choices() -> list[tuple[str, str]]:
    from .trail import REGISTRY

    choices = [(m._meta.label_lower, _capitalised(m._meta.verbose_name)) for m in REGISTRY]
    return sorted(choices, key=lambda c: c[1])
