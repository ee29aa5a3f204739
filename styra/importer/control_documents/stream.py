"""A control plan's table read from streamed text: its cells one after another.

Some text forms of a PDF keep no columns: pypdf's text, pdftotext -raw and a viewer's
copy write each cell's lines in the order the PDF draws them, row by row, the cells of
one height run together on a line ("Controller April Analys av statistik"). What is
left to read them by is the header's order of columns and the shapes of the values:

- The header is a line of role words (columns.role), read word by word: a word naming a
  role begins a column, a word naming none ("för", "(K)") goes with the one before.
- The body's words become chunks: a cell's text starts with a capital or a digit and
  goes on in lower case (a wrapped line starts in lower case), so a capitalised word
  begins a chunk, unless the chunk before stops where it must go on ("T1,", "och", "–").
- A chunk of a value's shape goes to the first column of that shape after the row's
  last one: the scale's steps and words for probability and consequence, a number
  1–16 for the risk value, reporting words for "when", frequency words, a role title
  for the responsible. Any other chunk is text (process, risk, control, method, scope).
- Text chunks between two shaped ones fill the text columns between them, the last ones
  first (a merged process cell is drawn once, so a row's first columns are the ones left
  empty); a shaped chunk that fits no column after the row's last starts the next row,
  and the text chunks before it close the row (its last columns first) and open the next.
- A process drawn once for its rows (a merged cell) stands at one of them: the risks
  before it that have no process are its risks too.

Each word is looked at a bounded number of times: the reading is linear in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from styra.importer.legacy import furniture, vocab
from styra.importer.legacy.blocks import Line

from . import columns, words
from .table import Found, Row, Table

_CONTROL_VALUES = frozenset({columns.RESPONSIBLE, columns.WHEN, columns.FREQUENCY})
_TEXT_ROLES = frozenset(
    {columns.PROCESS, columns.RISK, columns.WHAT, columns.METHOD, columns.SCOPE}
)
_ASSESSMENT_RE = re.compile(r"^[1-4](?:\s*[–-]\s*[^\d].*|\s*\(.*\))?$")
_VALUE_RE = re.compile(r"^(?:1[0-6]|[1-9])$")
_FREQUENCY_RE = re.compile(
    r"^(?:(?:en|två|tre|fyra|\d+)\s+g(?:ång(?:er)?|gr)\s+(?:per|om|i|varje)\s+(?:år|månad|termin|tertial|halvår|kvartal|vecka)"  # noqa: E501
    r"|(?:varje|per|en\s+gång\s+per|en\s+gång\s+i)\s+(?:år|månad|tertial|kvartal|halvår|termin|vecka)"
    r"|månadsvis|kvartalsvis|tertialvis|halvårsvis|veckovis|årsvis|årligen|dagligen|löpande"
    r"|vid\s+behov|fortlöpande|kontinuerligt)$",
    re.I,
)
# Titles a responsible goes by in Swedish municipalities: the word or its last part.
_TITLE_RE = re.compile(
    r"^(?:[\wåäö]+-)?[\wåäö]*(?:chef|controller|ansvarig|förvaltare|utvecklare|registrator|"
    r"sekreterare|handläggare|samordnare|strateg|ekonom|administratör|direktör|rektor|"
    r"revisor|specialist|samordnare|ledare|assistent|jurist|arkivarie|ombud|ledningsgrupp|"
    r"förvaltning|nämnd|styrelse|mas|sas)$",
    re.I,
)
_HEAD_RE = re.compile(r"\b(?:dnr|diarienr|sid|sida|page)\b\.?\s*\d", re.I)
_TITLE_RE_LINE = re.compile(r"^\s*intern\s*kontrollplan\s+(?:för\s+)?(?:19|20)\d\d\b", re.I)
# Words a cell's text never stops on before a capital ("Tertial 1 och VB"); a preposition
# may end a risk ("… blir inte av") before the next cell's capital.
_JOINING = frozenset({"och", "samt", "eller", "respektive", "resp."})
# Two cells' texts run together where one ends at its edge: "1Ekonomisk", "VBDokumentation".
_GLUED_RE = re.compile(r"(?<=[a-zåäö\d,.)])(?=[A-ZÅÄÖ])|(?<=[A-ZÅÄÖ\d])(?=[A-ZÅÄÖ][a-zåäö])")
_OPEN_END = (",", "–", "-", "/", "&", "(")
_MAX_GROUP = 40  # text chunks between two shaped ones fitted at most: the rest are joined
_MAX_HEADER_LINES = 6  # lines a header's cells wrap onto
_MAX_HEADER_WORDS = 8
_MIN_ROLES = 4
_MAX_STRAY = 6  # words of no role a header's line holds at most ("för", "(K)", "Konse")
_BROKEN = ("\u00ad", "-", "/")


@dataclass
class _Chunk:
    text: str
    page: int


def find_streamed(lines: list[Line]) -> Found:
    """The control plan tables of a streamed text, and its lines outside them."""
    tables: list[Table] = []
    text: list[str] = []
    i, n = 0, len(lines)
    while i < n:
        ln = lines[i]
        header = None if ln.blank else header_columns(ln.text)
        if header is None:
            if not ln.blank:
                text.append(ln.text)
            i += 1
            continue
        i += 1
        for _ in range(_MAX_HEADER_LINES - 1):
            while i < n and lines[i].blank:
                i += 1
            if i >= n or not _goes_on_header(lines[i].text):
                break
            header = _joined_header(header, lines[i].text)
            i += 1
        if len({r for r, _ in header}) < _MIN_ROLES:
            text.append(ln.text)
            continue
        body: list[Line] = []
        outside = {vocab.fold(t) for t in text}
        while i < n and (lines[i].blank or header_columns(lines[i].text) is None):
            if not (lines[i].blank or _running(lines[i].text, outside)):
                body.append(lines[i])
            i += 1
        if body and i < n and _heading_alone(body[-1]):
            text.append(body.pop().text)  # "Kontrollplan" before the next table's header
        roles = columns.roles([t for _, t in header])
        table = Table(roles)
        table.rows = _rows(roles, _chunks(body))
        tables.append(table)
    return Found(tables, text)


def header_columns(text: str) -> list[tuple[str, str]] | None:
    """A streamed header's columns, (role, words), or None if the line is no header: four
    roles or more, the risk's or the control's among them, and few words of no role."""
    if len(text) > 400:
        return None
    tokens = text.split()
    out: list[tuple[str, str]] = []
    stray = 0
    k = 0
    while k < len(tokens):
        word = tokens[k]
        pair = " ".join(tokens[k : k + 2]) if k + 1 < len(tokens) else ""
        alone, paired = columns.role(word), columns.role(pair) if pair else None
        follower = columns.role(tokens[k + 1]) if k + 1 < len(tokens) else None
        if paired is not None and follower is None and paired != alone:
            out.append((paired, pair))
            k += 2
            continue
        if alone is not None and not (out and out[-1][0] == alone):
            out.append((alone, word))
        elif out and alone is None and word[:1].isupper():
            out.append((out[-1][0], word))  # named by what comes after ("Konse" / "kvens")
            stray += 1
        elif out:
            out[-1] = (out[-1][0], f"{out[-1][1]} {word}")
            stray += alone is None
        else:
            return None
        k += 1
        if stray > _MAX_STRAY:
            return None  # a line of text, not of headers
    named = {r for r, _ in out}
    if len(out) < 3 or not named & {columns.RISK, columns.WHAT} or stray > len(out):
        return None
    return out


def _goes_on_header(text: str) -> bool:
    """A line of the header's further words ("åtgärd", "Omfattning/", "Kontrollansvarig
    Rapportering S Konse-"): each in lower case, naming a role or broken off."""
    tokens = text.split()
    # The last word may be a word broken off at its cell's edge ("Konse" / "kvens").
    return 0 < len(tokens) <= _MAX_HEADER_WORDS and all(
        t[0].islower() or t[0] in "(/" or t.endswith(_BROKEN) or columns.role(t) is not None
        for t in tokens[:-1]
    )


