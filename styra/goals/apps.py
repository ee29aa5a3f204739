from django.apps import AppConfig


class Config(AppConfig):
    name = "styra.goals"
    label = "goals"

    def ready(self) -> None:
        from styra.audit import trail

        from .models import PlanningYear

        # Goals and activities belong to a plan in the audit trail: plans registers them.
        trail.register(PlanningYear)
