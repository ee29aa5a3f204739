"""With real transactions: a change and its audit entries are committed together or not at all.

The other audit tests run inside the test's own transaction, which never commits; these
commit (transaction=True), so they go through the database backend's commit(), which
writes the entries just before COMMIT (styra.audit.backends).
"""

import pytest
from django.db import DatabaseError, connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from styra.audit import backends, scope
from styra.audit.models import Action, AuditEntry
from styra.organisation.models import Kind, OrgUnit
from styra.plans.models import Section
from styra.plans.services import plan_create, section_create, section_update

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def section(plan_a):
    return section_create(plan=plan_a, heading="Bakgrund")


def _new_entries(since: int) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(pk__gt=since).order_by("pk"))


def _last_pk() -> int:
    return AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def test_it_writes_the_entries_inside_the_transaction_before_commit(section):
    since = _last_pk()
    with CaptureQueriesContext(connection) as queries:
        section_update(section=section, heading="Bakgrund och syfte", text="Text")
    sql = [q["sql"] for q in queries.captured_queries]
    insert = next(i for i, s in enumerate(sql) if s.startswith('INSERT INTO "audit_auditentry"'))
    assert insert < sql.index("COMMIT")
    [entry] = _new_entries(since)
    assert entry.object_id == str(section.pk)
    assert entry.changes["heading"] == ["Bakgrund", "Bakgrund och syfte"]


def test_it_still_writes_one_entry_per_object_per_transaction(org, chain):
    since = _last_pk()
    plan = plan_create(unit=org.unit_b, year=chain.year)  # save, then chain_goals.set
    [entry] = _new_entries(since)
    assert (entry.object_id, entry.action) == (str(plan.pk), Action.CREATE)
    assert entry.changes["chain_goals"] == {"added": [chain.board.pk], "removed": []}


def test_a_rolled_back_savepoint_leaves_no_entry(plan_a):
    since = _last_pk()
    with transaction.atomic():
        kept = section_create(plan=plan_a, heading="Kvar")
        with pytest.raises(RuntimeError), transaction.atomic():
            section_create(plan=plan_a, heading="Ångrad")
            raise RuntimeError
    [entry] = _new_entries(since)
    assert entry.object_id == str(kept.pk)


def _fail_on_audit_insert(execute, sql, params, many, context):
    if sql.startswith('INSERT INTO "audit_auditentry"'):
        # A real database error (PostgreSQL then aborts the transaction), not a stand-in.
        return execute("SELECT * FROM styra_no_such_table", None, False, context)
    return execute(sql, params, many, context)


def test_a_failing_audit_write_rolls_the_change_back(section):
    since = _last_pk()
    with pytest.raises(DatabaseError), connection.execute_wrapper(_fail_on_audit_insert):
        section_update(section=section, heading="Ändrad", text="")
    assert Section.objects.get(pk=section.pk).heading == "Bakgrund"
    assert _new_entries(since) == []
    section_update(section=section, heading="Ändrad", text="")  # the connection is usable
    [entry] = _new_entries(since)
    assert entry.changes == {"heading": ["Bakgrund", "Ändrad"]}


def test_an_error_in_the_audit_code_rolls_the_change_back_too(section, monkeypatch):
    """Not only database errors: Atomic would let another error through and commit on SQLite."""

    def broken(self, merged):
        raise RuntimeError("broken")

    since = _last_pk()
    monkeypatch.setattr(scope.Resolver, "place", broken)
    with pytest.raises(RuntimeError, match="broken"):
        section_update(section=section, heading="Ändrad", text="")
    assert Section.objects.get(pk=section.pk).heading == "Bakgrund"
    assert _new_entries(since) == []
    assert connection.get_autocommit() and not connection.in_atomic_block


def test_a_write_outside_any_transaction_is_logged_right_after_it(org):
    """Autocommit (a plain save() in the shell): no transaction to join, the entry follows."""
    since = _last_pk()
    unit = OrgUnit.objects.create(name="Enhet C", kind=Kind.UNIT, parent=org.dept)
    [entry] = _new_entries(since)
    assert (entry.object_id, entry.action) == (str(unit.pk), Action.CREATE)


def test_the_databases_use_the_audited_backends(monkeypatch):
    assert isinstance(connections["default"], backends.AuditedCommit)
    assert backends.check_engines() == []
    plain = type("Plain", (), {"alias": "other"})()
    monkeypatch.setattr(backends.connections, "all", lambda: [connections["default"], plain])
    [error] = backends.check_engines()
    assert error.id == "audit.E001" and "'other'" in error.msg
