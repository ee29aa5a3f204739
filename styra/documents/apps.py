from django.apps import AppConfig


class Config(AppConfig):
    name = "styra.documents"
    label = "documents"
