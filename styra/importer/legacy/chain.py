"""Blocks into the plan: sections, the goal chain with its tables, budget, appendices.

A small state machine reads the blocks in document order. Labels ("Nämndmål:")
announce the level of the next title; numbered headings without a label are
placed by their number; narrative headings route text into the current goal;
a table belongs to the nearest goal before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext, gettext_lazy

from . import budget, tables, vocab
from .blocks import Block, Para, Table
from .lines import Wrapped

_FIELDS = ("description", "expected_result", "method", "resources", "follow_up", "development")


def new_goal(level: str, number: str | None, title: str) -> dict:
    goal: dict = {"level": level, "number": number, "title": title}
    goal.update(dict.fromkeys(_FIELDS))
    goal.update(indicators=[], activities=[], children=[])
    return goal


@dataclass
class _BudgetCandidate:
    rows: list[dict]
    header: str
    context: str


@dataclass
class Chain:
    unit: str | None
    marked: bool
    warnings: list[str] = field(default_factory=list)
    goals: list[dict] = field(default_factory=list)
    sections: list[dict] = field(default_factory=list)
    appendices: list[str] = field(default_factory=list)
    budgets: list[_BudgetCandidate] = field(default_factory=list)
    budget_years: list[int] = field(default_factory=list)
    stack: list[dict | None] = field(default_factory=lambda: [None] * 4)
    mode: str = "intro"
    pending: vocab.Label | None = None
    target: tuple[dict, str] | None = None
    section: dict | None = None
    budget_heading: str | None = None
    last_table: tuple[int, str] | None = None
    last_header: list[str] = field(default_factory=list)  # the last table's header row
    direction_markup: int | None = None
    board_numbers: dict[int, str] = field(default_factory=dict)
    recent: list[str] = field(default_factory=list)
    # Text of each goal field and section as it is read, joined once after the last
    # block: adding a paragraph to a string copies all before it (quadratic).
    texts: dict[tuple[int, str], tuple[dict, str, list[str]]] = field(default_factory=dict)
    # The pages each goal, indicator and activity was read from (by the id of its dict):
    # a goal from its heading to the last block before the next goal.
    pages: dict[int, tuple[int, int]] = field(default_factory=dict)
    block_pages: tuple[int, int] = (0, 0)  # the pages of the block being read

    # ---- goals ---------------------------------------------------------------

    def current(self) -> dict | None:
        return next((g for g in reversed(self.stack) if g is not None), None)

    def add_goal(self, level: str, number: str | None, title: str) -> dict:
        idx = vocab.LEVELS.index(level)
        parent = next((self.stack[j] for j in range(idx - 1, -1, -1) if self.stack[j]), None)
        goal = new_goal(level, number, title)
        self.pages[id(goal)] = self.block_pages
        (parent["children"] if parent else self.goals).append(goal)
        self.stack[idx] = goal
        for j in range(idx + 1, 4):
            self.stack[j] = None
        self.mode = "chain"
        self.target = (goal, "description")
        self.pending = None
        return goal

    def _title_goal(self, label: vocab.Label, para: Para | None, text: str) -> None:
        number, title = vocab.split_number(text)
        number = number or label.number
        if label.level == "unit" and label.number is None and number and "." in number:
            number, title = None, text  # "1.1 …" under Åtagande is part of the wording
        if not title:
            self.warnings.append(
                gettext("En rubrik för nivån %(level)s saknar text.")
                % {"level": _LEVEL_NAMES[label.level]}
            )
            return
        goal = self.add_goal(label.level, number, title)
        if label.level == "direction" and para is not None and para.heading:
            self.direction_markup = para.heading
        if label.level == "board" and number:
            self.board_numbers[id(self.stack[1] or self.stack[0] or {})] = number
        del goal

    # ---- text ----------------------------------------------------------------

    def add_text(self, text: str) -> None:
        if self.mode == "chain":
            if self.target is None:
                goal = self.current()
                if goal is None:
                    self._warn_dropped(text)
                    return
                self.target = (goal, "description")
            goal, key = self.target
            self._append(goal, key, text)
            return
        if self.mode == "budget":
            if self.budget_heading is None or len(text) < 80 or "." not in text:
                return  # key-value lines and captions around the budget table
            self.mode = "closing"
            self.section = {"heading": self.budget_heading, "text": ""}
            self.sections.append(self.section)
            self.budget_heading = None
        if self.mode == "appendix":
            if len(text) < 150:
                self.appendices.append(_appendix_name(text))
                return
            self.mode = "closing"
        if self.section is None:
            self.section = {"heading": "", "text": ""}
            self.sections.append(self.section)
        self._append(self.section, "text", text)

    def _append(self, holder: dict, key: str, text: str) -> None:
        """holder[key] + "\n\n" + text (or text alone when empty), in linear time."""
        entry = (holder, key, [holder[key] or ""])
        parts = self.texts.setdefault((id(holder), key), entry)[2]
        if len(parts) == 1 and not parts[0]:
            parts[0] = text
        else:
            parts += ["\n\n", text]

    def _warn_dropped(self, text: str) -> None:
        snippet = text[:60] + ("…" if len(text) > 60 else "")
        self.warnings.append(
            gettext("Texten ”%(text)s” kunde inte kopplas till något mål.") % {"text": snippet}
        )

    def open_section(self, heading: str) -> None:
        self.mode = "closing" if self.goals else "intro"
        self.section = {"heading": heading, "text": ""}
        self.sections.append(self.section)
        self.target = None

    # ---- blocks --------------------------------------------------------------

    def feed(self, blocks: list[Block]) -> None:
        for i, block in enumerate(blocks):
            self.block_pages = block.pages
            if isinstance(block, Table):
                self.table(block, i)
            else:
                self.para(block, blocks, i)
                self.recent = (self.recent + [block.text])[-8:]
            goal = self.current() if self.mode == "chain" else None
            if goal is not None:
                self._on_pages(goal)
        for holder, key, parts in self.texts.values():
            holder[key] = "".join(parts)

    def para(self, p: Para, blocks: list[Block], i: int) -> None:
        text = p.text
        self.last_table = None
        if self.unit and vocab.fold(text) == vocab.fold(self.unit):
            return  # the unit's name repeated as a running page header
        if vocab.APPENDIX_HEADING_RE.match(text):
            self.mode, self.target, self.pending = "appendix", None, None
            return
        if vocab.APPENDIX_ITEM_RE.match(text):
            items = vocab.APPENDIX_SPLIT_RE.split(text)
            if all(len(item) < 200 for item in items):
                self.appendices.extend(_appendix_name(item) for item in items)
                return
        label = vocab.match_label(text)
        if label is not None:
            self._label(label, p)
            return
        if self.pending is not None:
            if tables.is_value_text(text) and len(text) <= 20:
                return  # a table's cell read out of its table (pdftotext's reading order)
            if not (vocab.match_narrative(text) or _is_budget_heading(p, self)):
                self._title_goal(self.pending, p, text)
                return
            level = _LEVEL_NAMES[self.pending.level]
            self.warnings.append(
                gettext("En etikett för nivån %(level)s saknar rubrik.") % {"level": level}
            )
            self.pending = None
        if self._narrative(p):
            return
        if self._numbered(p, blocks, i):
            return
        if _is_budget_heading(p, self):
            self.mode, self.target, self.budget_heading = "budget", None, text
            if m := re.search(r"(?<!\d)(?:19|20)\d{2}(?!\d)", text):
                self.budget_years.append(int(m.group()))
            return
        if vocab.CLOSING_HEADING_RE.match(text) and self._headingish(p):
            self.open_section(text)
            return
        if self._headingish(p) and self.mode != "chain":
            if self.mode == "budget":
                self.budget_heading = text
                return
            self.open_section(text)
            return
        if self._headingish(p) and self.mode == "chain" and self._closes_chain(p):
            self.open_section(text)
            return
        self.add_text(text)

    def _label(self, label: vocab.Label, p: Para) -> None:
        self.target = None
        self.mode = "chain"
        if self.pending is not None:
            level = _LEVEL_NAMES[self.pending.level]
            self.warnings.append(
                gettext("En etikett för nivån %(level)s saknar rubrik.") % {"level": level}
            )
        self.pending = label
        if label.rest:
            self._title_goal(label, p, label.rest)

    def _narrative(self, p: Para) -> bool:
        key = vocab.match_narrative(p.text) if len(p.text) <= 40 else None
        rest = ""
        if key is None:
            split = vocab.split_narrative_prefix(p.text)
            if split is None:
                return False
            key = vocab.match_narrative(split[0])
            rest = split[1]
        if self.mode == "budget":
            self.target = None
            return True
        goal = self.current()
        if goal is None or self.mode not in ("chain",) or key is None:
            if self.mode in ("intro", "closing", "appendix") and not rest:
                self.open_section(p.text)
                return True
            return False
        self.target = (goal, key)
        if rest:
            self.add_text(rest)
        return True

    def _headingish(self, p: Para) -> bool:
        if p.heading or (p.bold and len(p.text) < 150):
            return True
        return (not self.marked) and p.short_heading

    def _closes_chain(self, p: Para) -> bool:
        """An unknown heading at the top level of the document ends the goal chain."""
        if not p.heading:
            return False
        top = self.direction_markup or 2
        return p.heading <= min(top, 2) and not vocab.split_number(p.text)[0]

    def _numbered(self, p: Para, blocks: list[Block], i: int) -> bool:
        number, title = vocab.split_number(p.text)
        if number is None or not title or len(p.text) > 250:
            return False
        if not (self._headingish(p) or p.short_heading or (p.lines <= 3 and not p.bullet)):
            return False
        depth = number.count(".") + 1
        direction = self.stack[0]
        if depth == 2:
            head = number.split(".")[0]
            if direction is None or direction.get("number") not in (None, head):
                if not (self.mode == "chain" or _followed_by(blocks, i, head + ".")):
                    return False
                if direction is not None and direction.get("number") != head:
                    return False
            self.add_goal("area", number, title)
            return True
        if depth != 1:
            return False
        last_dir = direction.get("number") if direction else None
        nxt = _next_number(blocks, i)
        child_follows = nxt is not None and nxt.startswith(number + ".")
        sequential = (
            last_dir is not None and last_dir.isdigit() and int(number) == int(last_dir) + 1
        )
        same_markup = bool(p.heading) and p.heading == self.direction_markup
        if child_follows or (sequential and same_markup):
            self.add_goal("direction", number, title)
            if p.heading:
                self.direction_markup = p.heading
            return True
        area = self.stack[1]
        if area is not None and self.mode == "chain":
            prev = self.board_numbers.get(id(area))
            if prev and prev.isdigit() and int(number) == int(prev) + 1:
                self.add_goal("board", number, title)
                self.board_numbers[id(area)] = number
                return True
        return False

    def _on_pages(self, part: dict) -> None:
        """`part` was read from the current block's pages too."""
        first, last = self.pages.get(id(part), self.block_pages)
        self.pages[id(part)] = (min(first, self.block_pages[0]), max(last, self.block_pages[1]))

    # ---- tables --------------------------------------------------------------

    def table(self, t: Table, index: int) -> None:
        if t.values_lost:
            self.warnings.append(
                gettext(
                    "En tabell står kolumn för kolumn i texten (som pdftotext skriver den) och "
                    "har tomma celler. Texten visar inte vilka rader de tomma cellerna står på, "
                    "så värdena har lagts på de rader de troligast hör till. Kontrollera "
                    "tabellen, eller läs in PDF-filen själv, där värdena står på sina rader."
                )
            )
        for n, (kind, header, rows) in enumerate(split_tables(t)):
            if n == 0 and kind is None and self.last_table is not None:
                # Rows with no header of their own go on with the table just before: it
                # broke across a page and its header was not repeated.
                kind, header = self.last_table[1], self.last_header
            if kind in ("indicator", "activity"):
                self._items(kind, header, rows, index)
            elif kind == "budget" or self.mode == "budget":
                self._budget(header, rows)
            else:
                for row in rows:
                    text = " ".join(c for c in row if c.strip())
                    if text:
                        self.add_text(text)
                self.last_table = None

    def _budget(self, header: list[str], rows: list[list[str]]) -> None:
        parsed = budget.parse_budget([header, *rows] if header else rows)
        if parsed:
            if self.last_table == (0, "budget") and self.budgets:
                self.budgets[-1].rows.extend(parsed)  # the table goes on after a page break
            else:
                context = " ".join(self.recent[-8:] + [self.budget_heading or ""])
                self.budgets.append(_BudgetCandidate(parsed, " ".join(header), context))
            self.last_table = (0, "budget")
            self.last_header = header

    def _items(self, kind: str, header: list[str], rows: list[list[str]], index: int) -> None:
        goal = self.current()
        if goal is None:
            self.warnings.append(
                gettext("En tabell med indikatorer står före första målet och kunde inte placeras.")
                if kind == "indicator"
                else gettext(
                    "En tabell med aktiviteter står före första målet och kunde inte placeras."
                )
            )
            return
        roles = [tables.cell_role(c) for c in header]
        items = goal["indicators" if kind == "indicator" else "activities"]
        continuing = self.last_table == (id(goal), kind)
        names: dict[int, tuple[dict, Wrapped]] = {}  # names wrapped over rows, joined at the end
        for n, row in enumerate(rows):
            item = _row_item(kind, roles, row)
            if item is None:
                continue
            if items and (n > 0 or continuing) and _continues(items[-1], item, kind):
                prev = items[-1]
                self._on_pages(prev)
                name = names.setdefault(id(prev), (prev, Wrapped(prev["name"])))[1]
                _merge(prev, name, item, kind)
                continue
            if not item.get("name"):
                continue
            items.append(item)
            self.pages[id(item)] = self.block_pages
        for item, name in names.values():
            item["name"] = str(name)
        self.last_table = (id(goal), kind)
        self.last_header = header


