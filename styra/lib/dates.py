"""Swedish dates: ISO in tables (2026-11-22), long form in running text (22 november 2026)."""

from datetime import date

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
