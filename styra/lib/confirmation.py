"""The question a delete asks before it takes draft report data (or anything) with it."""

from django.core.exceptions import ValidationError


class ConfirmationNeeded(ValidationError):
    """The delete would take draft report data with it; ask first, then call again confirmed.

    A ValidationError, so a caller that does not know about confirmation still shows the
    message and deletes nothing. It lives below every app because services raise it and
    the shared htmx views (lib/htmx_forms.py) answer it with the question.
    """

    def __init__(self, message: str, lines: list[str]) -> None:
        super().__init__(message, code="confirm")
        self.summary = message
        self.lines = lines
