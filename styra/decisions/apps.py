from django.apps import AppConfig


class Config(AppConfig):
    """Decisions on plans and reports: submit, adopt, approve, reopen, publish.

    The label stays "publication", the app's name before it took every decision: its
    tables, its migration history and the audit trail's object types ("publication.snapshot")
    keep that name in every existing database.
    """

    name = "styra.decisions"
    label = "publication"
    verbose_name = "Beslut, versioner och publicering"
