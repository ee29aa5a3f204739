from django.apps import AppConfig


class Config(AppConfig):
    name = "styra.publication"
    label = "publication"
    verbose_name = "Versioner och publicering"