# The levels as the warnings name them, in the active language.
_LEVEL_NAMES = {
    "direction": gettext_lazy("KF:s inriktningsmål"),
    "area": gettext_lazy("KF:s mål för verksamhetsområdet"),
    "board": gettext_lazy("nämndmål"),
    "unit": gettext_lazy("åtagande/enhetsmål"),
}


def _is_budget_heading(p: Para, chain: Chain) -> bool:
    return bool(vocab.BUDGET_HEADING_RE.match(p.text)) and len(p.text) < 60


def _appendix_name(text: str) -> str:
    text = re.sub(r"^\s*-\s+", "", text)
    if m := vocab.APPENDIX_ITEM_RE.match(text):
        text = m.group("name")
    text = re.sub(r",?\s+se\s+(?:nedan|bilaga|ovan)\b.*$", "", text, flags=re.I)
    return text.strip(" :;,.")


def _next_number(blocks: list[Block], i: int) -> str | None:
    """The number of the next numbered heading or labelled title after block i."""
    for b in blocks[i + 1 : i + 120]:
        if not isinstance(b, Para):
            continue
        label = vocab.match_label(b.text)
        text = label.rest if label else b.text
        number, _ = vocab.split_number(text)
        if number and (len(b.text) < 250):
            return number
    return None


