from django.apps import AppConfig


class Config(AppConfig):
    name = "styra.plans"
    label = "plans"

    def ready(self) -> None:
        from styra.audit import trail
        from styra.budget.models import Budget, BudgetRow
        from styra.goals.models import Activity, Goal
        from styra.indicators.models import Indicator, Target

        from . import places
        from .models import Appendix, Plan, Section

        # Everything whose history entries belong to a plan (styra.plans.places).
        trail.register(Plan, place=places.plan)
        trail.register(Section, place=places.plan_part)
        trail.register(Appendix, place=places.plan_part)
        trail.register(Goal, place=places.goal)
        trail.register(Activity, place=places.activity)
        trail.register(Indicator, place=places.indicator)
        trail.register(Target, place=places.target)
        trail.register(Budget, place=places.budget)
        trail.register(BudgetRow, place=places.budget_row)