def _joined_header(header: list[tuple[str, str]], text: str) -> list[tuple[str, str]]:
    out = list(header)
    for token in text.split():
        named = columns.role(token)
        last_role, last_text = out[-1]
        broken = last_text.endswith(_BROKEN) or (
            token[0].islower() and columns.role(last_text.split()[-1]) is None
        )
        if broken and token[0].islower() and " " not in last_text:
            # A word broken at the cell's edge ("Konse" / "kvens").
            out[-1] = (columns.role(last_text + token) or last_role, last_text + token)
        elif last_text.endswith(_BROKEN):
            # A word broken at the cell's edge ("Konse-" / "kvens") or after a slash.
            out[-1] = (columns.role(last_text + token) or last_role, last_text + token)
        elif named is not None and named not in {r for r, _ in out} and token[0].isupper():
            out.append((named, token))
        elif token[0].isupper() and (token.endswith(_BROKEN) or named is None):
            out.append((last_role, token))  # a broken word's first part, named when joined
        else:
            out[-1] = (last_role, f"{last_text} {token}")
    return out


def _running(text: str, outside: set[str]) -> bool:
    """A page's running head or foot among the table's lines: a line of the letter head
    again, a case number or page, or the plan's title with its year."""
    return (
        vocab.fold(text) in outside
        or bool(_HEAD_RE.search(text))
        or furniture.is_furniture(text)
        or bool(_TITLE_RE_LINE.match(text))
    )


