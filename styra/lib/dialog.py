"""The dialog on a plan's or a report's page: the pages ask, the conversations room answers.

The plan page (plans) and the report page (followup) sit below `styra.conversations`,
which owns the threads between a unit and its approver and decides who is a party to
them. The pages ask here what to show the person in their "Dialog" panel; conversations
registers the answer in its AppConfig.ready() (`lib.hooks.Hook`). The answer is the
panel's context, drawn by `conversations/dialog.html#panel`, or None for someone who may
see the plan or report but is no party to its dialog (a reader, a controller): they get
no panel at all.
"""

from typing import Any

from .hooks import Hook

dialog_hook: Hook[[Any, Any], Any] = Hook(
    "The dialog panel of a plan or report", answered_by="styra.conversations"
)
register = dialog_hook.register


def dialog_panel(user: Any, subject: Any) -> Any:
    """The dialog panel of the plan or report for `user`, or None when they are no party."""
    return dialog_hook(user, subject)
