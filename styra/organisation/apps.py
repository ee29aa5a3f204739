from django.apps import AppConfig


class Config(AppConfig):
    name = "styra.organisation"
    label = "organisation"
