from django.apps import AppConfig


class Config(AppConfig):
    name = "styra.plans"
    label = "plans"
