from django.apps import AppConfig


class Config(AppConfig):
    """Decisions on plans and reports: submit, adopt, approve, reopen, publish.

    The label stays "publication", the app's name before it took every decision: its
    tables, its migration history and the audit trail's object types ("publication.snapshot")
    keep that name in every existing database.
    """

    name = "styra.decisions"
    label = "publication"
    verbose_name = "Beslut, versioner och publicering"

    def ready(self) -> None:
        from styra.internal_control.files import adopted_file
        from styra.plans.adopted import adopted_plan

        from .adopted import plan_as_adopted
        from .files import adopted_control_plan_file

        # The plan page (plans, below decisions) asks for the plan as adopted; decisions answers.
        adopted_plan.register(plan_as_adopted)
        # An adopted internal control plan's downloads and export are its adopted version.
        adopted_file.register(adopted_control_plan_file)
