from django.apps import AppConfig


class Config(AppConfig):
    name = "styra.budget"
    label = "budget"

    def ready(self) -> None:
        from styra.audit import trail
        from styra.goals.places import in_plan

        from .models import Budget, BudgetRow

        trail.register(Budget, place=lambda r, pk, v: in_plan(r, v("plan")))
        trail.register(
            BudgetRow, place=lambda r, pk, v: in_plan(r, r.field(Budget, v("budget"), "plan"))
        )
