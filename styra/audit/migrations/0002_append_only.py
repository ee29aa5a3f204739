"""The database refuses UPDATE and DELETE on the audit tables.

SQLite: BEFORE UPDATE / BEFORE DELETE triggers that RAISE(ABORT). PostgreSQL:
a plpgsql function that raises, called by a BEFORE UPDATE OR DELETE row
trigger and a BEFORE TRUNCATE statement trigger. The SQL is written out here,
not imported, so that this migration keeps doing what it did.
"""

from django.db import migrations

TABLES = ("audit_auditentry", "audit_securityevent")
MESSAGE = "Granskningsloggen kan inte ändras eller tas bort"

POSTGRES_FUNCTION = f"""
CREATE OR REPLACE FUNCTION styra_audit_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '{MESSAGE} (% på %)', TG_OP, TG_TABLE_NAME;
END;
$$
"""


def _statements(vendor: str) -> list[str]:
    if vendor == "sqlite":
        return [
            f"CREATE TRIGGER {table}_no_{op.lower()} BEFORE {op} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{MESSAGE} ({table})'); END"
            for table in TABLES
            for op in ("UPDATE", "DELETE")
        ]
    if vendor == "postgresql":
        return [POSTGRES_FUNCTION] + [
            statement
            for table in TABLES
            for statement in (
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION styra_audit_refuse()",
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION styra_audit_refuse()",
            )
        ]
    raise NotImplementedError(f"Append-only audit tables are not written for {vendor}.")


def install(apps, schema_editor):
    for statement in _statements(schema_editor.connection.vendor):
        schema_editor.execute(statement, params=None)


def remove(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        if vendor == "sqlite":
            for op in ("update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_{op}", params=None)
        elif vendor == "postgresql":
            for name in ("append_only", "no_truncate"):
                schema_editor.execute(
                    f"DROP TRIGGER IF EXISTS {table}_{name} ON {table}", params=None
                )
    if vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS styra_audit_refuse()", params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(install, remove, elidable=False)]
