"""A control's result status in a period, shown the same way everywhere: colour, symbol, words.

The status comes from the result (`ControlResult.status`, or none reported). It is drawn
with the colours of a goal's and an indicator's status (`indicators.status`), so that a
control without deviations looks like a reached target and one with deviations like a
missed one, and always with its symbol and its words: never colour alone (WCAG 1.4.1).
"""

from __future__ import annotations

from dataclasses import dataclass

from styra.indicators.status import SYMBOLS, Status

from .models import ResultStatus

# The order statuses are counted and listed in: what is still to do first.
ORDER = (
    ResultStatus.NOT_REPORTED,
    ResultStatus.NOT_DONE,
    ResultStatus.DEVIATION,
    ResultStatus.NO_DEVIATION,
)

AS_STATUS: dict[ResultStatus, Status] = {
    ResultStatus.NO_DEVIATION: Status.REACHED,
    ResultStatus.NOT_DONE: Status.PARTLY,
    ResultStatus.DEVIATION: Status.NOT_REACHED,
    ResultStatus.NOT_REPORTED: Status.UNKNOWN,
}
# A control not done is no half-reached target: it has a symbol of its own.
SYMBOL: dict[ResultStatus, str] = {
    **{result: SYMBOLS[status] for result, status in AS_STATUS.items()},
    ResultStatus.NOT_DONE: "!",
}


@dataclass(frozen=True)
class ResultMark:
    status: ResultStatus

    @property
    def symbol(self) -> str:
        return SYMBOL[self.status]

    @property
    def label(self) -> str:
        return str(self.status.label)

    @property
    def css(self) -> str:
        return f"status status--{AS_STATUS[self.status].value}"

    def __str__(self) -> str:
        return f"{self.symbol} {self.label}"


MARKS = {status: ResultMark(status) for status in ORDER}
