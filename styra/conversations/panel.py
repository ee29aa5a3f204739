"""The "Dialog" panel on a plan's or report's page: the thread, newest last, and the reply form.

The pages below this room ask for it through `lib.dialog` (registered in apps.py); the
dialog's own page and its htmx answers draw the same panel.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from styra.accounts.permissions import AnyUser

from .access import is_party
from .forms import MessageForm
from .models import Message
from .subjects import About, Subject, about


@dataclass
class Panel:
    about: About
    form: MessageForm = field(default_factory=MessageForm)
    announce: str = ""  # what the page's live region says after an htmx post

    @cached_property
    def entries(self) -> list[Message]:
        """The thread, read (one query) only where it is drawn: not for a refused reply."""
        where = self.about
        return list(Message.objects.of_subject(where.kind, where.unit.pk, where.key))


def panel_for(user: AnyUser, subject: Subject) -> Panel | None:
    """The panel for a party to the dialog (one query), None for anyone else."""
    where = about(subject)
    if not is_party(user, where.unit):
        return None
    return Panel(where)
