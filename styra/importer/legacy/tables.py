"""Indicator, activity and budget tables: headers, rows and PDF text without cells.

A table reaches this module either as cells (tabs, pipes, HTML, Word) or as
lines of PDF text whose columns are run together with spaces; the second kind
is cut into cells from the right, where the values have a known shape.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from . import vocab
from .blocks import Line, Table

# Header words and the column role they name; order matters (longest first).
_ROLE_WORDS: tuple[tuple[str, str], ...] = (
    (r"kf\s*:?\s*s\s+års?mål|kf\s*:?\s*s\s+mål|stadens\s+årsmål|kf-mål", "city_target"),
    (r"kf\s*:?\s*s(?!\s*(?:indikator|aktivitet|mål\s+för|inriktning))", "city_target"),
    (r"periodicitet|period|frekvens|mätperiod", "period"),
    (r"årsmål|målvärde|målnivå|nämndens\s+årsmål|enhetens\s+årsmål", "target"),
    (r"start\s*-?\s*datum|startdatum|start", "start"),
    (r"slut\s*-?\s*datum|slutdatum|slut", "end"),
    (r"kostnader|kostnad|utgifter", "costs"),
    (r"intäkter|intäkt", "revenues"),
    (r"netto(?:kostnad)?|nettobudget|netto\s*kostnad", "net"),
    (r"indikatorer|indikator|nyckeltal|mått", "indicator"),
    (r"aktiviteter|aktivitet", "activity"),
)
_ROLE_RES = [(re.compile(rf"(?<![\w])(?:{p})(?![\w])", re.IGNORECASE), r) for p, r in _ROLE_WORDS]
_HEADER_FILLER = re.compile(
    r"(?<![\w])(?:kf:?s|nämndens|enhetens|stadens|budget|belopp|tkr|mnkr|anges|i|och|mål|"
    r"datum|års|\d{4})(?![\w])",
    re.IGNORECASE,
)


_AMOUNT_HEADER_RE = re.compile(r"(?=.*\b(?:tkr|mnkr|mkr)\b)(?=.*\b(?:budget|belopp)\w*)", re.I)


def _roles_in(text: str) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for rx, role in _ROLE_RES:
        for m in rx.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append((m.start(), role))
    return sorted(found)


def header_role_count(text: str) -> int:
    """How many distinct column roles a short line names; 0 for running text."""
    if len(text) > 120 or text.endswith("."):
        return 0
    if _AMOUNT_HEADER_RE.match(text) and len(text) < 80:
        return 2
    roles = _roles_in(text)
    if not roles:
        return 0
    rest = text
    for rx, _ in _ROLE_RES:
        rest = rx.sub(" ", rest)
    rest = _HEADER_FILLER.sub(" ", rest)
    if len(re.findall(r"\w+", rest)) > 1:
        return 0
    return len({r for _, r in roles})


def header_roles(text: str) -> list[str]:
    """The column roles a header line names, in the order it names them."""
    return [role for _, role in _roles_in(text)]


def cell_role(cell: str) -> str | None:
    roles = _roles_in(cell.strip())
    return roles[0][1] if roles else None


def table_kind(roles: list[str | None]) -> str | None:
    present = set(roles)
    if present & {"period", "target", "city_target"}:
        return "indicator"
    if present & {"start", "end"}:
        return "activity"
    if len(present & {"costs", "revenues", "net"}) >= 1:
        return "budget"
    return None


PERIOD_WORDS = {p.casefold() for p in vocab.PERIODS} | {"månadsvis", "kvartalsvis", "årsvis"}
TEXT_TARGETS: tuple[tuple[str, ...], ...] = (
    ("tas", "fram", "av", "nämnderna"),
    ("tas", "fram", "av", "nämnden"),
    ("tas", "fram", "av", "nämnd"),
    ("tas", "fram", "av", "#word"),  # "nämnd/styrelse", "förvaltningen"
    ("tas", "fram"),
    ("fastställs", "#year"),
    ("fastställs",),
    ("ska", "öka"),
    ("ska", "minska"),
    ("öka",),
    ("ökar",),
    ("ökning",),
    ("minska",),
    ("minskar",),
    ("minskning",),
    ("bibehålla",),
    ("behålla",),
    ("oförändrat",),
    ("-",),
    ("–",),
)
_UNITS = {
    "%", "st", "st.", "kr", "kr.", "tkr", "mnkr", "sek", "dagar", "dag", "dgr", "dygn", "timmar",
    "tim", "h", "min", "minuter", "veckor", "index", "procent", "poäng", "p", "kwh", "kvm",
    "m2", "ggr", "gånger", "personer", "pers", "ärenden", "platser", "procentenheter",
}  # fmt: skip
_NUM_TOKEN = re.compile(r"^[<>≤≥~]?[-−]?\d+(?:[.,]\d+)?%?$")
_GROUP3 = re.compile(r"^\d{3}$")
_LEAD_GROUP = re.compile(r"^[-−]?\d{1,3}$")


def is_value_text(text: str) -> bool:
    """Whether a line is nothing but a table value (a number, date, period word)."""
    s = text.strip().casefold()
    if s in PERIOD_WORDS:
        return True
    toks = s.split()
    if toks and all(re.fullmatch(_DATE_PATTERN, t) for t in toks):
        return True
    return bool(toks) and _take_value(toks, len(toks)) == 0


def is_worded_target(text: str) -> bool:
    """A target in the words the city writes its targets in ("öka", "fastställs 2025")."""
    tokens = text.split()
    return bool(tokens) and _take_phrase(tokens, len(tokens)) == 0


def _take_phrase(tokens: list[str], end: int) -> int | None:
    low = [t.casefold() for t in tokens[:end]]
    for phrase in TEXT_TARGETS:
        k = len(phrase)
        if k > len(low):
            continue
        tail = low[len(low) - k :]
        if all(
            p == t
            or (p == "#year" and re.fullmatch(r"\d{4}", t))
            or (p == "#word" and re.fullmatch(r"[a-zåäö/-]+", t))
            for p, t in zip(phrase, tail, strict=True)
        ):
            return len(low) - k
    return None


def _is_unit(token: str) -> bool:
    return token.casefold() in _UNITS or bool(re.fullmatch(r"[a-zåäö]+/[a-zåäö0-9²]+", token, re.I))


def _take_value(tokens: list[str], end: int) -> int | None:
    """Start index of a value ending at `end` ("9 000 st", "42 %", "öka"), else None."""
    start = _take_phrase(tokens, end)
    if start is not None:
        return start
    j = end
    if j > 0 and _is_unit(tokens[j - 1]):
        if j < 2 or not _NUM_TOKEN.match(tokens[j - 2]):
            return None
        j -= 1
    if j == 0 or not _NUM_TOKEN.match(tokens[j - 1]):
        return None
    j -= 1
    while j > 0 and _GROUP3.match(tokens[j]) and _LEAD_GROUP.match(tokens[j - 1]):
        j -= 1
        if not _GROUP3.match(tokens[j]):
            break
    return j


@dataclass
class _Spec:
    kind: str
    roles: list[str]  # value roles in column order (after the name)
    city: bool = False  # the city's (KF's) indicators: its target is the one they carry


def parse_spaced_row(text: str, spec: _Spec) -> list[str] | None:
    """Cut a row whose columns are run together with spaces; None if it has no values."""
    if spec.kind == "activity":
        return _activity_row(text, spec)
    if spec.kind == "budget":
        return _budget_row(text, spec)
    return _indicator_row(text, spec)


def _indicator_row(text: str, spec: _Spec) -> list[str] | None:
    tokens = text.split()
    end = len(tokens)
    values: dict[str, str] = {}
    if "period" in spec.roles and end and tokens[end - 1].casefold() in PERIOD_WORDS:
        values["period"] = tokens[end - 1]
        end -= 1
    found: list[str] = []
    while len(found) < 2 and end > 1:
        start = _take_value(tokens, end)
        if start is None or start == 0:
            break
        found.insert(0, " ".join(tokens[start:end]))
        end = start
    if not values and not found:
        return None
    value_roles = [r for r in spec.roles if r in ("target", "city_target")]
    if len(found) >= 2 and len(value_roles) >= 2:
        values[value_roles[0]], values[value_roles[1]] = found[-2], found[-1]
    elif found:
        # One value of two columns: the city's target in a table of KF's indicators (they
        # always carry it; the unit's may be unset) and where it is worded as the city words
        # its targets ("öka", "tas fram av nämnden"); else the table's owner's own.
        textual = _take_phrase(found[-1].split(), len(found[-1].split())) is not None
        own = "target" if "target" in value_roles else (value_roles or ["target"])[0]
        city = (spec.city or textual) and "city_target" in value_roles
        values["city_target" if city else own] = found[-1]
    name = " ".join(tokens[:end])
    return [name] + [values.get(r, "") for r in spec.roles]


_DATE_PATTERN = r"(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{8})"
DATE_PATTERN = _DATE_PATTERN  # a date as a table's cell writes it
# The name ends in a non-space: a lazy "(.*?)\s+" retried the whole run of spaces from
# each of its characters, quadratic in a long run of blanks (8 000 cost 4 s).
_ACTIVITY_RE = re.compile(rf"^(.*?\S)\s+({_DATE_PATTERN})(?:\s+({_DATE_PATTERN}))?\s*$")


def _activity_row(text: str, spec: _Spec) -> list[str] | None:
    m = _ACTIVITY_RE.match(text)
    if not m or not m.group(1).strip():
        return None
    dates = [d for d in (m.group(2), m.group(3)) if d]
    values = dict(zip([r for r in spec.roles if r in ("start", "end")], dates, strict=False))
    return [m.group(1).strip()] + [values.get(r, "") for r in spec.roles]


_AMOUNT_TOKEN = re.compile(r"^[-−]?\d+(?:[.,]\d+)?$")


def _budget_row(text: str, spec: _Spec) -> list[str] | None:
    tokens = text.split()
    j = len(tokens)
    while j > 0 and _AMOUNT_TOKEN.match(tokens[j - 1]):
        j -= 1
    if j == 0 or j == len(tokens):
        return None if j == len(tokens) and not tokens else [text] + [""] * len(spec.roles)
    numbers = group_amounts(tokens[j:], len(spec.roles))
    cells = assign_amounts(numbers, spec.roles)
    return [" ".join(tokens[:j])] + cells


def group_amounts(tokens: list[str], columns: int) -> list[str]:
    """Group "7 400 400 7 000" into amounts, preferring `columns` of them."""
    options: list[list[str]] = []

    def walk(i: int, acc: list[str]) -> None:
        if len(options) > 200:
            return
        if i == len(tokens):
            options.append(acc)
            return
        walk(i + 1, acc + [tokens[i]])
        k = i + 1
        if _LEAD_GROUP.match(tokens[i]):
            while k < len(tokens) and _GROUP3.match(tokens[k]):
                walk(k + 1, acc + [" ".join(tokens[i : k + 1])])
                k += 1

    walk(0, [])
    fitting = [o for o in options if len(o) == columns]
    if fitting:
        consistent = [o for o in fitting if _balanced(o)]
        return (consistent or fitting)[0]
    return min(options, key=lambda o: abs(len(o) - columns)) if options else []


def _balanced(amounts: list[str]) -> bool:
    if len(amounts) != 3:
        return True
    try:
        costs, revenues, net = (float(a.replace(" ", "").replace(",", ".")) for a in amounts)
    except ValueError:
        return False
    return abs(costs - revenues - net) < 0.051 * max(1.0, abs(costs))


def assign_amounts(numbers: list[str], roles: list[str]) -> list[str]:
    """Place fewer amounts than columns: 0,3 0,3 under costs/revenues/net is costs and net."""
    if len(numbers) >= len(roles):
        return numbers[: len(roles)]
    cells = [""] * len(roles)
    if roles == ["costs", "revenues", "net"] and len(numbers) == 2:
        a, b = (_float(x) for x in numbers)
        if a is not None and b is not None and abs(a - b) < 1e-9:
            cells[0], cells[2] = numbers
            return cells
        if a is not None and b is not None and abs(a + b) < 1e-9:
            cells[1], cells[2] = numbers
            return cells
    cells[: len(numbers)] = numbers
    return cells


def _float(text: str) -> float | None:
    try:
        return float(text.replace(" ", "").replace(",", ".").replace("−", "-"))
    except ValueError:
        return None


def is_amount_header(text: str) -> bool:
    """A budget's header that names its amounts' unit alone ("Belopp i mnkr")."""
    return bool(_AMOUNT_HEADER_RE.match(text)) and not _roles_in(text) and len(text) < 80


def _spec_from_header(text: str) -> _Spec | None:
    if is_amount_header(text):
        return _Spec("budget", ["amount"])
    roles = [r for _, r in _roles_in(text)]
    kind = table_kind(roles)  # type: ignore[arg-type]
    if kind is None:
        return None
    values = [r for r in roles if r not in ("indicator", "activity")]
    if kind == "budget":
        values = [r for r in values if r in ("costs", "revenues", "net")]
    return _Spec(kind, values, city=bool(_CITY_INDICATORS_RE.search(text)))


_CITY_INDICATORS_RE = re.compile(r"(?i)\b(?:kf\s*:?\s*s|stadens|kommunfullmäktiges)\s+indikator")


def is_city_indicators(text: str) -> bool:
    """A header naming the city's (KF's) indicators: "KF:s indikatorer"."""
    return bool(_CITY_INDICATORS_RE.search(text))


def _stops(ln: Line) -> bool:
    t = ln.text
    return bool(
        ln.heading
        or ln.cells is not None
        or vocab.match_label(t)
        or vocab.match_narrative(t)
        or vocab.BUDGET_HEADING_RE.match(t)  # "Budget 2026" after the last row
        or header_role_count(t) >= 2
    )


HEADER_SV = {
    "target": "Årsmål",
    "city_target": "KF:s årsmål",
    "period": "Periodicitet",
    "start": "Startdatum",
    "end": "Slutdatum",
    "costs": "Kostnader",
    "revenues": "Intäkter",
    "net": "Netto",
    "amount": "Budget",
}


def capture_spaced(lines: list[Line], i: int, width: int | None) -> tuple[Table, int] | None:
    """Read a table from PDF text lines starting at the header line `i`."""
    spec = _spec_from_header(lines[i].text)
    if spec is None or not spec.roles:
        return None
    name = {"indicator": "Indikator", "activity": "Aktivitet"}.get(spec.kind, "")
    rows: list[list[str]] = [[name, *(HEADER_SV[r] for r in spec.roles)]]
    positions = _header_starts(lines[i].raw, spec)
    j = i + 1
    # Header cells split over lines ("KF:s" / "årsmål") leave a line of header words.
    while (
        spec.kind != "budget"  # "Intäkter" under a budget header is a category, not a header
        and j < len(lines)
        and not lines[j].blank
        and _header_words_only(lines[j].text)
    ):
        j += 1
    layout = len(positions) == len(spec.roles) + 1
    from .lines import Wrapped

    # The last row's cells while lines wrap into it: joined once at the end of the
    # row, not copied again on every wrapped line.
    wrapped: list[Wrapped] | None = None

    def wrap_last() -> list[Wrapped]:
        nonlocal wrapped
        if wrapped is None:
            wrapped = [Wrapped(c) for c in rows[-1]]
            rows[-1] = wrapped  # type: ignore[assignment]  # truthiness still tells filled cells
        return wrapped

    def end_row() -> None:
        nonlocal wrapped
        if wrapped is not None:
            rows[-1] = [str(w) for w in wrapped]
            wrapped = None

    while j < len(lines):
        ln = lines[j]
        if ln.blank:
            k = _next_nonblank(lines, j)
            if k is None or _stops(lines[k]) or not _row_starts(lines, k, spec, positions, layout):
                break
            j = k
            continue
        if _stops(ln):
            break
        if layout:
            cells = _cut_by_positions(ln.raw, positions)
            kind = _layout_line_kind(cells, rows, lines, j, spec, positions)
            if kind == "row":
                end_row()
                rows.append(cells)  # type: ignore[arg-type]
            elif kind == "more":
                for cell, more in zip(wrap_last(), cells, strict=True):  # type: ignore[arg-type]
                    if more:
                        cell.add(more)
            else:
                break
            j += 1
            continue
        # A row's name starts with a capital: a line in lower case goes on with the name
        # above, whose cell the page broke ("som är delaktiga i" / page foot and head /
        # "planeringen av sina insatser"), unless it is a value of its own.
        lower = ln.text[:1].islower() or ln.text[:1] == "("
        if len(rows) > 1 and lower and not _values_only(ln.text):
            wrap_last()[0].add(ln.text)
            j += 1
            continue
        got = _row_at(lines, j, spec)
        if got is None:
            if len(rows) > 1 and lower:
                wrap_last()[0].add(ln.text)
                j += 1
                continue
            break
        end_row()
        row, j = got
        rows.append(row)
    end_row()
    if len(rows) == 1:
        return None
    return Table(rows, spaced=True), j


def _layout_line_kind(
    cells: list[str] | None,
    rows: list[list[str]],
    lines: list[Line],
    j: int,
    spec: _Spec,
    positions: list[int],
) -> str:
    """ "row" (a new row), "more" (a wrapped cell of the last row) or "end"."""
    if cells is None:
        return "end"
    name = cells[0]
    lower = bool(name) and (name[:1].islower() or name[:1] in "(-–&/")
    values = any(cells[1:])
    if spec.kind == "budget":
        if values and name:
            return "row"
        if name and len(name) <= 40:
            k = _next_nonblank(lines, j + 1)
            nxt = _cut_by_positions(lines[k].raw, positions) if k is not None else None
            if nxt is not None and any(nxt[1:]):
                return "row"  # a category line ("Intäkter") above its rows
        return "end"
    if values and name and not lower and (len(rows) == 1 or any(rows[-1][1:])):
        return "row"
    if len(rows) > 1:
        # Top-aligned layout: a line without values, or with a name in lower case,
        # is the rest of a wrapped cell of the row above.
        return "more"
    return "end"


def _next_nonblank(lines: list[Line], j: int) -> int | None:
    while j < len(lines) and lines[j].blank:
        j += 1
    return j if j < len(lines) else None


def _row_starts(lines: list[Line], k: int, spec: _Spec, positions: list[int], layout: bool) -> bool:
    if layout:
        cells = _cut_by_positions(lines[k].raw, positions)
        return (
            cells is not None
            and bool(cells[0])
            and (any(cells[1:]) or cells[0][:1].islower() or cells[0][:1] == "(")
        )
    return _row_at(lines, k, spec) is not None


def _header_words_only(text: str) -> bool:
    rest = text
    for rx, _ in _ROLE_RES:
        rest = rx.sub(" ", rest)
    rest = _HEADER_FILLER.sub(" ", rest)
    return bool(text.strip()) and not re.findall(r"\w+", rest) and len(text) < 60


def _values_only(text: str) -> bool:
    """A line holding only cell values ("58 % öka Tertial", "2019-01-01 2019-12-31")."""
    tokens = text.split()
    end = len(tokens)
    if end and tokens[-1].casefold() in PERIOD_WORDS:
        end -= 1
    while end > 0 and re.fullmatch(_DATE_PATTERN, tokens[end - 1]):
        end -= 1
    for _ in range(3):
        if end == 0:
            return True
        start = _take_value(tokens, end)
        if start is None:
            return False
        end = start
    return end == 0


def _filled(row: list[str] | None) -> int:
    return sum(1 for c in row[1:] if c) if row else 0


# The lines one row may wrap over: a long name in a narrow column wraps over eight, and its
# worded value and periodicity below it ("tas fram av" / "nämnden" / "År").
_ROW_LINES = 14


def _row_at(lines: list[Line], j: int, spec: _Spec) -> tuple[list[str], int] | None:
    """Parse one row starting at line j; a cell may wrap over several lines.

    A line starting in lower case continues the row; a line that only adds
    values ("nämnden", "Tertial") completes it; anything else starts a new row.
    """
    from .lines import join_wrapped

    acc = ""
    best: tuple[list[str], int] | None = None
    best_filled = 0
    for k in range(j, min(j + _ROW_LINES, len(lines))):
        ln = lines[k]
        if ln.blank or (k > j and _stops(ln)):
            break
        candidate = join_wrapped(acc, ln.text) if acc else ln.text
        row = parse_spaced_row(candidate, spec)
        filled = _filled(row)
        if best is not None and not (ln.text[:1].islower() or _values_only(ln.text)):
            break
        if best is not None and filled < best_filled:
            break
        acc = candidate
        if row is not None and filled and filled >= best_filled and row[0]:
            best, best_filled = (row, k + 1), filled
        elif best is None and spec.kind == "budget" and row is not None and len(acc) < 60:
            return row, k + 1  # a category line ("Intäkter") has no amounts
    return best


def _column_starts(raw: str) -> list[int]:
    return [m.start() for m in re.finditer(r"\S+(?: \S+)*", raw)]


_LAID_OUT_RE = re.compile(r"\S {2,}\S")


def _header_starts(raw: str, spec: _Spec) -> list[int]:
    """Where a laid-out header's columns start. Two headers a narrow column leaves one
    space apart ("Målvärde KF:s årsmål") start where each header's words do, as long as
    the line is laid out (wide gaps elsewhere) and names each column once."""
    starts = _column_starts(raw)
    if len(starts) == len(spec.roles) + 1 or not _LAID_OUT_RE.search(raw):
        return starts
    roles = _roles_in(raw)
    names = [p for p, r in roles if r in ("indicator", "activity")]
    values = [p for p, r in roles if r not in ("indicator", "activity")]
    if spec.kind == "budget" or len(names) > 1 or len(values) != len(spec.roles) or not starts:
        return starts
    return [starts[0], *values]


def _cut_by_positions(raw: str, starts: list[int]) -> list[str] | None:
    """Cells of a laid-out row by the header's column positions; None if it spans columns."""
    cells = [""] * len(starts)
    runs = [(m.start(), m.group()) for m in re.finditer(r"\S+(?: \S+)*", raw)]
    while runs:
        pos, text = runs.pop(0)
        col = max((c for c in range(len(starts)) if starts[c] <= pos + 2), default=0)
        end = starts[col + 1] if col + 1 < len(starts) else None
        if end is not None and pos + len(text) > end:
            # A long name runs up to its value one space before it ("… de får 69 %"):
            # the value starts where its column does. Else, well past the column's
            # start, it is running text.
            cut = _value_at(text, end - pos)
            if cut is not None:
                runs.insert(0, (pos + cut, text[cut:]))
                text = text[:cut].rstrip()
            elif pos + len(text) > end + 2:
                return None
        cells[col] = (cells[col] + " " + text).strip()
    return cells if any(cells) else None


