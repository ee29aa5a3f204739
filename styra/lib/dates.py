"""Swedish dates: ISO in tables (2026-11-22), long form in running text (22 november 2026)."""

import re
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


def shift_years(value: date | None, years: int) -> date | None:
    """The same day `years` years later (or earlier); 29 February becomes the 28th."""
    if value is None:
        return None
    try:
        return value.replace(year=value.year + years)
    except ValueError:  # 29 February in a year without one
        return value.replace(year=value.year + years, day=28)


_MONTH_NAMES = "|".join(MONTHS)
# Terms and half-years as plans write them: "vt 2026", "ht-26", "våren 2026", "hösten 2026".
_TERMS = r"(?:vt|ht|vår(?:en|terminen)?|höst(?:en|terminen)?)"


def year_mentions(text: str, year: int) -> list[str]:
    """The phrases in `text` that date it to `year`, longest form first, each once.

    "31 december 2026", "mars 2026", "2026-05-31", "vt 2026", "ht-26", "2026T1" and the
    bare "2026": what a text copied into next year's plan must be read for again. A number
    that only contains the year ("120263") is not a mention.
    """
    short = f"{year % 100:02d}"
    pattern = re.compile(
        rf"(?<![\w-])(?:"
        rf"\d{{1,2}}\s+(?:{_MONTH_NAMES})\s+{year}"
        rf"|(?:{_MONTH_NAMES})\s+{year}"
        rf"|{_TERMS}\s*-?\s*(?:{year}|{short})"
        rf"|{year}-\d{{2}}-\d{{2}}"
        rf"|{year}(?:T1|T2|VB)"
        rf"|{year}"
        rf")(?![\w])",
        re.IGNORECASE,
    )
    found: list[str] = []
    for match in pattern.finditer(text or ""):
        phrase = " ".join(match.group(0).split())
        if phrase.casefold() not in {f.casefold() for f in found}:
            found.append(phrase)
    return found
