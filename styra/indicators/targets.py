"""A target as written ("högst 3 minuter", "minst 90 %", "öka") read once into what it asks.

Targets are kept as people write them in plans. Status compares an outcome
with what the target asks, so the target's own direction word is read here,
in one place, and every page, roll-up, document and proposal uses the result:

- a bound: "minst 90 %", "lägst 65 %", "≥ 90", "5 eller fler" (at least);
  "högst 3 minuter", "max 5", "≤ 3", "under 2 %", "<5 %" (at most); "över",
  "mer än", "under", "<", ">" are strict;
- a bare number ("80 %", "0"): the indicator's direction says which way;
- a change: "öka", "minska", "högre än föregående år", "lägre än 2018": the
  outcome is compared with the outcome of the year before (or of the year
  named);
- words only ("tas fram av nämnden", "fastställs 2012"), or several numbers
  ("3 av 4"): cannot be judged.

One left-to-right pass of a few regular expressions without nested
repetition over text capped at the field's 200 characters: linear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from styra.lib.numbers import parse_decimal

MAX_LENGTH = 200


class Comparator:
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    # No word: the indicator's direction decides.
    PLAIN = "plain"
    INCREASE = "increase"
    DECREASE = "decrease"
    # Words only, or more numbers than one bound: nothing to compare with.
    NONE = "none"


@dataclass(frozen=True)
class TargetSpec:
    comparator: str
    value: Decimal | None = None
    unit: str = ""
    strict: bool = False
    # A change measured from a named year ("högre än 2018"); None means the year before.
    reference_year: int | None = None
    # The word that gave the direction, as written, for the page to name in a contradiction.
    word: str = ""

    def compared_year(self, year: int) -> int:
        """The year whose outcome a change is measured from, for a target of `year`."""
        return self.reference_year or year - 1

    @property
    def relative(self) -> bool:
        return self.comparator in (Comparator.INCREASE, Comparator.DECREASE)

    @property
    def higher_is_better(self) -> bool | None:
        """What the target's own word says about the direction, None when it has no word."""
        if self.comparator in (Comparator.AT_LEAST, Comparator.INCREASE):
            return True
        if self.comparator in (Comparator.AT_MOST, Comparator.DECREASE):
            return False
        return None


NOTHING = TargetSpec(Comparator.NONE)

_SPACE = re.compile(r"[\s\u00a0\u202f]+")
_NUMBER = re.compile(r"[-−]?\d{1,3}(?:[ ]\d{3})+(?:[.,]\d+)?|[-−]?\d+(?:[.,]\d+)?")
# Words saying the target is still to be set: a year in them ("fastställs 2012") is no bound.
_PENDING = re.compile(r"\b(?:tas fram|fastställs|fastslås|beslutas|bestäms|sätts|saknas)\b")
_AT_MOST = re.compile(
    r"(?:^|\s)(högst|max(?:imalt|imum)?\.?|som mest|inte (?:mer|fler|högre) än|inte över"
    r"|≤|<=|=<)\s*$"
)
_AT_MOST_STRICT = re.compile(
    r"(?:^|\s)(under|mindre än|lägre än|färre än|understiga|understiger|<)\s*$"
)
_AT_LEAST = re.compile(
    r"(?:^|\s)(minst|lägst|min(?:imum)?\.?|som minst|inte (?:mindre|färre|lägre) än|inte under"
    r"|≥|>=|=>)\s*$"
)
_AT_LEAST_STRICT = re.compile(
    r"(?:^|\s)(över|mer än|fler än|högre än|bättre än|överstiga|överstiger|>)\s*$"
)
_OR_MORE = re.compile(r"\beller (?:mer|fler|högre|över|bättre)\b")
_OR_LESS = re.compile(r"\beller (?:mindre|färre|lägre|under)\b")
_INCREASE = re.compile(r"\b(?:öka|ökar|ökning|ökat|höjas|höja|förbättras|förbättra)\b")
_DECREASE = re.compile(r"\b(?:minska|minskar|minskning|minskat|sänkas|sänka|sjunka|sjunker)\b")
_PREVIOUS = re.compile(
    r"\b(högre|bättre|fler|mer|lägre|färre|mindre) än (?:föregående år|fjolåret|förra året"
    r"|året innan|föregående års?)\b"
)
_HIGHER_WORDS = {"högre", "bättre", "fler", "mer"}
_UNIT = re.compile(r"\s*(%|[^\W\d_][^\s]*)")
# Words that follow a number in a target without being its unit ("3 av 4", "5 eller fler").
_NOT_UNITS = {"av", "eller", "och", "till", "per", "i", "på", "under", "över", "mot", "från"}


def parse_target(text: str | None) -> TargetSpec:
    """What a target as written asks of the outcome."""
    s = _SPACE.sub(" ", (text or "")[:MAX_LENGTH]).strip().casefold().replace("−", "-")
    if not s or _PENDING.search(s):
        return NOTHING
    numbers = list(_NUMBER.finditer(s))
    previous = _PREVIOUS.search(s)
    if previous and not numbers:
        higher = previous.group(1) in _HIGHER_WORDS
        return TargetSpec(
            Comparator.INCREASE if higher else Comparator.DECREASE, word=previous.group(0)
        )
    if len(numbers) != 1:
        if not numbers:
            if (found := _INCREASE.search(s)) and not _DECREASE.search(s):
                return TargetSpec(Comparator.INCREASE, word=found.group(0))
            if (found := _DECREASE.search(s)) and not _INCREASE.search(s):
                return TargetSpec(Comparator.DECREASE, word=found.group(0))
        return NOTHING
    number = numbers[0]
    before, after = s[: number.start()], s[number.end() :]
    value = parse_decimal(number.group(0))
    unit = _unit(after)
    comparator, strict, word = Comparator.PLAIN, False, ""
    # The inclusive words first: they hold the negated strict ones ("inte mer än").
    for pattern, found_comparator, found_strict in (
        (_AT_MOST, Comparator.AT_MOST, False),
        (_AT_LEAST, Comparator.AT_LEAST, False),
        (_AT_MOST_STRICT, Comparator.AT_MOST, True),
        (_AT_LEAST_STRICT, Comparator.AT_LEAST, True),
    ):
        if found := pattern.search(before):
            comparator, strict, word = found_comparator, found_strict, found.group(1)
            break
    else:
        if found := _OR_MORE.search(after):
            comparator, word = Comparator.AT_LEAST, found.group(0)
        elif found := _OR_LESS.search(after):
            comparator, word = Comparator.AT_MOST, found.group(0)
        elif (found := _INCREASE.search(before)) and not _DECREASE.search(before):
            comparator, word = Comparator.AT_LEAST, found.group(0)  # "öka till 90 %"
        elif (found := _DECREASE.search(before)) and not _INCREASE.search(before):
            comparator, word = Comparator.AT_MOST, found.group(0)  # "minska till 3"
    # "högre än 2018": a year without a unit after a comparing "än" names the year to beat.
    if (
        strict
        and word.endswith("än")
        and not unit
        and re.fullmatch(r"(?:19|20)\d\d", number.group(0))
    ):
        increase = comparator == Comparator.AT_LEAST
        return TargetSpec(
            Comparator.INCREASE if increase else Comparator.DECREASE,
            reference_year=int(number.group(0)),
            word=word,
        )
    return TargetSpec(comparator, value, unit, strict, word=word)


def _unit(after: str) -> str:
    found = _UNIT.match(after)
    if not found:
        return ""
    unit = found.group(1).rstrip(".,;:")
    return "" if unit in _NOT_UNITS else unit
