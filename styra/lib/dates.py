"""Swedish dates: ISO in tables (2026-11-22), long form in running text (22 november 2026)."""

from datetime import date

from django.core.management.base import CommandError

MONTHS = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
]


def long_date(value: date | None) -> str:
    if not value:
        return ""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def option_date(text: str | None) -> date | None:
    """A command's date option as written (ÅÅÅÅ-MM-DD), None when it is not given."""
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{text!r} är inte ett datum (ÅÅÅÅ-MM-DD).") from None
