from django.apps import AppConfig


class Config(AppConfig):
    """The dialog between a unit and its approver, one thread per plan and per report."""

    name = "styra.conversations"
    label = "conversations"
    verbose_name = "Dialog om planer och rapporter"

    def ready(self) -> None:
        from styra.audit import trail
        from styra.lib import dialog

        from . import places
        from .models import Message, Thread
        from .panel import panel_for

        # The plan's and report's pages (below this room) ask for their dialog panel here.
        dialog.register(panel_for)
        # A message's entry belongs to the unit, never to the plan's or report's history
        # page: that page is open to readers, who are no party to the dialog.
        trail.register(Thread, place=places.thread)
        trail.register(Message, place=places.message)