def _followed_by(blocks: list[Block], i: int, prefix: str) -> bool:
    nxt = _next_number(blocks, i)
    return bool(nxt and nxt.startswith(prefix))


_HEADER_WORD_ROLES = {"target", "city_target", "period", "start", "end"}


def split_tables(t: Table) -> list[tuple[str | None, list[str], list[list[str]]]]:
    """Cut a run of rows at each header row; merge header cells split over lines."""
    out: list[tuple[str | None, list[str], list[list[str]]]] = []
    kind: str | None = None
    header: list[str] = []
    rows: list[list[str]] = []
    for row in t.rows:
        cells = [c.strip() for c in row]
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            continue
        roles = [tables.cell_role(c) for c in cells]
        row_kind = tables.table_kind(roles)
        filled = sum(1 for c in cells if c)
        if row_kind is None and filled >= 2 and _amount_header(cells):
            row_kind = "budget"
        is_header = (
            row_kind is not None
            and filled >= 2
            and not _has_values(cells, row_kind)
            and _names_columns(cells, roles)
        )
        if is_header:
            if kind is not None or rows:
                out.append((kind, header, rows))
            kind, header, rows = row_kind, cells, []
            continue
        if kind and not rows and _header_fragment(cells):
            header = [(h + " " + c).strip() for h, c in _zip_pad(header, cells)]
            continue
        rows.append(cells)
    if kind is not None or rows:
        out.append((kind, header, rows))
    return out


