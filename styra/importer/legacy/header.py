"""The front matter: officer, addressee, the title with unit and year.

Plans open with a header block ("Handläggare", "Telefon", "Till …") and a title
("Verksamhetsplan 2014", the unit's name beside it). Everything up to and
including the title is front matter, not an introduction section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import vocab
from .blocks import Line

_OFFICER_RE = re.compile(r"^\s*handläggare\b\s*:?\s*(.*)$", re.IGNORECASE)
_TO_RE = re.compile(r"^\s*till\s*:?\s*(.*)$", re.IGNORECASE)
_PHONE_RE = re.compile(r"^\s*(?:telefon|tel|tfn|e-?post|mejl)\b", re.IGNORECASE)
_TITLE_RE = re.compile(r"\bverksamhetsplan(?:en)?\b", re.IGNORECASE)
_YEAR_RE = re.compile(r"(?<!\d)(19[9]\d|20\d{2})(?!\d)")
_FIELD_KEYS_RE = re.compile(
    r"^\s*(?:handläggare|telefon|tel|till|datum|dnr|diarienummer|e-?post)\b"
    r"|^\s*sammanträde(?:sdatum)?\s*:",
    re.IGNORECASE,
)
# A label standing alone, as when a two-column letter head runs "Handläggare:  Till" together.
_BARE_KEY_RE = re.compile(
    r"^\s*(?:handläggare|telefon|tel|tfn|till|datum|dnr|diarienummer|e-?post|mejl|"
    r"sammanträde(?:sdatum)?)\s*:?\s*$",
    re.IGNORECASE,
)
# Two columns on one line of laid-out text (PDF): a gap of several spaces between them.
_COLUMN_GAP_RE = re.compile(r"(?<=\S) {4,}(?=\S)")
_COLUMN_SLACK = 3  # characters a column's left edge may wander between lines


@dataclass
class Front:
    officer: str | None = None
    phone: str | None = None  # the officer's, as the header block gives it
    addressee: str | None = None
    unit: str | None = None
    year: int | None = None
    end: int = 0  # index of the first body line


def _nonblank(lines: list[Line], start: int, step: int, limit: int) -> list[int]:
    out: list[int] = []
    i = start
    while 0 <= i < len(lines) and len(out) < limit:
        if not lines[i].blank:
            out.append(i)
        i += step
    return out


def _region_end(lines: list[Line]) -> int:
    seen = 0
    for i, ln in enumerate(lines):
        if ln.cells is not None or vocab.match_label(ln.text):
            return i
        if not ln.blank:
            seen += 1
            if seen > 60:
                return i
    return len(lines)


def _field_value(lines: list[Line], i: int, inline: str, max_lines: int) -> tuple[str, int]:
    """The value after a "Key:" line: inline text or the next line(s)."""
    value = _strip_phone(inline)
    if _BARE_KEY_RE.match(value):
        value = ""  # "Handläggare: Till": the next label, not a name
    last = i
    if not value:
        nxt = _nonblank(lines, i + 1, 1, 1)
        if not nxt or _FIELD_KEYS_RE.match(lines[nxt[0]].text) or nxt[0] - i > 3:
            return "", i
        if lines[nxt[0]].cells is not None or lines[nxt[0]].heading:
            return "", i
        last = nxt[0]
        value = _strip_phone(lines[last].text)
    # "Östermalms stadsdelsnämnd," / "sammanträde 2013-12-17" continues the value.
    while max_lines > 1 and last + 1 < len(lines):
        step = 1
        while value.endswith(",") and last + step + 1 < len(lines) and lines[last + step].blank:
            step += 1  # Word paragraphs come with blank lines between them
            if step > 3:
                break
        nxt_line = lines[last + step]
        if nxt_line.blank or nxt_line.heading or _FIELD_KEYS_RE.match(nxt_line.text):
            break
        if not (value.endswith(",") or nxt_line.text[:1].islower() or _wrapped(value, nxt_line)):
            break
        value = value + " " + nxt_line.text
        last += step
        max_lines -= 1
    return value.strip(" ,;:"), last


def _wrapped(value: str, nxt: Line) -> bool:
    """ "…, sammanträde" / "2013-12-17": a value cut by the column width after a lower-case word."""
    words = value.split()
    return bool(words) and words[-1][:1].islower() and nxt.text[:1].isdigit()


# "Telefon: 08-508 80 443", "Tel. +46 8 508 00 000", "tfn 08-123 45 67".
_PHONE_VALUE_RE = re.compile(r"\b(?:telefon|tel\.?|tfn)\s*:?\s*(\+?\d[\d \t()-]{4,}\d)", re.I)


def _strip_phone(text: str) -> str:
    text = re.split(r"\b(?:telefon|tel\.?|tfn)\b\s*:?", text, maxsplit=1, flags=re.I)[0]
    return text.strip()


def _unit_from_title(title: str) -> str:
    parts = _TITLE_RE.split(title, maxsplit=1)
    before, after = parts[0], parts[1] if len(parts) > 1 else ""
    after = _YEAR_RE.sub(" ", after)
    after = re.sub(r"^\s*(?:för|avseende)\s+(?:år\s+)?", " ", after, flags=re.I)
    after = re.sub(r"\b(?:förslag(?:\s+till\s+beslut)?|år)\b", " ", after, flags=re.I)
    after = after.strip(" -–:,.")
    if after:
        return re.sub(r"\s+", " ", after)
    before = _YEAR_RE.sub(" ", before).strip(" -–:,.")
    if before and len(before.split()) <= 6:
        word = before.split()[-1]
        if word.endswith(("ens", "ets")) and len(word) > 6:
            before = before[:-1]  # "Vuxenenhetens verksamhetsplan" names "Vuxenenheten"
        return re.sub(r"\s+", " ", before)
    return ""


def _clean_unit(text: str) -> str:
    text = _YEAR_RE.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip(" -–:,.")


def _unit_candidate(ln: Line, taken: set[str]) -> bool:
    t = ln.text
    if ln.cells is not None or ln.bullet or not t or len(t) > 70 or len(t.split()) > 7:
        return False
    if t.endswith((".", ":", ",")) or _FIELD_KEYS_RE.match(t) or vocab.FRONT_PHRASE_RE.match(t):
        return False
    if vocab.TOC_RE.match(t) or _TITLE_RE.search(t):
        return False
    return bool(_clean_unit(t)) and not re.fullmatch(r"[\d\s\-–./]+", t)


def parse_front(lines: list[Line]) -> Front:
    """Read the header block and title from the first lines of a document."""
    front = Front()
    end = _region_end(lines)
    taken: set[str] = set()
    last_field = -1
    for i in range(end):
        t = lines[i].text
        if lines[i].cells is not None:
            continue
        if front.officer is None and (m := _OFFICER_RE.match(t)):
            front.officer, last = _field_value(lines, i, m.group(1), 1)
            front.officer = front.officer or None
            last_field = max(last_field, last)
        elif front.addressee is None and (m := _TO_RE.match(t)) and len(t) < 80:
            if m.group(1) and not m.group(1)[:1].isupper():
                continue
            front.addressee, last = _field_value(lines, i, m.group(1), 3)
            front.addressee = front.addressee or None
            last_field = max(last_field, last)
        elif (_PHONE_RE.match(t) or _short_field(t)) and i - last_field <= 3:
            last_field = i
        # The officer's telephone, on the officer's line or one of the fields below it.
        phone = _PHONE_VALUE_RE.search(t) if front.officer and i - last_field <= 3 else None
        if phone and front.phone is None:
            front.phone = re.sub(r"\s+", " ", phone.group(1))
    for value in (front.officer, front.addressee):
        if value:
            taken.add(vocab.fold(value))
    title_idx = _find_title(lines, end)
    body = last_field + 1
    if title_idx is not None:
        title = lines[title_idx].text
        below = title_idx + 1
        # A title too long for its line goes on on the next: "… Beställarenheten för" /
        # "äldre", or a short last line the title's paragraph ends with ("Norra", then
        # the space before the next paragraph).
        ends_paragraph = below + 1 < len(lines) and lines[below + 1].blank
        if below < end and _title_goes_on(title, lines[below], ends_paragraph=ends_paragraph):
            title = f"{title} {lines[below].text}"
            title_idx = below
        years = _YEAR_RE.findall(title)
        front.year = int(years[0]) if years else None
        front.unit = _unit_from_title(title) or None
        body = max(body, title_idx + 1)
        if front.unit is None:
            front.unit, below = _unit_nearby(lines, title_idx, last_field, taken)
            body = max(body, below + 1)
        body = _skip_front_phrases(lines, body, front.unit)
    elif last_field >= 0:
        body = _skip_front_phrases(lines, body, None)
    front.end = min(body, len(lines)) if (title_idx is not None or last_field >= 0) else 0
    return front


def is_field_label(text: str) -> bool:
    """Whether a line starts with a header label (Handläggare, Telefon, Till …)."""
    return bool(_FIELD_KEYS_RE.match(text))


def _short_field(text: str) -> bool:
    return bool(_FIELD_KEYS_RE.match(text)) and len(text) <= 80 and not text.endswith(".")


def unfold_columns(lines: list[Line]) -> list[Line]:
    """Read a letter head laid out in two columns (PDF text) column by column.

    "Handläggare: A. Berg        Till" / "Telefon: 08-1        Nämnden" becomes the
    left column's lines, then the right column's, so each label meets its value.
    Only a block of lines in the front matter that holds a header label is touched;
    tables and body text keep their layout.
    """
    end = _region_end(lines)
    out: list[Line] = []
    i = 0
    while i < len(lines):
        block = _column_block(lines, i, end) if i < end else None
        if block is None:
            out.append(lines[i])
            i += 1
            continue
        stop, edge = block
        left: list[Line] = []
        right: list[Line] = []
        for ln in lines[i:stop]:
            if ln.blank:
                continue
            before, after = _split_at(ln.raw or ln.text, edge)
            left.extend(_physical(before, ln.page))
            right.extend(_physical(after, ln.page))
        out.extend([*left, Line("", blank=True, page=lines[i].page), *right])
        i = stop
    return out


def _physical(text: str, page: int) -> list[Line]:
    from .lines import physical_line

    return physical_line(text.strip(), page) if text.strip() else []


def _right_edge(ln: Line) -> int | None:
    """Where the second column starts on a laid-out line, if the line has two."""
    raw = ln.raw
    if ln.blank or ln.cells is not None or not raw or "\t" in raw:
        return None
    gaps = list(_COLUMN_GAP_RE.finditer(raw))
    if len(gaps) == 1 and raw[: gaps[0].start()].strip():
        return gaps[0].end()
    indent = len(raw) - len(raw.lstrip(" "))
    return indent if indent >= 20 and not gaps else None


def _split_at(raw: str, edge: int) -> tuple[str, str]:
    for gap in _COLUMN_GAP_RE.finditer(raw):
        if abs(gap.end() - edge) <= _COLUMN_SLACK:
            return raw[: gap.start()], raw[gap.end() :]
    indent = len(raw) - len(raw.lstrip(" "))
    if abs(indent - edge) <= _COLUMN_SLACK:
        return "", raw
    return raw, ""


def _column_block(lines: list[Line], start: int, end: int) -> tuple[int, int] | None:
    """(stop, edge) of two-column lines from `start` that hold a header label, or None."""
    edge = _right_edge(lines[start])
    if edge is None or not lines[start].raw[:edge].strip():
        return None  # a block starts on a line with both columns
    stop = start
    labelled = False
    while stop < end and not lines[stop].blank:
        ln = lines[stop]
        here = _right_edge(ln)
        if here is not None and abs(here - edge) > _COLUMN_SLACK:
            break
        if here is None and len(ln.raw.rstrip()) > edge - _COLUMN_SLACK:
            break  # one line across both columns: not part of the letter head
        before, after = _split_at(ln.raw, edge)
        if any(_FIELD_KEYS_RE.match(part.strip()) for part in (before, after)):
            labelled = True
        stop += 1
    return (stop, edge) if labelled and stop - start >= 2 else None


def _title_goes_on(title: str, nxt: Line, *, ends_paragraph: bool) -> bool:
    t = nxt.text
    last_line = (
        ends_paragraph
        and len(t.split()) <= 2
        and t[:1].isupper()
        and t.replace(" ", "").replace("-", "").isalpha()  # a name, not a page's number
        and not vocab.FRONT_PHRASE_RE.match(t)
    )
    return (
        not nxt.blank
        and nxt.cells is None
        and len(t) <= 40
        and (vocab.ends_open(title) or t[:1].islower() or last_line)
        and not _YEAR_RE.search(t)
        and not _FIELD_KEYS_RE.match(t)
        and not vocab.match_label(t)
        and not vocab.match_narrative(t)
        and not vocab.TOC_RE.match(t)
    )


def _find_title(lines: list[Line], end: int) -> int | None:
    """The title line: prefer one naming the year and the unit over a bare running header."""
    best, best_score = None, -1
    for i in range(end):
        t = lines[i].text
        if lines[i].cells is not None or not _TITLE_RE.search(t):
            continue
        if len(t) > 100 or len(t.split()) > 10 or t.endswith("."):
            continue
        score = (2 if _YEAR_RE.search(t) else 0) + (1 if _unit_from_title(t) else 0)
        if score > best_score:
            best, best_score = i, score
    return best


def _unit_nearby(
    lines: list[Line], title: int, last_field: int, taken: set[str]
) -> tuple[str | None, int]:
    """The unit's name on a heading line just above or below the title."""
    above = [i for i in _nonblank(lines, title - 1, -1, 3) if i > last_field]
    for i in above:
        if _unit_candidate(lines[i], taken) and (
            lines[i].heading or lines[i].bold or i == above[0]
        ):
            return _clean_unit(lines[i].text), title
    for i in _nonblank(lines, title + 1, 1, 2):
        ln = lines[i]
        candidate = _unit_candidate(ln, taken) and not vocab.match_narrative(ln.text)
        if candidate and (ln.heading or ln.bold or not _looks_like_section(ln.text)):
            return _clean_unit(ln.text), i
    return None, title


def _looks_like_section(text: str) -> bool:
    return bool(
        re.match(r"^(?:inledning|sammanfattning|bakgrund|innehåll)", text, re.I)
        or vocab.TOC_RE.match(text)
        or vocab.APPENDIX_HEADING_RE.match(text)
    )


def _skip_front_phrases(lines: list[Line], i: int, unit: str | None) -> int:
    unit_key = vocab.fold(unit) if unit else None
    while i < len(lines):
        ln = lines[i]
        t = ln.text
        if ln.blank or vocab.FRONT_PHRASE_RE.match(t) or re.fullmatch(r"\d{4}", t):
            i += 1
            continue
        if unit_key and vocab.fold(_clean_unit(t)) == unit_key:
            i += 1
            continue
        break
    return i
