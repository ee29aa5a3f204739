from django.apps import AppConfig


class Config(AppConfig):
    name = "styra.importer"
    label = "importer"