def _names_columns(cells: list[str], roles: list[str | None]) -> bool:
    """Whether a row's role words name its columns: in two cells or more, or in one cell
    that holds little else ("Kostnader", not "Kostnad per brukare och dygn": an
    indicator's name that happens to begin with a column's word)."""
    named = [c for c, role in zip(cells, roles, strict=True) if role]
    return len(named) >= 2 or all(tables.header_role_count(c) for c in named)


def _amount_header(cells: list[str]) -> bool:
    """A budget table with one amount column: "Belopp i tkr | Budget 2019"."""
    return any(re.search(r"(?i)\b(?:budget|belopp|tkr|mnkr)\b", c) for c in cells[1:]) and not any(
        budget.parse_number(c) is not None for c in cells[1:]
    )


def _zip_pad(a: list[str], b: list[str]) -> list[tuple[str, str]]:
    n = max(len(a), len(b))
    return list(zip(a + [""] * (n - len(a)), b + [""] * (n - len(b)), strict=True))


def _header_fragment(cells: list[str]) -> bool:
    words = [c for c in cells if c]
    return (
        bool(words)
        and all(
            tables.header_role_count(c) or re.fullmatch(r"(?i)årsmål|datum|mål|kf:s", c)
            for c in words
        )
        and not cells[0]
    )


