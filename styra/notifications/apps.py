from django.apps import AppConfig


class Config(AppConfig):
    """Notices: e-mail and the in-app list, the reminders of `styra remind`, preferences."""

    name = "styra.notifications"
    label = "notifications"
    verbose_name = "Aviseringar"

    def ready(self) -> None:
        from styra.audit import trail

        from .models import NoticeSetting

        # A person's choice of what reaches them is theirs, not a node's: no place in the
        # tree. The notices themselves are not tracked: each one follows from a decision or
        # a deadline the trail already holds, and being read is no change to anything.
        trail.register(NoticeSetting)
