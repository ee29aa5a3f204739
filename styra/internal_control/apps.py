from django.apps import AppConfig


class Config(AppConfig):
    """Internal control (internkontroll): each committee's, and where it wants each unit's,
    yearly risk analysis, its control plan and the follow-up of the controls in the
    reporting periods, and the units' quality guarantees (kvalitetsgarantier).

    Everything here is audited with the node it belongs to (`places.py`), and followup's
    roll-up pages show its roll-up (`rollup.followup_rollup`).
    """

    name = "styra.internal_control"
    label = "internal_control"

    def ready(self) -> None:
        from styra.audit import trail
        from styra.followup import rollup_internal_control

        from . import places, rollup
        from .models import (
            CityRisk,
            Control,
            ControlPlan,
            ControlResult,
            Measure,
            Process,
            Risk,
        )

        trail.register(CityRisk, place=places.city)
        trail.register(ControlPlan, place=places.control_plan)
        trail.register(Process, place=places.in_control_plan)
        trail.register(Risk, place=places.in_control_plan)
        trail.register(Control, place=places.control)
        trail.register(ControlResult, place=places.result)
        trail.register(Measure, place=places.measure)

        rollup_internal_control.register(rollup.followup_rollup)
