"""Plain, markdown and PDF-extracted text into lines, and lines into blocks.

The hard part is text without markup (PDF output): headings, paragraphs and
table rows must be told apart by their shape, page furniture dropped, wrapped
lines and hyphenated words joined.
"""

from __future__ import annotations

import re
import unicodedata

from . import detect, markup, shapes, tables, vocab
from .blocks import Block, Line, Para, Table
from .furniture import is_furniture

MAX_LINE = 20_000  # longer "lines" are noise; cut so every regex stays cheap
# A plan's widest table has about a dozen columns. Every cell is read several times
# (inline markup, its role in the table), so a row of 10 000 cells cost 7 ms: a 4 MB
# file of such rows took 13 s. Cells past this are kept as text of the last cell.
MAX_CELLS = 64

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\u200b-\u200d\u2060\ufeff\u00ad]")
_PIPE_SEP_RE = re.compile(r"^\s*[|+]?\s*:?[-=]{2,}:?\s*([|+]\s*:?[-=]{2,}:?\s*)*[|+]?\s*$")
_DOT_LEADER_RE = re.compile(r"(?:\.\s?){4,}|…{2,}|(?:\.\s?){2,}\s*\d{1,3}\s*$")
_COLUMN_GAP_RE = re.compile(r"\S {3,}\S")
_TOC_ENTRY_RE = re.compile(r"^.{2,200}?(?:\s|\t|\.)\d{1,3}\s*$")


