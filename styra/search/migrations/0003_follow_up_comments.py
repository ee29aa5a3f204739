"""Search also reads activities' follow-up and outcomes' comments: on PostgreSQL their stored
text-search vector (as 0002 keeps one for every searched table) and a trigram index on the
comment for typos, as 0001 gives the other kinds' titles. Nothing on SQLite."""

import importlib

from django.db import migrations

documents = importlib.import_module("styra.search.migrations.0002_stored_documents")

# (app, model, the searched fields; the first is the title), as search.queries.KINDS has them.
VECTORS = [
    ("followup", "ActivityFollowUp", ("comment",)),
    ("indicators", "Outcome", ("comment",)),
]


def _trigram_indexes(apps):
    for app, model, fields in VECTORS:
        meta = apps.get_model(app, model)._meta
        table, column = meta.db_table, meta.get_field(fields[0]).column
        yield f"search_{table}_{column}_trgm"[:63], table, column


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    documents.add_documents(apps, schema_editor, vectors=VECTORS)
    for name, table, column in _trigram_indexes(apps):
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin ("{column}" gin_trgm_ops)'
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in _trigram_indexes(apps):
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')
    documents.drop_documents(apps, schema_editor, vectors=VECTORS)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_stored_documents"),
        ("followup", "0007_every_year_has_its_periods"),
        ("indicators", "0006_copied_indicators_and_targets_to_review"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
