"""Nothing in Styra changes an entry, and the database refuses to (SQLite and PostgreSQL)."""

import pytest
from django.contrib import admin
from django.db import DatabaseError, connection, transaction

from styra.audit.models import AuditEntry, SecurityEvent
from styra.audit.triggers import lifted


@pytest.fixture
def entries(db):
    entry = AuditEntry.objects.create(
        actor="editor_a",
        action="update",
        object_type="goals.goal",
        object_id="1",
        object_name="Mål",
        changes={"title": ["a", "b"]},
    )
    event = SecurityEvent.objects.create(kind="login", actor="editor_a")
    return entry, event


@pytest.mark.parametrize("table", ["audit_auditentry", "audit_securityevent"])
@pytest.mark.parametrize(
    "sql", ["UPDATE {table} SET actor = 'someone else'", "DELETE FROM {table}"]
)
def test_the_database_refuses_to_change_an_entry(entries, table, sql):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql.format(table=table))
    assert AuditEntry.objects.get().actor == "editor_a"
    assert SecurityEvent.objects.get().actor == "editor_a"


def test_the_orm_is_refused_too(entries):
    entry, _ = entries
    entry.actor = "someone else"
    with pytest.raises(DatabaseError), transaction.atomic():
        entry.save()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get().actor == "editor_a"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")
def test_postgresql_refuses_truncate(entries):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE audit_auditentry")


def test_the_triggers_come_back_after_a_flush(entries):
    with lifted(connection):
        pass
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry")


@pytest.mark.parametrize("model", [AuditEntry, SecurityEvent])
def test_the_admin_is_read_only(rf, model, db):
    from django.contrib.auth import get_user_model

    root = get_user_model().objects.create_superuser("root", password="x-lösen-123")
    request = rf.get("/")
    request.user = root
    model_admin = admin.site._registry[model]
    assert model_admin.has_view_permission(request)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    assert "delete_selected" not in model_admin.get_actions(request)


def test_the_admin_refuses_a_post_to_change_or_delete(client, entries):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    root = get_user_model().objects.create_superuser("root", password="x-lösen-123")
    client.force_login(root)
    entry, _ = entries
    change = reverse("admin:audit_auditentry_change", args=[entry.pk])
    delete = reverse("admin:audit_auditentry_delete", args=[entry.pk])
    assert client.get(change).status_code == 200  # a read-only view
    assert client.post(change, {"actor": "x"}).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.get().actor == "editor_a"
