from django.apps import AppConfig


class Config(AppConfig):
    name = "styra.goals"
    label = "goals"
