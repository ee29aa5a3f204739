from django.apps import AppConfig


class Config(AppConfig):
    """Search: one box over everything the signed-in person may see.

    It owns no models and writes nothing; it sits at the top because it reads plans, the
    goal chain, indicators, activities and reports, each through the owning room's models,
    narrowed by the same policy as their pages. Its migration only adds PostgreSQL's
    trigram extension and indexes; on SQLite it does nothing.
    """

    name = "styra.search"
    label = "search"
