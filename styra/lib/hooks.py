"""A question a lower room asks and a higher room answers: the one way the import order turns.

Rooms import only rooms below them (docs/architecture.md). Sometimes a lower room must
ask something only a higher room knows: a delete in goals asks followup what report data
hangs on the goal. The lower room then declares a `Hook` (what it asks, with the types of
the question and the answer), and the higher room registers the function that answers it
in its AppConfig.ready(). The caller calls the hook as a plain function, synchronously,
inside its own transaction.

Not a signal: the caller needs the answer, and a hook answers once. A missing answer is an
error (ImproperlyConfigured names the room to install), never a silent "nothing"; a second,
different answer is refused rather than left to win or lose by the order apps load in.
"""

from collections.abc import Callable
from typing import Generic, ParamSpec, TypeVar

from django.core.exceptions import ImproperlyConfigured

P = ParamSpec("P")
R = TypeVar("R")


class Hook(Generic[P, R]):
    """One question with one answer, registered by the room that knows it."""

    def __init__(self, question: str, *, answered_by: str) -> None:
        self.question = question
        self.answered_by = answered_by
        self._answer: Callable[P, R] | None = None

    def register(self, answer: Callable[P, R]) -> Callable[P, R]:
        """Answer the hook with `answer`; the same function again (a second ready()) is a no-op."""
        if self._answer is not None and self._answer is not answer:
            raise ImproperlyConfigured(f"{self.question}: only one answer may be registered.")
        self._answer = answer
        return answer

    @property
    def answered(self) -> bool:
        return self._answer is not None

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        if self._answer is None:
            raise ImproperlyConfigured(
                f"{self.question}: nothing answers it; is {self.answered_by} in INSTALLED_APPS?"
            )
        return self._answer(*args, **kwargs)

    def __repr__(self) -> str:
        return f"<Hook {self.question!r} answered by {self.answered_by}>"
