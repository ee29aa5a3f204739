"""Search also reads activities' follow-up and outcomes' comments: on PostgreSQL their stored
text-search vector (as 0002 keeps one for every searched table) and a trigram index on the
comment for typos, as 0001 gives the other kinds' titles. Nothing on SQLite."""

import importlib

from django.db import migrations

documents = importlib.import_module("styra.search.migrations.0002_stored_documents")
trigrams = importlib.import_module("styra.search.migrations.0001_trigram_indexes")

# (app, model, the searched fields; the first is the title), as search.queries.KINDS has them.
VECTORS = [
    ("followup", "ActivityFollowUp", ("comment",)),
    ("indicators", "Outcome", ("comment",)),
]
TITLES = [(app, model, fields[0]) for app, model, fields in VECTORS]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    documents.add_documents(apps, schema_editor, vectors=VECTORS)
    trigrams.add_trigram_indexes(apps, schema_editor, TITLES)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    trigrams.drop_trigram_indexes(apps, schema_editor, TITLES)
    documents.drop_documents(apps, schema_editor, vectors=VECTORS)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_stored_documents"),
        ("followup", "0007_every_year_has_its_periods"),
        ("indicators", "0006_copied_indicators_and_targets_to_review"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
