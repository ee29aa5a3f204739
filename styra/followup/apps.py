from django.apps import AppConfig


class Config(AppConfig):
    name = "styra.followup"
    label = "followup"
