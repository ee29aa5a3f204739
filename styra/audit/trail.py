"""The audit trail: one entry per changed object per transaction, written as it commits.

Model signals see every save, delete and many-to-many change of the
registered models (`register`, called by each tracked app's AppConfig.ready(): grep
`trail.register(` for the list), whichever path made it (views, htmx, admin, commands,
the importer, the bulk upload). A transaction often touches one object more
than once (get_or_create then save; save then chain_goals.set), so changes
are merged per object and written as one entry each, inside the transaction
just before COMMIT (Styra's database backends call write_before_commit), so
that a change and its entry are stored together or not at all. A change
made in a savepoint that was rolled back is dropped: its on_commit marker is
dropped with the savepoint. A transaction that rolls back leaves nothing.

Outside any transaction (autocommit: a plain save() in the shell, a library
saving without atomic) there is none to join: the entry is written right
after the statement, which is already stored. Styra's services and views
write inside transaction.atomic.

A command that acts for a named user (import-plan --user) says so with acting_as: the
changes made inside the block are recorded as that user's, with the command and the OS
user who ran it in the entry's path ("via styra import-plan (system:root)"). The
context is captured with each change, like the request, and reset when the block ends,
exception or not; a request always takes precedence.

Tests run inside a transaction that never commits: there, running the
on_commit callbacks (django_capture_on_commit_callbacks) writes the entries,
through the trigger that follows the markers.

The "before" values are read from the database in pre_save, so reads (GET
pages) cost nothing. Writes that bypass signals (QuerySet.update,
bulk_create, raw SQL) are not seen: Styra's services do not use them.
"""

from __future__ import annotations

import getpass
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.http import HttpRequest
from django.utils import timezone

from styra.lib.proxies import client_ip

from . import scope
from .models import Action, AuditEntry

logger = logging.getLogger("styra.audit")

# The request being served, set by AuditMiddleware; None in commands and scripts.
current_request: ContextVar[HttpRequest | None] = ContextVar("styra_request", default=None)


@dataclass(frozen=True)
class Acting:
    """A named user a command acts for, and where the command came from."""

    user_id: int | None
    username: str
    origin: str  # "via styra import-plan (system:root)"


# Set by acting_as around a command's writes; None everywhere else.
current_acting: ContextVar[Acting | None] = ContextVar("styra_acting", default=None)


@contextmanager
def acting_as(user, *, via: str) -> Iterator[Acting]:
    """Record the changes made inside the block as `user`'s, made through `styra <via>`.

    For commands that write on a named user's behalf after checking the access policy as
    that user. The OS user who ran the command stays in the entry ("system:<OS user>" in
    its path), so the operator is known too. Outside the block nothing changes.
    """
    acting = Acting(user.pk, user.get_username(), f"via styra {via} ({system_actor()})")
    token = current_acting.set(acting)
    try:
        yield acting
    finally:
        current_acting.reset(token)


MASKED = "(ändrat)"


@dataclass(frozen=True)
class Tracked:
    fields: tuple[models.Field, ...]
    masked: frozenset[str]


REGISTRY: dict[type[models.Model], Tracked] = {}


def register(
    model: type[models.Model], *, exclude=(), mask=(), place: scope.Rule | None = None
) -> None:
    """Log every change of `model`: its editable concrete fields and its many-to-many fields.

    Called from the AppConfig.ready() of the room that knows the model's place (see scope):
    `exclude` leaves fields out, `mask` shows them only as changed, `place` says which
    node, plan and report the entries belong to. Non-editable fields (auto_now
    timestamps, denormalised columns) would only add noise to every entry.
    """
    fields = tuple(
        f
        for f in model._meta.concrete_fields
        if f.editable and not f.primary_key and f.name not in exclude
    )
    REGISTRY[model] = Tracked(fields=fields, masked=frozenset(mask))
    if place is not None:
        scope.PLACES[model._meta.label_lower] = place
    uid = f"styra.audit:{model._meta.label_lower}"
    pre_save.connect(_pre_save, sender=model, dispatch_uid=uid)
    post_save.connect(_post_save, sender=model, dispatch_uid=uid)
    post_delete.connect(_post_delete, sender=model, dispatch_uid=uid)
    for m2m in model._meta.local_many_to_many:
        if m2m.name in exclude:
            continue
        m2m_changed.connect(
            _m2m_changed, sender=m2m.remote_field.through, dispatch_uid=f"{uid}.{m2m.name}"
        )


