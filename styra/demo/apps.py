from django.apps import AppConfig


class Config(AppConfig):
    name = "styra.demo"
    label = "demo"