def _heading_alone(ln: Line) -> bool:
    tokens = ln.text.split()
    return 0 < len(tokens) <= 3 and ln.text[:1].isupper() and shape(ln.text) is None


def _starts_chunk(word: str, following: str, before: str) -> bool:
    if word[:1].isupper():
        # An abbreviation in capitals goes on with the text ("enligt LOU"), but "VB" is a
        # reporting time of its own.
        return not (len(word) > 1 and word.isupper() and word.isalpha()) or words.only_when(word)
    if word[:1].isdigit():
        # A step or a value standing alone, or a number beginning a cell ("10 ärenden"),
        # not one inside a text ("Tertial 1 och", "Ett urval om 5 %").
        if not word.isdigit():
            return False
        if not following or following in "–-" or following[0].isdigit() or following[0].isupper():
            return True
        after_word = before[-1:].isalpha() and vocab.ends_open(before)  # "om 5 %"
        return not (after_word or words.only_when(f"{before} {word}"))
    return False


def _chunks(body: list[Line]) -> list[_Chunk]:
    """The body's words as chunks of text, each a cell or the start of one."""
    tokens = [
        (piece, ln.page)
        for ln in body
        for w in ln.text.split()
        for piece in _GLUED_RE.split(w)
        if piece
    ]
    out: list[_Chunk] = []
    for k, (word, page) in enumerate(tokens):
        following = tokens[k + 1][0] if k + 1 < len(tokens) else ""
        last = out[-1].text if out else ""
        opens = last.endswith(_OPEN_END) or last.rsplit(" ", 1)[-1] in _JOINING
        before = tokens[k - 1][0] if k else ""
        if not out or (_starts_chunk(word, following, before) and not opens):
            out.append(_Chunk(word, page))
        else:
            out[-1].text = f"{last} {word}"
    return out


def shape(text: str) -> set[str] | None:
    """The columns a chunk's shape fits, or None for text."""
    fits: set[str] = set()
    folded = words.fold(text)
    if _ASSESSMENT_RE.match(text) or _scale_word(folded):
        fits |= {columns.PROBABILITY, columns.CONSEQUENCE}
    if _VALUE_RE.match(text):
        fits.add(columns.VALUE)
    if words.only_when(text):
        fits.add(columns.WHEN)
    if _FREQUENCY_RE.match(folded):
        fits.add(columns.FREQUENCY)
    tokens = text.split()
    if 0 < len(tokens) <= 3 and _TITLE_RE.match(tokens[-1]):
        fits.add(columns.RESPONSIBLE)
    return fits or None


def _scale_word(folded: str) -> bool:
    scales = (*words.PROBABILITY_SCALES, *words.CONSEQUENCE_SCALES)
    return any(scale.step(folded) is not None for scale in scales)


