from django.apps import AppConfig


class Config(AppConfig):
    name = "styra.indicators"
    label = "indicators"

    def ready(self) -> None:
        from styra.goals import chain_rows

        from .chain_rows import chain_indicator_rows

        # The chain page in goals (a room below) asks for its indicator rows; indicators answers.
        chain_rows.indicator_rows.register(chain_indicator_rows)
