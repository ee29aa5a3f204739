"""A control's result in a period, marked as a goal's status is: symbol, words and colour.

The colour and symbol are those of the indicator status that says the same (no deviation
as reached, deviations as partly, a control not done as not reached, no report as not
judged), so that a control and a goal that stand alike look alike; the words are the
result's own (`ResultStatus`).
"""

from __future__ import annotations

from dataclasses import dataclass

from styra.indicators.status import SYMBOLS, Status

from .models import ControlResult, ResultStatus

# The order statuses are counted and listed in: what is still to do first.
ORDER = (
    ResultStatus.NOT_REPORTED,
    ResultStatus.NOT_DONE,
    ResultStatus.DEVIATION,
    ResultStatus.NO_DEVIATION,
)

AS_STATUS: dict[ResultStatus, Status] = {
    ResultStatus.NO_DEVIATION: Status.REACHED,
    ResultStatus.DEVIATION: Status.PARTLY,
    ResultStatus.NOT_DONE: Status.NOT_REACHED,
    ResultStatus.NOT_REPORTED: Status.UNKNOWN,
}


@dataclass(frozen=True)
class ResultMark:
    status: ResultStatus

    @property
    def symbol(self) -> str:
        return SYMBOLS[AS_STATUS[self.status]]

    @property
    def label(self) -> str:
        return str(self.status.label)

    @property
    def css(self) -> str:
        return f"status status--{AS_STATUS[self.status].value}"

    def __str__(self) -> str:
        return f"{self.symbol} {self.label}"


MARKS = {status: ResultMark(status) for status in ORDER}


def result_mark(result: ControlResult | None) -> ResultMark:
    return ResultMark(ResultStatus.NOT_REPORTED if result is None else result.status)