# --- values -------------------------------------------------------------------------------


def plain(value: Any) -> Any:
    """A JSON value that compares equal for equal field values (65 == 65.0000)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime):
        return (value.astimezone(UTC) if timezone.is_aware(value) else value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, FieldFile):
        return value.name or ""
    return str(value)


def _value(f: models.Field, raw: Any) -> Any:
    try:
        return plain(f.to_python(raw))
    except ValidationError:
        return plain(raw)


def _instance_values(instance, fields) -> dict[str, Any]:
    return {f.name: _value(f, getattr(instance, f.attname)) for f in fields}


def _fields_for(tracked: Tracked, update_fields) -> tuple[models.Field, ...]:
    if update_fields is None:
        return tracked.fields
    return tuple(f for f in tracked.fields if f.name in update_fields)


# --- signal receivers ---------------------------------------------------------------------


def _pre_save(sender, instance, update_fields=None, using=None, **kwargs) -> None:
    """Read the stored row, so that the entry can show what the save changed."""
    before = None
    if not instance._state.adding and instance.pk is not None:
        fields = _fields_for(REGISTRY[sender], update_fields)
        row = (
            sender._base_manager.using(using)
            .filter(pk=instance.pk)
            .values(*(f.attname for f in fields))
            .first()
        )
        if row is not None:
            before = {f.name: _value(f, row[f.attname]) for f in fields}
    instance._styra_audit_before = before


def _post_save(sender, instance, created, update_fields=None, using=None, **kwargs) -> None:
    before = instance.__dict__.pop("_styra_audit_before", None)
    after = _instance_values(instance, _fields_for(REGISTRY[sender], update_fields))
    action = Action.CREATE if created or before is None else Action.UPDATE
    _record(Change(sender, instance.pk, action, before or {}, after, instance=instance), using)


def _post_delete(sender, instance, using=None, **kwargs) -> None:
    before = _instance_values(instance, REGISTRY[sender].fields)
    _record(Change(sender, instance.pk, Action.DELETE, before, {}, instance=instance), using)


def _m2m_changed(sender, instance, action, reverse, model, pk_set, using=None, **kwargs) -> None:
    """Added and removed ids on the owning side (Plan.chain_goals), whichever side changed."""
    owner_model = model if reverse else type(instance)
    m2m = next(f for f in owner_model._meta.local_many_to_many if f.remote_field.through is sender)
    source, target = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
    this, other = (target, source) if reverse else (source, target)
    if action in ("pre_remove", "pre_clear"):
        # remove() reports the ids it was asked for, clear() none: keep those actually linked.
        linked = sender._base_manager.using(using).filter(**{this: instance.pk})
        if action == "pre_remove":
            linked = linked.filter(**{f"{other}__in": pk_set})
        instance.__dict__.setdefault("_styra_audit_unlinked", {})[sender] = set(
            linked.values_list(other, flat=True)
        )
        return
    if action == "post_add":
        added, removed = set(pk_set or ()), set()
    elif action in ("post_remove", "post_clear"):
        added = set()
        removed = instance.__dict__.get("_styra_audit_unlinked", {}).pop(sender, set())
    else:
        return
    if not added and not removed:
        return
    if not reverse:
        changes = [(instance.pk, instance, added, removed)]
    else:
        # The owners changed: one change each, with this object's id added or removed.
        me = {instance.pk}
        changes = [(pk, None, me, set()) for pk in added]
        changes += [(pk, None, set(), me) for pk in removed]
    for pk, obj, add, remove in changes:
        change = Change(owner_model, pk, Action.UPDATE, {}, {}, instance=obj)
        change.m2m[m2m.name] = (add, remove)
        _record(change, using)


# --- batching -----------------------------------------------------------------------------


@dataclass(eq=False)
class Change:
    model: type[models.Model]
    pk: Any
    action: str
    before: dict[str, Any]
    after: dict[str, Any]
    instance: models.Model | None = None
    m2m: dict[str, tuple[set, set]] = field(default_factory=dict)
    at: datetime = field(default_factory=timezone.now)
    request: HttpRequest | None = field(default_factory=current_request.get)
    acting: Acting | None = field(default_factory=current_acting.get)
    kept: bool = False

    def keep(self) -> None:
        """on_commit marker: this change's savepoint was not rolled back."""
        self.kept = True


