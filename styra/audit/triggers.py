"""The append-only audit tables: their triggers are created by migration 0002.

Only `flush` (which empties the whole database, as `styra demo --reset` and
the test runner do) lifts them, for its own duration; see the flush command.
"""

from contextlib import contextmanager

TABLES = ("audit_auditentry", "audit_securityevent")


@contextmanager
def lifted(connection):
    """Without the triggers for the duration of the block (whole-database flush only)."""
    existing = set(connection.introspection.table_names())
    tables = [t for t in TABLES if t in existing]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for table in tables:
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
            try:
                yield
            finally:
                for table in tables:
                    cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
        elif connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name, sql FROM sqlite_master "
                "WHERE type = 'trigger' AND tbl_name IN (%s, %s)",
                TABLES,
            )
            saved = cursor.fetchall()
            for name, _ in saved:
                cursor.execute(f'DROP TRIGGER "{name}"')
            try:
                yield
            finally:
                for _, sql in saved:
                    cursor.execute(sql)
        else:
            yield