def _has_values(cells: list[str], kind: str) -> bool:
    if kind == "activity":
        return any(tables.iso_date(c) for c in cells)
    if kind == "budget":
        return any(budget.parse_number(c) is not None for c in cells[1:])
    return False


def _row_item(kind: str, roles: list[str | None], row: list[str]) -> dict | None:
    name_col = next((j for j, r in enumerate(roles) if r in ("indicator", "activity")), 0)
    values: dict[str, str] = {}
    for j, cell in enumerate(row):
        if j == name_col or j >= len(roles) or not roles[j] or not cell.strip():
            continue
        values.setdefault(roles[j], re.sub(r"\s+", " ", cell.strip()))  # type: ignore[arg-type]
    name = re.sub(r"\s+", " ", row[name_col].strip()) if name_col < len(row) else ""
    if not name and not values:
        return None
    if kind == "indicator":
        return {
            "name": name,
            "target": values.get("target"),
            "city_target": values.get("city_target"),
            "period": values.get("period"),
        }
    return {
        "name": name,
        "start": tables.iso_date(values.get("start")),
        "end": tables.iso_date(values.get("end")),
    }


def _values(item: dict, kind: str) -> list:
    keys = ("target", "city_target", "period") if kind == "indicator" else ("start", "end")
    return [item.get(k) for k in keys]


def _continues(prev: dict, item: dict, kind: str) -> bool:
    """A row whose name goes on in the next row (a wrapped cell or a page break)."""
    name = item.get("name") or ""
    if not name:
        return any(_values(item, kind)) and not any(_values(prev, kind))
    starts_low = name[:1].islower() or name[:1] in "(-–&/"
    return starts_low and (not any(_values(item, kind)) or not any(_values(prev, kind)))


def _merge(prev: dict, name: Wrapped, item: dict, kind: str) -> None:
    if item.get("name"):
        name.add(item["name"])
    for key in ("target", "city_target", "period", "start", "end"):
        if item.get(key) and not prev.get(key):
            prev[key] = item[key]
