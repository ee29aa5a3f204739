from django.apps import AppConfig


class Config(AppConfig):
    """The yearly cycle: opening the next planning year from the last one, and its dates.

    A new year is goals' PlanningYear with its periods (followup) and the goals,
    indicators, targets and activities it copies, each audited through the room that
    registers it with the trail. Cycle owns the year's other dates (`YearDate`, the
    calendar Årshjulet) and each person's calendar feed link.
    """

    name = "styra.cycle"
    label = "cycle"

    def ready(self) -> None:
        from styra.audit import trail
        from styra.goals.services import year_dates

        from .models import CalendarFeed, YearDate
        from .services import dates_ensure

        # goals.services.year_create asks for a new year's dates; cycle owns them.
        year_dates.register(dates_ensure)
        trail.register(YearDate)
        # The token's hash is a secret's fingerprint: the trail says only that it changed.
        trail.register(CalendarFeed, mask=("token_hash",))
