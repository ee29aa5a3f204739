"""Search's migration indexes exactly what search.queries searches."""

import importlib

from ..queries import KINDS

migration = importlib.import_module("styra.search.migrations.0001_trigram_indexes")


def test_the_migrations_vectors_are_the_kinds_fields():
    indexed = {(app, model, fields) for app, model, fields in migration.VECTORS}
    searched = {(k.model._meta.app_label, k.model.__name__, k.fields) for k in KINDS}
    assert indexed == searched
