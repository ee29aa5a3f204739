"""Budget tables: by line (Kostnader/Intäkter/Netto) or by category with sum rows."""

from __future__ import annotations

import re

from . import tables

_MNKR_RE = re.compile(r"\b(?:mnkr|mkr|milj(?:oner|\.)?\s*(?:kr|kronor))\b", re.IGNORECASE)
_TKR_RE = re.compile(r"\b(?:tkr|tusen(?:tal)?\s*kronor|tsek)\b", re.IGNORECASE)
_TOTAL_RE = re.compile(r"^(?:summa|totalt|total|s:a|sum)\b|\btotalt$", re.IGNORECASE)
_AMOUNT_HEAD_RE = re.compile(r"\b(?:budget|belopp|tkr|mnkr|mkr|\d{4})\b", re.IGNORECASE)
_NUMBER_RE = re.compile(
    r"^\(?[-−–]?\s*\d{1,3}(?:[ \u00a0]\d{3})*(?:[.,]\d+)?\)?$|^[-−–]?\d+(?:[.,]\d+)?$"
)


def parse_number(text: str) -> float | None:
    """ "1 300" -> 1300, "7,4" -> 7.4, "−1 200" -> -1200; None when not a number."""
    s = re.sub(r"\s*(?:tkr|mnkr|mkr|kr)\.?$", "", text.strip(), flags=re.I)
    if not s or not _NUMBER_RE.match(s):
        return None
    negative = s.startswith(("-", "−", "–", "("))
    digits = re.sub(r"[^\d,.]", "", s).replace(",", ".")
    if digits.count(".") > 1:
        return None
    try:
        value = float(digits)
    except ValueError:
        return None
    value = -value if negative else value
    return int(value) if value.is_integer() and "." not in digits else value


def _header_index(rows: list[list[str]]) -> tuple[int, list[str | None]] | None:
    for i, row in enumerate(rows[:8]):
        roles: list[str | None] = []
        for j, cell in enumerate(row):
            role = tables.cell_role(cell) if j else None
            if role not in ("costs", "revenues", "net"):
                role = "amount" if j and _AMOUNT_HEAD_RE.search(cell) else None
            roles.append(role)
        if any(roles) and not any(parse_number(c) is not None for c in row[1:] if c):
            return i, roles
    return None


def _category(name: str) -> str | None:
    low = name.casefold()
    if "intäkt" in low:
        return "revenues"
    if "kostnad" in low or "utgift" in low:
        return "costs"
    return None


def parse_budget(rows: list[list[str]]) -> list[dict] | None:
    """Budget rows from a table; None when the table holds no amounts."""
    found = _header_index(rows)
    if found is None:
        start, roles = 0, _guess_roles(rows)
    else:
        start, roles = found[0] + 1, found[1]
    if not any(roles):
        return None
    out: list[dict] = []
    category: str | None = None
    numeric_rows = 0
    for row in rows[start:]:
        name = row[0].strip() if row else ""
        if not name or name.endswith(":"):
            continue  # "Budgetår: 2019" and other key-value lines above the table
        values: dict[str, float] = {}
        text_cells = False
        for j, cell in enumerate(row[1:], 1):
            if j >= len(roles) or not roles[j] or not cell.strip():
                continue
            number = parse_number(cell)
            if number is None:
                text_cells = True
                continue
            role = roles[j] if roles[j] != "amount" else _amount_role(name, category)
            values.setdefault(role, number)  # type: ignore[arg-type]
        if not values:
            if not text_cells:
                category = _category(name) or category
            continue
        item: dict = {"name": name}
        numeric_rows += 1
        for key in ("costs", "revenues", "net"):
            if key in values:
                item[key] = values[key]
        if _TOTAL_RE.search(name):
            item["total"] = True
        out.append(item)
    if found is None and numeric_rows < 2:
        return None
    return out or None


def _amount_role(name: str, category: str | None) -> str:
    low = name.casefold()
    if "netto" in low:
        return "net"
    return category or _category(name) or "net"


def _guess_roles(rows: list[list[str]]) -> list[str | None]:
    widths = [len(r) for r in rows if r and parse_number(r[-1] or "x") is not None]
    if not widths:
        return []
    width = max(set(widths), key=widths.count)
    if width == 4:
        return [None, "costs", "revenues", "net"]
    if width == 2:
        return [None, "amount"]
    return []


def currency_unit(header_text: str, context: str, document: str, rows: list[dict]) -> str:
    """tkr or mnkr: from the table, its surroundings, the document, then the amounts."""
    for text in (header_text, context):
        if _MNKR_RE.search(text) and not _TKR_RE.search(text):
            return "mnkr"
        if _TKR_RE.search(text) and not _MNKR_RE.search(text):
            return "tkr"
    mn, tk = len(_MNKR_RE.findall(document)), len(_TKR_RE.findall(document))
    if mn != tk:
        return "mnkr" if mn > tk else "tkr"
    amounts = [abs(v) for r in rows for k, v in r.items() if k in ("costs", "revenues", "net")]
    decimals = any(isinstance(v, float) for v in amounts)  # "7,0" is written in mnkr
    return "mnkr" if decimals and max(amounts, default=0) < 10_000 else "tkr"