def _rows(roles: list[str | None], chunks: list[_Chunk]) -> list[Row]:
    """The chunks fitted into rows of the header's columns."""
    order = [r for r in roles if r is not None]
    rows: list[dict[str, str]] = []
    pages: list[tuple[int, int]] = []
    cells: dict[str, str] = {}
    at = -1  # the index in `order` of the row's last column filled
    group: list[_Chunk] = []
    span = (0, 0)

    def close() -> None:
        nonlocal cells, at
        if cells:
            rows.append(cells)
            pages.append(span)
        cells, at = {}, -1

    def fill(chunks: list[_Chunk], slots: list[int]) -> None:
        texts = [c.text for c in chunks]
        if texts and not slots:
            # No text column left before the next value: the row's last cell goes on.
            if at >= 0:
                cells[order[at]] = " ".join([cells.get(order[at], ""), *texts]).strip()
            return
        while len(texts) > len(slots):
            # More text than columns: a capital inside a cell's text began a chunk; the
            # shortest chunk goes on with the one before it.
            k = min(range(1, len(texts)), key=lambda m: len(texts[m].split()))
            texts[k - 1] = f"{texts[k - 1]} {texts.pop(k)}"
        for slot, text in zip(_aligned(order, slots, len(texts)), texts, strict=True):
            cells[order[slot]] = text
        for c in chunks:
            seen(c)

    def seen(chunk: _Chunk) -> None:
        nonlocal span
        span = (chunk.page, chunk.page) if not cells else (span[0], chunk.page)

    def text_slots(start: int, stop: int) -> list[int]:
        return [j for j in range(start, stop) if order[j] in _TEXT_ROLES]

    def place(chunk: _Chunk | None) -> None:
        nonlocal at, group
        fits = shape(chunk.text) if chunk is not None else None
        target = None
        if chunk is None:
            target = len(order)
        elif fits is not None:
            target = next((j for j in range(at + 1, len(order)) if order[j] in fits), None)
            if target is None and not any(r in fits for r in order):
                fits = None  # a shape of no column here: text
        if chunk is not None and fits is None:
            group.append(chunk)
            if len(group) > _MAX_GROUP:
                group[-2].text += " " + group.pop().text
            return
        if (
            chunk is not None
            and target is not None
            and group
            and at >= 0
            and not text_slots(at + 1, target)
        ):
            target = None  # text with no column before the value: the next row's
        if target is not None:
            fill(group, text_slots(at + 1, target))
        else:
            # The shaped chunk begins the next row: the text before it closes this row
            # (its last columns) and opens the next (the columns before the chunk's).
            first = next(j for j in range(len(order)) if order[j] in (fits or ()))
            tail, head = text_slots(at + 1, len(order)), text_slots(0, first)
            if any(order[j] in _CONTROL_VALUES for j in range(first)):
                # The row begins at a value after the control's own values (the
                # assessment after the controls): a risk without a control, its text the
                # risk's only.
                head = [j for j in head if order[j] in (columns.PROCESS, columns.RISK)]
            if not head:
                closing = len(tail)
            elif cells.keys() & set(columns.CONTROL_ROLES):
                closing = min(len(tail), max(len(group) - 1, 0))
            else:
                # A risk without controls has no control text to close: the next row's.
                closing = max(len(group) - len(head), 0)
            fill(group[:closing], tail)
            close()
            opening = group[closing:]
            if opening:
                fill(opening, head)
            target = first
        group = []
        if chunk is not None:
            seen(chunk)
            cells[order[target]] = chunk.text
            at = target

    for chunk in chunks:
        place(chunk)
    place(None)
    close()
    _processes_back(rows)
    return [Row(c, p) for c, p in zip(rows, pages, strict=True) if c]


def _aligned(order: list[str], slots: list[int], count: int) -> list[int]:
    """The text columns `count` chunks go to: the last ones (a row's first cells are the
    ones left empty: a merged process), but a control's method or scope never without
    its control: then the risk's columns among them, the last ones again."""
    chosen = slots[len(slots) - count :]
    control = {columns.METHOD, columns.SCOPE}
    filled = {order[j] for j in chosen}
    what_left = any(order[j] == columns.WHAT for j in slots) and columns.WHAT not in filled
    if filled & control and what_left:
        risk_part = [j for j in slots if order[j] in (columns.PROCESS, columns.RISK)]
        if len(risk_part) >= count:
            return risk_part[len(risk_part) - count :]
    return chosen


def _processes_back(rows: list[dict[str, str]]) -> None:
    """A process drawn once for its rows stands at one of them: the risks above it
    without a process, back to the last process, are its."""
    waiting: list[dict[str, str]] = []
    for cells in rows:
        if columns.PROCESS in cells:
            for row in waiting:
                row[columns.PROCESS] = cells[columns.PROCESS]
            waiting = []
        elif columns.RISK in cells:
            waiting.append(cells)
