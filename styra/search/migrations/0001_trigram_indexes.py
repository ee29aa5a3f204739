"""PostgreSQL's trigram extension and indexes for search's typo matching; nothing on SQLite.

The extension gives `trigram_word_similar` (the `<%` operator), and a GIN trigram index on
each kind's title column lets PostgreSQL find typo matches without reading every row.
Creating the extension needs the right to (a superuser, or a database owner on
PostgreSQL 13 and later for this trusted extension).
"""

from django.db import migrations

# (app, model, field) of each kind's title, as search.queries searches them; the tables and
# columns are read from the models (a model may keep the table of the room it moved from).
TITLES = [
    ("plans", "Section", "heading"),
    ("goals", "Goal", "title"),
    ("indicators", "Indicator", "name"),
    ("goals", "Activity", "name"),
    ("followup", "ReportSection", "heading"),
    ("followup", "GoalAssessment", "analysis"),
]


def _indexes(apps):
    for app, model, field in TITLES:
        meta = apps.get_model(app, model)._meta
        table, column = meta.db_table, meta.get_field(field).column
        yield f"search_{table}_{column}_trgm"[:63], table, column


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in _indexes(apps):
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin ("{column}" gin_trgm_ops)'
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in _indexes(apps):
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [
        ("goals", "0007_year_state_and_copied_goals"),
        ("indicators", "0006_copied_indicators_and_targets_to_review"),
        ("plans", "0002_sections_to_review"),
        ("followup", "0007_every_year_has_its_periods"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
