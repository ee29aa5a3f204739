"""PostgreSQL's indexes for search, and the trigram extension; nothing on SQLite.

For each kind search.queries searches (KINDS there; test_indexes checks the two agree): a
GIN index on the kind's Swedish text-search vector, built by Django from the same
`SearchVector(*fields, config="swedish")` the query filters on, so that PostgreSQL finds
matching rows without computing every row's vector; and a GIN trigram index on the kind's
title for `trigram_word_similar` (the `<%` operator: typos). Creating the extension needs
the right to (a superuser, or a database owner on PostgreSQL 13 and later for this trusted
extension).
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations
from django.db.models import CharField, F, TextField
from django.db.models.functions import Cast

# (app, model, the searched fields; the first is the title), as search.queries.KINDS has them.
VECTORS = [
    ("plans", "Section", ("heading", "text")),
    (
        "goals",
        "Goal",
        (
            "title",
            "description",
            "expected_result",
            "method",
            "resources",
            "follow_up",
            "development",
        ),
    ),
    ("indicators", "Indicator", ("name", "description")),
    ("goals", "Activity", ("name",)),
    ("followup", "ReportSection", ("heading", "text")),
    ("followup", "GoalAssessment", ("analysis", "reason")),
]


def _vector_indexes(apps):
    # The same expression as search.queries.search_vector (CharFields cast to text), written
    # out here as a migration must not depend on code that may change after it.
    for app, model_name, fields in VECTORS:
        model = apps.get_model(app, model_name)
        name = f"search_{model._meta.db_table}_fts"[:30]
        columns = [
            Cast(f, TextField()) if isinstance(model._meta.get_field(f), CharField) else F(f)
            for f in fields
        ]
        yield model, GinIndex(SearchVector(*columns, config="swedish"), name=name)

# (app, model, field) of each kind's title, as search.queries searches them; the tables and
# columns are read from the models (a model may keep the table of the room it moved from).
TITLES = [(app, model, fields[0]) for app, model, fields in VECTORS]


def _indexes(apps, titles):
    for app, model, field in titles:
        meta = apps.get_model(app, model)._meta
        table, column = meta.db_table, meta.get_field(field).column
        yield f"search_{table}_{column}_trgm"[:63], table, column


def add_trigram_indexes(apps, schema_editor, titles=TITLES):
    """The typo search's index on each title (also for the kinds later migrations add)."""
    for name, table, column in _indexes(apps, titles):
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin ("{column}" gin_trgm_ops)'
        )


def drop_trigram_indexes(apps, schema_editor, titles=TITLES):
    for name, _table, _column in _indexes(apps, titles):
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for model, index in _vector_indexes(apps):
        schema_editor.add_index(model, index)
    add_trigram_indexes(apps, schema_editor)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    drop_trigram_indexes(apps, schema_editor)
    for model, index in _vector_indexes(apps):
        schema_editor.remove_index(model, index)


class Migration(migrations.Migration):
    dependencies = [
        ("goals", "0007_year_state_and_copied_goals"),
        ("indicators", "0006_copied_indicators_and_targets_to_review"),
        ("plans", "0002_sections_to_review"),
        ("followup", "0007_every_year_has_its_periods"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
