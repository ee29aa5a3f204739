from django.apps import AppConfig


class Config(AppConfig):
    name = "styra.accounts"
    label = "accounts"
