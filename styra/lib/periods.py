"""Follow-up periods and their codes: "2026T1", "2026T2", "2026VB" and months "2026M04".

T1 runs to 30 April, T2 to 31 August and the annual report (VB) covers the
year to 31 December. An indicator is due in a period by its periodicity:
annual ones in VB, half-year ones in T2 and VB, tertial ones in T1, T2 and
VB, monthly ones in every period.

`Period.label` is Swedish whatever the language: documents print it and the audit trail
stores it (ReportingPeriod.__str__). `Period.display_label` is the same label in the
language of the request, for messages on screen.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.dates import MONTHS as MONTH_NAMES
from django.utils.translation import gettext, gettext_lazy

from .dates import MONTHS

TERTIALS = ("T1", "T2", "VB")
_CODE = re.compile(r"^(\d{4})(T1|T2|VB|M(0[1-9]|1[0-2]))$")

LABELS = {"T1": "Tertialrapport 1", "T2": "Tertialrapport 2", "VB": "Verksamhetsberättelse"}
DISPLAY_LABELS = {
    "T1": gettext_lazy("Tertialrapport 1 %(year)s"),
    "T2": gettext_lazy("Tertialrapport 2 %(year)s"),
    "VB": gettext_lazy("Verksamhetsberättelse %(year)s"),
}
DUE = {
    "year": {"VB"},
    "half": {"T2", "VB"},
    "tertial": {"T1", "T2", "VB"},
    "month": {"T1", "T2", "VB"},
    "": {"VB"},
}


@dataclass(frozen=True, order=True)
class Period:
    year: int
    part: str  # "T1", "T2", "VB" or "M01".."M12"

    @classmethod
    def parse(cls, code: str) -> "Period":
        match = _CODE.match((code or "").strip().upper())
        if not match:
            raise ValueError(
                gettext("%(code)s är ingen period (till exempel 2026T1, 2026VB, 2026M04).")
                % {"code": repr(code)}
            )
        return cls(int(match.group(1)), match.group(2))

    @property
    def code(self) -> str:
        return f"{self.year}{self.part}"

    @property
    def is_month(self) -> bool:
        return self.part.startswith("M")

    @property
    def month(self) -> int:
        """The last month the period covers."""
        return int(self.part[1:]) if self.is_month else {"T1": 4, "T2": 8, "VB": 12}[self.part]

    @property
    def default_cutoff(self) -> date:
        """The period's last day (per 30 April, 31 August, 31 December, or the month's end)."""
        month = self.month
        if month == 12:
            return date(self.year, 12, 31)
        return date(self.year, month + 1, 1) - timedelta(days=1)

    @property
    def label(self) -> str:
        if self.is_month:
            return f"{MONTHS[self.month - 1]} {self.year}"
        return f"{LABELS[self.part]} {self.year}"

    @property
    def display_label(self) -> str:
        """The label in the active language ("Tertialrapport 1 2026", "Four-month report 1
        2026", "april 2026", "April 2026")."""
        if self.is_month:
            return f"{MONTH_NAMES[self.month]} {self.year}"
        return DISPLAY_LABELS[self.part] % {"year": self.year}

    @property
    def is_forecast(self) -> bool:
        """In T1 and T2 goal fulfilment is a forecast ("bedöms uppfyllas"); in VB it is a result."""
        return self.part != "VB"

    def __str__(self) -> str:
        return self.code


def period_label(code: str, *, active_language: bool = False) -> str:
    """A stored period code in words: "2026T1" -> "Tertialrapport 1 2026", "2026M03" ->
    "mars 2026"; a value that is no period stays as stored. Names stored with a record (its
    ``__str__``) are Swedish; pages ask for the active language."""
    try:
        period = Period.parse(code)
    except ValueError:
        return str(code)
    return period.display_label if active_language else period.label


def is_due(periodicity: str, period: Period) -> bool:
    """Whether an indicator of this periodicity reports an outcome in this tertial/annual period."""
    return period.part in DUE.get(periodicity or "", {"VB"})


def tertials(year: int) -> list[Period]:
    return [Period(year, part) for part in TERTIALS]