def _value_at(text: str, column: int) -> int | None:
    """Where in a run of words the next column's value starts: a word that starts at the
    column's place (give or take two: the grid rounds) and begins a value; else None."""
    for m in re.finditer(r"(?<= )\S", text):
        if abs(m.start() - column) <= 2 and is_value_text(_first_value(text[m.start() :])):
            return m.start()
    return None


def _first_value(text: str) -> str:
    """The start of a run that is a value: its first word, with a unit after a number."""
    words = text.split()
    if len(words) > 1 and _is_unit(words[1]):
        return " ".join(words[:2])
    return words[0] if words else ""


_ISO_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})")
_DMY_RE = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{2,4})$")
_COMPACT_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def iso_date(text: str | None) -> str | None:
    """ "2014-01-01", "1.1.2014", "20140101" to ISO; None when not a real date."""
    if not text:
        return None
    s = text.strip()
    parts: tuple[str, str, str] | None = None
    if m := _ISO_RE.match(s):
        parts = (m.group(1), m.group(2), m.group(3))
    elif m := _DMY_RE.match(s):
        year = m.group(3) if len(m.group(3)) == 4 else "20" + m.group(3)
        parts = (year, m.group(2), m.group(1))
    elif m := _COMPACT_RE.match(s):
        parts = (m.group(1), m.group(2), m.group(3))
    if parts is None:
        return None
    try:
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2])).isoformat()
    except ValueError:
        return None
