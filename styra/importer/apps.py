from django.apps import AppConfig


class Config(AppConfig):
    name = "styra.importer"
    label = "importer"

    def ready(self) -> None:
        from styra.internal_control.interchange.reading import read_document

        from .control_documents import answer_read_document

        # Internal control (below the importer) reads an uploaded plan document through it.
        read_document.register(answer_read_document)