class _Batch:
    """The changes of one transaction on one connection.

    Written just before COMMIT by write_before_commit, or else (a test's transaction
    never commits) by its last trigger when the on_commit callbacks run.
    """

    def __init__(self, connection) -> None:
        self.connection = connection
        self.hooks = connection.run_on_commit
        self.changes: list[Change] = []
        self.trigger: _Trigger | None = None
        self.flushed = False

    def pending(self) -> bool:
        if self.flushed:
            return False
        if self.connection.run_on_commit is self.hooks:
            return True
        # The list is replaced on commit, on rollback and on a savepoint rollback; only the
        # last keeps our (savepoint-independent) trigger.
        self.hooks = self.connection.run_on_commit
        return any(hook[1] is self.trigger for hook in self.hooks)

    def flush(self) -> None:
        self.flushed = True
        write_changes([c for c in self.changes if c.kept], using=self.connection.alias)


def write_before_commit(connection) -> None:
    """Write the transaction's entries inside it, just before COMMIT (Styra's backends call this).

    A change counts when its on_commit marker is still queued: Django drops the markers
    registered inside a savepoint that was rolled back. Once written, the batch is done;
    its trigger does nothing after COMMIT.
    """
    batch = getattr(connection, "_styra_audit_batch", None)
    if batch is None or not batch.pending():
        return
    queued = {id(getattr(func, "__self__", None)) for _, func, _ in connection.run_on_commit}
    for change in batch.changes:
        change.kept = change.kept or id(change) in queued
    batch.flush()


class _Trigger:
    def __init__(self, batch: _Batch) -> None:
        self.batch = batch

    def __call__(self) -> None:
        if self.batch.trigger is self and not self.batch.flushed:
            self.batch.flush()


def _record(change: Change, using: str | None) -> None:
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        change.kept = True
        write_changes([change], using=connection.alias)
        return
    batch = getattr(connection, "_styra_audit_batch", None)
    if batch is None or not batch.pending():
        batch = connection._styra_audit_batch = _Batch(connection)
    batch.changes.append(change)
    transaction.on_commit(change.keep, using=connection.alias)
    # The trigger goes last and outside every savepoint, so that it runs after every marker
    # whatever was rolled back. (Same tuple as Django's on_commit builds: sids, func, robust.)
    batch.trigger = _Trigger(batch)
    connection.run_on_commit.append((set(), batch.trigger, False))


# --- merging and writing ------------------------------------------------------------------


@dataclass
class Merged:
    model: type[models.Model]
    pk: Any
    first: str
    last: str
    before: dict[str, Any] = field(default_factory=dict)
    after: dict[str, Any] = field(default_factory=dict)
    added: dict[str, set] = field(default_factory=dict)
    removed: dict[str, set] = field(default_factory=dict)
    instance: models.Model | None = None
    at: datetime | None = None
    request: HttpRequest | None = None
    acting: Acting | None = None

    @property
    def action(self) -> str | None:
        if self.first == Action.CREATE:
            return None if self.last == Action.DELETE else Action.CREATE
        return Action.DELETE if self.last == Action.DELETE else Action.UPDATE

    def values(self) -> dict[str, Any]:
        """The object's last known field values: after the change, or before a delete."""
        return {**self.before, **self.after} if self.last != Action.DELETE else self.before


