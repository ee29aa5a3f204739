"""Swedish number formatting and lenient parsing of numbers people type or paste.

Display uses a decimal comma and a no-break space as the thousands separator
(1 234 567,5). Input accepts "1 234,5", "1234,5", "1234.5" and "-12".
"""

import re
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


def format_number(value, decimals: int | None = None) -> str:
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
