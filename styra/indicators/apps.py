from django.apps import AppConfig


class Config(AppConfig):
    name = "styra.indicators"
    label = "indicators"

    def ready(self) -> None:
        from styra.audit import trail
        from styra.goals.places import owned

        from .models import Indicator, Target

        trail.register(Indicator, place=lambda r, pk, v: owned(r, v("owner"), v("goal")))
        trail.register(
            Target,
            place=lambda r, pk, v: owned(
                r, v("org_unit"), r.field(Indicator, v("indicator"), "goal")
            ),
        )
        # Outcome belongs to its unit's report for the period: followup, which knows the
        # reports, registers it.