def normalise(text: str) -> str:
    """Normalise line ends, control characters and Unicode form."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL_RE.sub("", text)
    return unicodedata.normalize("NFC", text)


def _pipe_cells(line: str) -> list[str] | None:
    s = line.strip()
    if s.count("|") < 2 or not (s.startswith("|") or s.count(" | ") >= 2):
        return None
    s = s.removeprefix("|").removesuffix("|")
    return [c.strip() for c in s.split("|")]


def _split_runs(raw: str) -> list[str]:
    """Split labels run together with their headings ("NÄMNDMÅL:**2. X****ÅTAGANDE:**")."""
    parts = [p for p in re.split(r"\*{4,}", raw) if p.strip()] if "****" in raw else [raw]
    # Run-together text is one flow of words; a laid-out line's columns are apart already.
    parts = [
        piece
        for part in parts
        for piece in ([part] if _COLUMN_GAP_RE.search(part) else vocab.split_inline_labels(part))
    ]
    out: list[str] = []
    for part in parts:
        m = re.match(r"^\s*(\*\*|__)(.{2,80}?)\1\s*(\S.*)$", part)
        if m and (vocab.match_label(m.group(2)) or vocab.match_narrative(m.group(2))):
            out.extend([m.group(2), m.group(3)])
        else:
            out.append(part)
    return out


def _balance(part: str) -> str:
    s = part.strip()
    if s.startswith("**") and not s.endswith("**"):
        return s + "**"
    if s.endswith("**") and not s.startswith("**"):
        return "**" + s
    return s


def text_to_lines(text: str, *, plain: bool = False, max_lines: int | None = None) -> list[Line]:
    """Turn a text document (plain, markdown, HTML-ish, PDF output) into lines.

    plain: the text is a PDF's, never markup: its "*", "_", "<" and "#" are the plan's
    own characters and are kept.
    """
    text = normalise(text)
    text = shapes.normalise(text if plain else markup.html_to_text(text))
    if max_lines is not None:
        detect.check_line_count(text, max_lines)  # the shape read may have cut more lines
    lines: list[Line] = []
    for page, page_text in enumerate(text.split("\f")):
        for raw in page_text.split("\n"):
            lines.extend(physical_line(raw[:MAX_LINE], page, plain=plain))
    return lines


# "Telefon: 08-…" beside "Till" in a letter head is the officer's field, not a page's foot:
# it stays for the header block (after the front matter, drop_furniture drops such lines).
_LABELLED_CONTACT_RE = re.compile(r"^\s*(?:telefon|tel|e-?post|mejl)\s*:", re.IGNORECASE)


def _drop_furniture_segments(raw: str) -> str:
    """Drop "Sid 3 (17)" from a laid-out line such as "Verksamhetsplan      Sid 3 (17)"."""
    parts = re.split(r"( {3,})", raw)
    kept = [
        p if p.isspace() or _LABELLED_CONTACT_RE.match(p) or not is_furniture(p) else " " * len(p)
        for p in parts
    ]
    return "".join(kept).rstrip()


def _at_most_cells(cells: list[str]) -> list[str]:
    if len(cells) <= MAX_CELLS:
        return cells
    return [*cells[: MAX_CELLS - 1], " ".join(cells[MAX_CELLS - 1 :])]


def physical_line(raw: str, page: int, *, plain: bool = False) -> list[Line]:
    strip = markup.fold_space if plain else markup.strip_inline
    if not raw.strip() or not strip(raw):
        return [Line("", raw=raw, page=page, blank=True)]
    if _PIPE_SEP_RE.match(raw):
        return []
    if "\t" not in raw and re.search(r"\S {3,}\S", raw):
        raw = _drop_furniture_segments(raw)
        if not raw.strip():
            return [Line("", raw=raw, page=page, blank=True)]
    if "\t" in raw and not _DOT_LEADER_RE.search(raw):
        cells = [strip(c) for c in _at_most_cells(raw.split("\t"))]
        return [Line(" ".join(c for c in cells if c), cells=cells, raw=raw, page=page)]
    piped = None if plain else _pipe_cells(raw)
    if piped is not None:
        cells = [strip(c) for c in _at_most_cells(piped)]
        return [Line(" ".join(c for c in cells if c), cells=cells, raw=raw, page=page)]
    level, body = (0, raw) if plain else markup.heading_level(raw)
    out = []
    for part in _split_runs(body):
        bold = not plain and markup.is_bold(_balance(part))
        clean = strip(part)
        if not clean:
            continue
        is_bullet, clean = markup.bullet(clean) if not level else (False, clean)
        out.append(Line(clean, heading=level, bold=bold, bullet=is_bullet, raw=raw, page=page))
    return out


def drop_toc(lines: list[Line]) -> list[Line]:
    """Drop the table of contents: its heading and the entries with page numbers."""
    out: list[Line] = []
    in_toc = False
    after_entry = False  # the last non-blank line was a TOC heading or entry
    for i, ln in enumerate(lines):
        text = ln.text
        if vocab.TOC_RE.match(text):
            in_toc = after_entry = True
            continue
        if _DOT_LEADER_RE.search(text) and len(text) < 300:
            after_entry = True
            continue
        if after_entry and not ln.blank and _wraps_into_entry(lines, i):
            continue  # the first line of an entry too long for one line
        if not ln.blank:
            after_entry = False
        if in_toc:
            if ln.blank:
                continue
            if _TOC_ENTRY_RE.match(text) or (ln.cells and _TOC_ENTRY_RE.match(text)):
                continue
            in_toc = False
        out.append(ln)
    return out


def _wraps_into_entry(lines: list[Line], i: int) -> bool:
    """Whether the line goes on as a dot-leader TOC entry on the next non-blank line."""
    if lines[i].cells is not None or len(lines[i].text) > 200:
        return False
    for ln in lines[i + 1 : i + 3]:
        if not ln.blank:
            return bool(_DOT_LEADER_RE.search(ln.text)) and len(ln.text) < 300
    return False


def wrap_width(lines: list[Line]) -> int | None:
    """The page width of hard-wrapped text, or None when paragraphs are whole lines.

    Evidence of wrapping is a line that stops mid-sentence with the next line
    going on in lower case; the width is how long such lines typically are.
    """
    wraps = []
    for a, b in zip(lines, lines[1:], strict=False):
        if a.blank or b.blank or a.cells is not None or b.cells is not None or a.bullet:
            continue
        if b.text[:1].islower() and not a.text.endswith(_SENTENCE_END):
            wraps.append(len(a.text))
    if len(wraps) < 3:
        return None
    wraps.sort()
    width = wraps[int(len(wraps) * 0.75)]
    return width if 30 <= width <= 140 else None


_SENTENCE_END = (".", "!", "?", ":", ";")


# How much of the left side a join looks at. A join is decided by the end of the
# text so far (a hyphen, the word before it), never by the whole paragraph: a
# paragraph of 100,000 wrapped lines is then joined in linear time.
_JOIN_TAIL = 64
_HYPHEN_END_RE = re.compile(r"[A-Za-zÅÄÖåäöéü]-$")
_SLASH_END_RE = re.compile(r"\w/$")
_WORD_BREAK = frozenset(" \t\n\r\f\v/([\"”“'")


def _kept_hyphen(left: str) -> bool:
    """Whether the hyphen `left` ends with is its word's own (vocab.own_hyphen). Only the
    last _JOIN_TAIL characters are read: no real word is longer."""
    end = len(left) - 1
    start = end
    while start > 0 and end - start < _JOIN_TAIL:
        if left[start - 1].isspace() or left[start - 1] in _WORD_BREAK:
            break
        start -= 1
    word = left[start:end]
    return bool(word) and vocab.own_hyphen(word)


def _joint(left: str, right: str) -> tuple[int, str]:
    """How `right` joins the text ending in `left`: characters to drop from it, separator."""
    if not left:
        return 0, ""
    if _SLASH_END_RE.search(left[-2:]) and right[:1].isalnum():
        return 0, ""  # "nämnd/" + "styrelse": a line breaks after a slash, not at a space
    if _HYPHEN_END_RE.search(left[-3:]) and right:
        first = right.split(" ", 1)[0].strip(",.").casefold()
        if right[0].islower() and first not in vocab.CONJUNCTIONS:
            return (0 if _kept_hyphen(left[-_JOIN_TAIL:]) else 1), ""
        if right[0].isupper() and not right[:2].isupper():
            return 0, ""
    return 0, " "


def join_wrapped(left: str, right: str) -> str:
    """Join two wrapped lines, mending a word hyphenated at the line end."""
    if not left:
        return right
    drop, sep = _joint(left[-_JOIN_TAIL:], right)
    return left[: len(left) - drop] + sep + right


class Wrapped:
    """A paragraph's text joined line by line as join_wrapped would, in linear time.

    Joining strings one line at a time copies the growing paragraph on every
    line (quadratic on a file of identical lines); this keeps the pieces and
    decides each join from the last characters only.
    """

    def __init__(self, text: str = "") -> None:
        self._parts = [text]
        self.tail = text[-_JOIN_TAIL:]
        self.length = len(text)

    def add(self, right: str) -> None:
        drop, sep = _joint(self.tail, right)
        if drop:
            while not self._parts[-1]:
                self._parts.pop()
            self._parts[-1] = self._parts[-1][:-drop]
        self._parts.append(sep + right)
        self.tail = (self.tail[: len(self.tail) - drop] + sep + right)[-_JOIN_TAIL:]
        self.length += len(sep) + len(right) - drop

    def __bool__(self) -> bool:
        return self.length > 0

    def __str__(self) -> str:
        if len(self._parts) > 1:
            self._parts = ["".join(self._parts)]
        return self._parts[0]


def _short_heading(prev: Line | None, ln: Line, nxt: Line | None, width: int | None) -> bool:
    """A line that stands alone as a heading in text without markup."""
    t = ln.text
    if ln.bullet or ln.cells is not None or len(t) > 90 or len(t.split()) > 12:
        return False
    if t.endswith((".", ",", ";", ":")) or not (t[0].isupper() or t[0].isdigit()):
        return False
    if _mid_sentence(prev):
        return False  # the line goes on from a sentence above
    if nxt is None or nxt.blank:
        return True
    if nxt.cells is not None:
        return True
    return nxt.text[:1].isupper() or nxt.text[:1].isdigit() or nxt.bullet


def _mid_sentence(prev: Line | None) -> bool:
    if prev is None or prev.blank or prev.cells is not None:
        return False
    return not (prev.text.endswith(_SENTENCE_END) or _is_marked(prev))


def _is_marked(ln: Line) -> bool:
    return bool(ln.heading or ln.bold or vocab.match_label(ln.text))


def _breaks_alone(ln: Line) -> bool:
    """Lines that are a block of their own whatever surrounds them."""
    t = ln.text
    return bool(
        ln.heading
        or ln.bold
        or vocab.match_label(t)
        or vocab.match_narrative(t)
        or vocab.split_narrative_prefix(t)
        or vocab.APPENDIX_HEADING_RE.match(t)
        or vocab.APPENDIX_ITEM_RE.match(t)
        or vocab.BUDGET_HEADING_RE.match(t)
        or vocab.CLOSING_HEADING_RE.match(t)
    )


def group(lines: list[Line]) -> list[Block]:
    """Group lines into paragraphs and tables."""
    width = wrap_width(lines)
    blocks: list[Block] = []
    cur: Para | None = None
    text = Wrapped()  # cur's text while its lines are joined
    prev_line: Line | None = None
    i = 0
    n = len(lines)

    def start(para: Para) -> Para:
        nonlocal text
        text = Wrapped(para.text)
        return para

    def flush() -> None:
        nonlocal cur
        if cur is not None:
            cur.text = str(text)
            if cur.text:
                blocks.append(cur)
        cur = None

    while i < n:
        ln = lines[i]
        if ln.blank:
            flush()
            prev_line = ln
            i += 1
            continue
        if ln.cells is not None:
            flush()
            rows, raws = [], []
            first = ln.page
            lost = False
            while i < n and lines[i].cells is not None:
                rows.append(lines[i].cells or [])
                raws.append(lines[i].raw)
                lost = lost or lines[i].values_lost
                i += 1
            blocks.append(Table(rows, raws, pages=(first, lines[i - 1].page), values_lost=lost))
            prev_line = lines[i - 1]
            continue
        if tables.header_role_count(ln.text) >= 2 and not ln.heading:
            captured = tables.capture_spaced(lines, i, width)
            if captured is not None:
                flush()
                first = ln.page
                table, i = captured
                table.pages = (first, lines[i - 1].page)
                blocks.append(table)
                prev_line = lines[i - 1]
                continue
        nxt = lines[i + 1] if i + 1 < n else None
        if _breaks_alone(ln) or (
            width is None and cur is None and _short_heading(prev_line, ln, nxt, width)
        ):
            flush()
            para = Para(
                ln.text,
                heading=ln.heading,
                bold=ln.bold,
                bullet=ln.bullet,
                short_heading=_short_heading(prev_line, ln, nxt, width),
                pages=(ln.page, ln.page),
            )
            i += 1
            label = vocab.match_label(ln.text)
            if label is not None and label.rest:
                # A title run together with its label wraps onto the next line.
                title = Wrapped(para.text)
                while i < n and (_wrapped_tail(lines[i]) or _goes_on(title.tail, lines[i])):
                    title.add(lines[i].text)
                    para.pages = (para.pages[0], lines[i].page)
                    i += 1
                para.text = str(title)
            blocks.append(para)
            prev_line = lines[i - 1]
            continue
        if ln.bullet:
            flush()
            cur = start(Para(ln.text, bullet=True, pages=(ln.page, ln.page)))
        elif cur is None:
            cur = start(Para(ln.text, pages=(ln.page, ln.page)))
            if width is not None and _short_heading(prev_line, ln, nxt, width):
                cur.short_heading = True
                flush()
        elif _continues(cur, prev_line, ln, width):
            text.add(ln.text)
            cur.lines += 1
            cur.pages = (cur.pages[0], ln.page)
        else:
            flush()
            cur = start(Para(ln.text, pages=(ln.page, ln.page)))
            if width is not None and _short_heading(prev_line, ln, nxt, width):
                cur.short_heading = True
                flush()
        prev_line = ln
        i += 1
    flush()
    return merge_broken(blocks)


def _goes_on(tail: str, ln: Line) -> bool:
    """A title that stopped on a word needing the next goes on on the next line."""
    return (
        vocab.ends_open(tail)
        and not ln.blank
        and ln.cells is None
        and len(ln.text) < 120
        and not _breaks_alone(ln)
        and tables.header_role_count(ln.text) < 2
    )


def _wrapped_tail(ln: Line) -> bool:
    return (
        not ln.blank
        and ln.cells is None
        and ln.text[:1].islower()
        and not _breaks_alone(ln)
        and tables.header_role_count(ln.text) < 2
    )


def _continues(cur: Para, prev: Line | None, ln: Line, width: int | None) -> bool:
    """Whether `ln` continues the paragraph `cur` (a wrapped line)."""
    if cur.short_heading:
        return False
    if width is None or prev is None:
        return True
    if cur.bullet:
        return ln.text[:1].islower() or ln.raw[:1] == " " or not prev.text.endswith(".")
    ends = prev.text.endswith(_SENTENCE_END)
    short = len(prev.text) < 0.8 * width
    return not (ends and short)


def merge_broken(blocks: list[Block]) -> list[Block]:
    """Join paragraphs split by a page break or stray blank line mid-sentence."""
    out: list[Block] = []
    text = Wrapped()  # the text of out[-1] when it is a paragraph
    plain = False  # _plain(out[-1])
    for b in blocks:
        prev = out[-1] if out else None
        if (
            isinstance(b, Para)
            and isinstance(prev, Para)
            and plain
            and _plain(b)
            and not text.tail.endswith(_SENTENCE_END)
            and (b.text[:1].islower() or (b.text[:1] in "”\"“'" and text.tail[-1:].isalpha()))
        ):
            head_may_change = text.length <= _PLAIN_HEAD
            text.add(b.text)
            prev.lines += b.lines
            prev.pages = (prev.pages[0], b.pages[1])
            if head_may_change:
                prev.text = str(text)
                plain = _plain(prev)
            continue
        if isinstance(prev, Para):
            prev.text = str(text)
        out.append(b)
        if isinstance(b, Para):
            text, plain = Wrapped(b.text), _plain(b)
    if out and isinstance(out[-1], Para):
        out[-1].text = str(text)
    return out


# _plain reads at most the first 400 characters of a long paragraph (the label
# and narrative matchers cut there; the heading patterns are short), so joining
# more text onto a paragraph longer than this cannot change it.
_PLAIN_HEAD = 402


def _plain(p: Para) -> bool:
    return not (p.heading or p.bold or p.short_heading or p.bullet) and not _breaks_alone(
        Line(p.text)
    )
