"""What depends on a plan object, and whether a delete may take it: the question every delete asks.

Report data (outcomes, goal assessments, activity and budget follow-ups) hangs on the
plan's goals, indicators, activities and budget rows. The rooms that delete those objects
(goals, indicators, budget, plans) sit below followup, which alone knows the reports and
which of them are decided. So the order is inverted here: this module states the question
(`dependents_of`) and the shape of its answer (`Dependents`, `ConfirmationNeeded`), and
followup registers the function that answers it (`styra.followup.dependents`) in its
AppConfig.ready(), through a `lib.hooks.Hook`. Every delete service calls
`dependents_of(...).clear(...)` itself, inside its own transaction, before it deletes.

Not a signal: the delete needs an answer before it happens (a refusal naming the decided
reports, a question for draft data, or go ahead), raised in the caller's own call and
transaction; a signal's receivers answer nothing, and a missing receiver would let a
delete skip the check in silence. Here a missing answer is an error instead
(ImproperlyConfigured), and the foreign keys' PROTECT stays the last line of defence.
"""

from collections.abc import Callable, Iterable
from typing import Any, Protocol

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from .hooks import Hook

# The kinds of objects a delete names, for its refusal and its question.
GOAL, INDICATOR, ACTIVITY, ROW, PLAN = "goal", "indicator", "activity", "row", "plan"
JUDGING = "judging"  # an indicator's rules for judging and summing its outcomes


class ConfirmationNeeded(ValidationError):
    """The delete would take draft report data with it; ask first, then call again confirmed.

    A ValidationError, so a caller that does not know about confirmation still shows the
    message and deletes nothing.
    """

    def __init__(self, message: str, lines: list[str]) -> None:
        super().__init__(message, code="confirm")
        self.summary = message
        self.lines = lines


class Dependents(Protocol):
    """The data that depends on a set of plan objects, and what deleting them does to it."""

    def refusal(self, subject: str) -> str:
        """The message that refuses the change, naming the decided reports; "" if none."""
        ...

    def draft_summary(self, subject: str) -> str:
        """What goes with the objects from draft reports (and from none); "" if nothing."""
        ...

    def question(self, subject: str) -> ConfirmationNeeded | None:
        """What to ask before the delete, None when nothing goes with it.

        Raises ValidationError naming the reports when a decided one holds data.
        """
        ...

    def clear(self, *, subject: str, confirmed: bool) -> None:
        """Make way for the delete: refuse for decided data, delete confirmed draft data."""
        ...


Finder = Callable[..., Dependents]

# Report data is the one kind of data that hangs on plan objects, so one answer (followup's
# `report_data_for`, registered in its AppConfig.ready()) answers every delete.
dependents_hook: Hook[..., Dependents] = Hook(
    "What depends on these plan objects", answered_by="styra.followup"
)
register = dependents_hook.register


def dependents_of(
    *,
    goals: Iterable[Any] = (),
    indicators: Iterable[Any] = (),
    activities: Iterable[Any] = (),
    rows: Iterable[Any] = (),
) -> Dependents:
    """Everything that depends on these objects and on what is deleted with them."""
    return dependents_hook(goals=goals, indicators=indicators, activities=activities, rows=rows)


def delete_question(subject: str, name: str, **objects: Iterable[Any]) -> ConfirmationNeeded:
    """What a delete asks before anything goes: one question, in a form, for every delete.

    Every delete on the plan and chain pages asks here, in a real form posted back with confirm=1,
    and nowhere else: a browser dialog first would ask twice where report data goes with
    it, cannot say what goes, and is not Styra's page (its buttons are the browser's, not
    in the user's language everywhere). The question names the draft report data that
    goes with the object (styra.followup.dependents) or else just the object; data in a
    submitted or approved report refuses the delete here already (ValidationError).
    `subject` is one of GOAL, INDICATOR, ACTIVITY, ROW, or "section" and "appendix", which
    hold no report data.
    """
    question = dependents_of(**objects).question(subject) if objects else None
    if question is None:
        question = ConfirmationNeeded(str(WILL_GO[subject] % {"name": name}), [])
    return question


WILL_GO = {
    GOAL: gettext_lazy("Målet ”%(name)s” tas bort med sina indikatorer och aktiviteter."),
    INDICATOR: gettext_lazy("Indikatorn ”%(name)s” tas bort med sina årsmål."),
    ACTIVITY: gettext_lazy("Aktiviteten ”%(name)s” tas bort."),
    ROW: gettext_lazy("Budgetraden ”%(name)s” tas bort."),
    "section": gettext_lazy("Avsnittet ”%(name)s” tas bort."),
    "appendix": gettext_lazy("Bilagan ”%(name)s” tas bort."),
}
