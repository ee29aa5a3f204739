from django.apps import AppConfig


class Config(AppConfig):
    name = "styra.budget"
    label = "budget"
