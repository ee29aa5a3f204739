from django.apps import AppConfig


class Config(AppConfig):
    name = "styra.followup"
    label = "followup"

    def ready(self) -> None:
        from styra.lib import dependents

        from .dependents import report_data_for

        # The delete services below followup ask through lib.dependents; followup answers.
        dependents.register(report_data_for)
