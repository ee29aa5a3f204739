from django.apps import AppConfig


class Config(AppConfig):
    name = "styra.indicators"
    label = "indicators"