def merge(changes: list[Change]) -> list[Merged]:
    merged: dict[tuple, Merged] = {}
    for change in changes:
        key = (change.model, str(change.pk))
        m = merged.get(key)
        if m is None:
            m = merged[key] = Merged(change.model, change.pk, change.action, change.action)
        else:
            m.last = change.action
        for name, value in change.before.items():
            m.before.setdefault(name, value)
        if change.action == Action.DELETE:
            m.after = {}
        else:
            m.after.update(change.after)
        for name, (add, remove) in change.m2m.items():
            added, removed = m.added.setdefault(name, set()), m.removed.setdefault(name, set())
            for pk in add:
                if pk in removed:
                    removed.discard(pk)
                else:
                    added.add(pk)
            for pk in remove:
                if pk in added:
                    added.discard(pk)
                else:
                    removed.add(pk)
        m.instance = change.instance or m.instance
        m.at, m.request, m.acting = change.at, change.request, change.acting
    return list(merged.values())


def _diff(m: Merged, tracked: Tracked) -> dict[str, Any]:
    action = m.action
    diff: dict[str, Any] = {}
    if action == Action.CREATE:
        pairs = ((name, None, value) for name, value in m.after.items())
    elif action == Action.DELETE:
        pairs = ((name, value, None) for name, value in m.before.items())
    else:
        pairs = (
            (name, m.before.get(name), value)
            for name, value in m.after.items()
            if name in m.before and m.before[name] != value
        )
    for name, before, after in pairs:
        if action != Action.UPDATE and after in (None, "") and before in (None, ""):
            continue
        if name in tracked.masked:
            before, after = (MASKED if before else None), (MASKED if after else None)
        diff[name] = [before, after]
    for name in sorted(set(m.added) | set(m.removed)):
        added, removed = sorted(m.added.get(name, ())), sorted(m.removed.get(name, ()))
        if added or removed:
            diff[name] = {"added": added, "removed": removed}
    return diff


def _name(m: Merged) -> str:
    instance = m.instance
    if instance is None:
        instance = m.model._base_manager.filter(pk=m.pk).first()
    try:
        text = str(instance) if instance is not None else ""
    except ObjectDoesNotExist:  # __str__ follows a relation that was deleted with it
        text = ""
    return (text or f"{m.model._meta.verbose_name} {m.pk}")[:300]


def _actor(request: HttpRequest | None, acting: Acting | None = None) -> tuple[int | None, str]:
    if request is None:
        if acting is not None:
            return acting.user_id, acting.username
        return None, system_actor()
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user.pk, user.get_username()
    return None, "anonym"


def system_actor() -> str:
    """Commands and scripts act as "system:<OS user>"."""
    try:
        return f"system:{getpass.getuser()}"
    except (OSError, KeyError):  # no login name in some containers
        return "system"


def _path(m: Merged) -> str:
    """The request's path, or where a command acting for a user came from."""
    if m.request is not None:
        return m.request.path
    return m.acting.origin if m.acting is not None else ""


def write_changes(changes: list[Change], *, using: str) -> list[AuditEntry]:
    entries = []
    resolver = scope.Resolver(merged := merge(changes))
    for m in merged:
        if m.action is None:
            continue  # created and deleted in the same transaction: nothing to keep
        diff = _diff(m, REGISTRY[m.model])
        if not diff and m.action == Action.UPDATE:
            continue
        actor_id, actor = _actor(m.request, m.acting)
        unit_id, plan_id, report_id = resolver.place(m)
        entries.append(
            AuditEntry(
                at=m.at,
                actor_id=actor_id,
                actor=actor[:200],
                action=m.action,
                object_type=m.model._meta.label_lower,
                object_id=str(m.pk),
                object_name=_name(m),
                changes=diff,
                request_id=getattr(m.request, "request_id", "") if m.request else "",
                ip=client_ip(m.request),
                path=_path(m)[:500],
                unit_id=unit_id,
                plan_id=plan_id,
                report_id=report_id,
            )
        )
    return AuditEntry.objects.using(using).bulk_create(entries)
