"""Search's migration indexes exactly what search.queries searches."""

import importlib

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection

from ..queries import KINDS, StoredDocument, search

MIGRATIONS = ("0001_trigram_indexes", "0003_follow_up_comments")
VECTORS = [
    vector
    for name in MIGRATIONS
    for vector in importlib.import_module(f"styra.search.migrations.{name}").VECTORS
]


def test_the_migrations_vectors_are_the_kinds_fields():
    indexed = {(app, model, fields) for app, model, fields in VECTORS}
    searched = {(k.model._meta.app_label, k.model.__name__, k.fields) for k in KINDS}
    assert indexed == searched


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's indexes")
@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.key)
def test_postgresql_can_answer_each_kind_from_its_indexes(kind):
    """The words' match reads the stored vector (migration 0002), and with sequential scans
    priced out the plan reads the kind's GIN index on it. Asked bare, with no joins: on
    these empty tables the planner may otherwise walk any index that orders a join, which
    is no fault. The typo query's trigram index is seen used in benchmarks/bench_search.py's
    city; here the planner scans the primary key instead, so it is not asserted."""
    words = SearchQuery("hemtjänst", config="swedish", search_type="websearch")
    rows = kind.model.objects.annotate(document=StoredDocument()).filter(document=words)
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert f"search_{kind.model._meta.db_table}_doc"[:63] in plan, plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's stored vectors")
@pytest.mark.django_db
def test_postgresql_stores_each_rows_vector_as_it_is_written(plan_a, city_admin):
    """The generated column follows every write; Django never writes it."""
    section = plan_a.sections.create(heading="Inledning", text="Hemtjänsten växer.", position=9)

    def rows():
        return [h.title for g in search(city_admin, "hemtjänst", only="planer") for h in g.hits]

    assert rows() == ["Inledning"]
    section.text = "Något annat."
    section.save()
    assert rows() == []
