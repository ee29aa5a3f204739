from django.apps import AppConfig


class Config(AppConfig):
    """Internal control (internkontroll): each committee's, and where it wants each unit's,
    yearly risk analysis, its control plan and the follow-up of the controls in the
    reporting periods, and the units' quality guarantees (kvalitetsgarantier).

    Everything here is audited with the node it belongs to (`places.py`), and followup's
    roll-up pages, committee reports and roll-up workbooks show its roll-up
    (`rollup.followup_rollup`, `rollup_report`).
    """

    name = "styra.internal_control"
    label = "internal_control"

    def ready(self) -> None:
        from styra.audit import trail
        from styra.followup import rollup_internal_control
        from styra.plans.guarantees import copy_plan_guarantees, plan_guarantees

        from . import places, rollup, rollup_report
        from .guarantees import copy_plan_guarantees as copy_guarantees
        from .guarantees import plan_guarantee_items
        from .models import (
            CityRisk,
            Control,
            ControlPlan,
            ControlResult,
            GuaranteeOutcome,
            Measure,
            Process,
            QualityGuarantee,
            Risk,
        )

        # The city's risks are the year's, as its periods: in the audit search, no history page.
        trail.register(CityRisk)
        # The plan (below this room) shows, exports and prints the unit's guarantees.
        plan_guarantees.register(plan_guarantee_items)
        copy_plan_guarantees.register(copy_guarantees)

        trail.register(ControlPlan, place=places.control_plan)
        trail.register(Process, place=places.in_control_plan)
        trail.register(Risk, place=places.in_control_plan)
        trail.register(Control, place=places.control)
        trail.register(ControlResult, place=places.result)
        trail.register(Measure, place=places.measure)
        trail.register(QualityGuarantee, place=places.guarantee)
        trail.register(GuaranteeOutcome, place=places.guarantee_outcome)
        # followup's roll-up pages (below this room) show the period's internal control.
        rollup_internal_control.register(rollup.followup_rollup)
        # ... and the committee's report and the roll-up workbooks carry it.
        rollup_internal_control.register_report(rollup_report.committee_report_part)
        rollup_internal_control.register_sheets(rollup_report.rollup_sheets_for)
