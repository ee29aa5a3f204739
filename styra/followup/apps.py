from django.apps import AppConfig


class Config(AppConfig):
    name = "styra.followup"
    label = "followup"

    def ready(self) -> None:
        from styra.audit import trail
        from styra.goals.services import year_periods
        from styra.indicators.models import Outcome
        from styra.lib import dependents

        from . import places
        from .dependents import report_data_for
        from .models import (
            ActivityFollowUp,
            BudgetFollowUp,
            GoalAssessment,
            Report,
            ReportEvent,
            ReportingPeriod,
            ReportSection,
        )
        from .services import periods_ensure

        # The delete services below followup ask through lib.dependents; followup answers.
        dependents.register(report_data_for)
        # goals.services.year_create asks for a new year's periods; followup owns them.
        year_periods.register(periods_ensure)

        trail.register(ReportingPeriod)
        trail.register(Report, place=places.report)
        trail.register(Outcome, place=places.outcome)
        for part in (ReportEvent, ReportSection, GoalAssessment, ActivityFollowUp):
            trail.register(part, place=places.report_part)
        trail.register(BudgetFollowUp, place=places.budget_follow_up)
