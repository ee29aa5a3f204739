from django.apps import AppConfig


class Config(AppConfig):
    name = "styra.goals"
    label = "goals"

    def ready(self) -> None:
        from styra.audit import trail

        from . import places
        from .models import Activity, Appendix, Goal, Plan, PlanningYear, Section

        trail.register(PlanningYear)
        trail.register(Goal, place=places.goal)
        trail.register(Activity, place=places.activity)
        trail.register(Plan, place=places.plan)
        trail.register(Section, place=places.plan_part)
        trail.register(Appendix, place=places.plan_part)
