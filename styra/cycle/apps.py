from django.apps import AppConfig


class Config(AppConfig):
    """The yearly cycle: opening the next planning year from the last one.

    It owns no models: a new year is goals' PlanningYear with its periods (followup) and
    the goals, indicators, targets and activities it copies, each audited through the
    room that registers it with the trail.
    """

    name = "styra.cycle"
    label = "cycle"
