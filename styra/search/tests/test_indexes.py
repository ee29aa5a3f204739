"""Search's migration indexes exactly what search.queries searches."""

import dataclasses
import importlib

import pytest
from django.db import connection

from ..queries import KINDS, Scope, _matching

migration = importlib.import_module("styra.search.migrations.0001_trigram_indexes")


def test_the_migrations_vectors_are_the_kinds_fields():
    indexed = {(app, model, fields) for app, model, fields in migration.VECTORS}
    searched = {(k.model._meta.app_label, k.model.__name__, k.fields) for k in KINDS}
    assert indexed == searched


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's indexes")
@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.key)
def test_postgresql_can_answer_each_kind_from_its_indexes(kind, city_admin):
    """The query's vector is the index's expression: with sequential scans priced out, the
    plan reads the kind's text-search index (a mismatch would leave only a full scan). The
    typo query's trigram index is seen used in benchmarks/bench_search.py's city; on these
    empty tables the planner scans the primary key instead, so it is not asserted here."""
    # Narrowed as most people's searches are: for whoever sees everything the hits come in
    # id order, and on these empty tables the planner then walks the primary key instead.
    scope = dataclasses.replace(Scope.of(city_admin), everything=False)
    rows = _matching(kind, scope, "hemtjänst", ["hemtjänst"])
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert f"search_{kind.model._meta.db_table}_fts"[:30] in plan, plan
