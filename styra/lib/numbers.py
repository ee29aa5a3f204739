"""Swedish number formatting and lenient parsing of numbers people type or paste.

Display uses a decimal comma and a no-break space as the thousands separator
(1 234 567,5). Input accepts "1 234,5", "1234,5", "1234.5" and "-12".
"""

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

THOUSANDS = "\u00a0"
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_NUMBER = re.compile(r"[-−]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?|[-−]?\d+(?:[.,]\d+)?")


def parse_decimal(text: str | None) -> Decimal | None:
    """Parse a whole string as a number: None when empty, ValueError when not a number."""
    if text is None:
        return None
    s = _SPACES.sub("", str(text)).replace("−", "-")
    if not s:
        return None
    if s.count(",") == 1 and "." not in s:
        s = s.replace(",", ".")
    if not re.fullmatch(r"[-+]?\d+(\.\d+)?", s):
        raise ValueError(f"not a number: {text!r}")
    try:
        return Decimal(s)
    except InvalidOperation as exc:  # pragma: no cover - the regex already guards this
        raise ValueError(f"not a number: {text!r}") from exc


def parse_target_number(text: str | None) -> Decimal | None:
    """The number in a target as written ("65 %", "1 600 st"), or None if it has none or several."""
    if not text:
        return None
    found = _NUMBER.findall(text)
    if len(found) != 1:
        return None
    return parse_decimal(found[0])


def format_number(value: object, decimals: int | None = None) -> str:
    """1234567.5 -> '1 234 567,5' (no-break spaces); None -> ''."""
    if value is None or value == "":
        return ""
    d = Decimal(str(value))
    if decimals is None:
        d = d.normalize()
        exponent = d.as_tuple().exponent
        decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    text = f"{d:,.{decimals}f}"
    return text.replace(",", THOUSANDS).replace(".", ",").replace("-", "−")


# Measures (indicators.Measure) printed after the number; an index prints the bare number.
MEASURE_UNITS = {"%": "%", "st": "st", "kr": "kr", "dagar": "dagar"}
# Words that follow a number in a target without being its unit ("3 av 4", "5 eller fler").
_NOT_UNITS = {"av", "eller", "och", "till", "per", "i", "på", "under", "över", "mot", "from"}
# A number is tried only where it begins (not after a digit, nor after a digit and a
# space): searching from every digit of a long run of them took time quadratic in the
# text (a target of 8 000 digits cost 5 s on every page showing it). The first match and
# its unit are the same, since a match from inside a run is also one from its start.
_UNIT_AFTER_NUMBER = re.compile(
    r"(?<!\d)(?<!\d[ \u00a0\u202f])"
    r"\d(?:[ \u00a0\u202f]?\d)*(?:[.,]\d+)?[ \u00a0\u202f]*(%|[^\W\d_]+\.?)",
    re.UNICODE,
)


def figure_unit(measure: str, target_text: str | None = "") -> str:
    """The unit a figure is shown with: the indicator's measure, else the one its target names.

    "högst 3 minuter" gives "minuter", "minst 90 %" gives "%"; the one place a unit is
    derived from a target's text, so that every page, document and sheet shows the same.
    """
    if measure:
        return MEASURE_UNITS.get(measure, "")
    found = _UNIT_AFTER_NUMBER.search(target_text or "")
    if not found:
        return ""
    unit = found.group(1).rstrip(".")
    return "" if unit.casefold() in _NOT_UNITS else unit


def format_figure(value: object, unit: str = "", decimals: int | None = None) -> str:
    """A figure with its unit: '91,2 %', '3 minuter', '1 200 st'; None -> ''."""
    number = format_number(value, decimals)
    return f"{number}\u00a0{unit}" if number and unit else number


def row_unit(measure: str, targets: Iterable[str | None]) -> str:
    """One unit for a row of figures (a roll-up's units and total): the first a target names."""
    if measure:
        return figure_unit(measure)
    return next((u for u in (figure_unit("", t) for t in targets) if u), "")
