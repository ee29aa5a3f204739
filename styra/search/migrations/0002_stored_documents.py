"""PostgreSQL keeps each searched row's text-search vector in a stored column; nothing on SQLite.

0001 indexed the vector as an expression. The index finds a rare word's rows, but a common
word matches most of a table, and then the planner reads the table instead and computes
every row's vector again (to_tsvector on a plan's whole text: some 30 µs a row, 200 ms for
a city's sections). A stored generated column `search_document` holds the vector, computed
by PostgreSQL whenever the row is written (Django never writes it: it is no model field),
with a GIN index on it; reading the table then costs only the match. search.queries reads
the column (`StoredDocument`).

The column depends on the searched columns: a later migration that changes one of their
types must drop the column first and add it again (`drop_documents` / `add_documents`
below, for the tables it touches).
"""

import importlib

from django.db import migrations

# The kinds and their fields, as 0001 indexed them (a module name starting with a digit is
# imported by name).
VECTORS = importlib.import_module("styra.search.migrations.0001_trigram_indexes").VECTORS
COLUMN = "search_document"


def _tables(apps, vectors=VECTORS):
    """(table, the vector's SQL, index name, 0001's expression index) for each kind."""
    for app, model_name, fields in vectors:
        meta = apps.get_model(app, model_name)._meta
        table = meta.db_table
        # As django.contrib.postgres's SearchVector writes it: each field as text, none
        # ever NULL, joined by a space, Swedish configuration (stemming, stop words).
        text = " || ' ' || ".join(
            f"COALESCE(\"{meta.get_field(name).column}\"::text, '')" for name in fields
        )
        vector = f"to_tsvector('swedish'::regconfig, {text})"
        yield table, vector, f"search_{table}_doc"[:63], f"search_{table}_fts"[:30]


def add_documents(apps, schema_editor, tables=None, vectors=VECTORS):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, vector, index, _old in _tables(apps, vectors):
        if tables is None or table in tables:
            schema_editor.execute(
                f'ALTER TABLE "{table}" ADD COLUMN "{COLUMN}" tsvector '
                f"GENERATED ALWAYS AS ({vector}) STORED"
            )
            schema_editor.execute(f'CREATE INDEX "{index}" ON "{table}" USING gin ("{COLUMN}")')


def drop_documents(apps, schema_editor, tables=None, vectors=VECTORS):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, _vector, _index, _old in _tables(apps, vectors):
        if tables is None or table in tables:
            # The column's index goes with it.
            schema_editor.execute(f'ALTER TABLE "{table}" DROP COLUMN IF EXISTS "{COLUMN}"')


def forwards(apps, schema_editor):
    add_documents(apps, schema_editor)
    if schema_editor.connection.vendor == "postgresql":
        for _table, _vector, _index, old in _tables(apps):
            schema_editor.execute(f'DROP INDEX IF EXISTS "{old}"')


def backwards(apps, schema_editor):
    drop_documents(apps, schema_editor)
    if schema_editor.connection.vendor == "postgresql":
        for table, vector, _index, old in _tables(apps):
            schema_editor.execute(f'CREATE INDEX "{old}" ON "{table}" USING gin (({vector}))')


class Migration(migrations.Migration):
    dependencies = [("search", "0001_trigram_indexes")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
