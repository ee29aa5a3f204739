"""What shape a plan's text has, and the same text in the shape the parser reads.

Text reaches the importer in the shapes tools leave it in: written as markdown or plain
text, copied from a PDF viewer, converted by pdftotext or pypdf. Each shape is recognised
by a general property of the whole text, never by a particular plan's words, and turned
into plain lines (one line per line of the document, a blank line between paragraphs)
before the parser reads it.

- **Double-spaced** (a PDF viewer's copy, some converters): an empty line after every
  line, so that no two lines of text ever stand together, the single ones inside
  sentences wrapped at the page's width; a paragraph's end may show as two or more.
  Read as: one empty line joins, two or more end the paragraph.
- **Run together** (a web archive's text of a page, a PDF reflowed): a whole page on one
  line. Read as lines again where a plan's structure shows in the words themselves: the
  running head and foot every page begins and ends with, before the chain's labels, the
  letter head's fields and a goal's narrative headings, around a table's header and after
  each of its rows (a row ends in its periodicity or its dates).
"""

from __future__ import annotations

import re

from . import vocab

# Below this many lines of text a document is too short to tell its shape by.
_MIN_LINES = 8
# At most this share of the lines of text may stand directly on another for the text to
# be double-spaced: a heading pasted in by hand, a table row kept whole.
_ADJACENT_SHARE = 0.05
# At least this share of the single empty lines must fall inside a sentence (the line
# before ends without a full stop, the one after starts in lower case): a page's lines
# wrapped at its width. A text of one-line paragraphs, each with an empty line after it,
# has none, and is left as it is.
_WRAPPED_SHARE = 0.1
# Or at least this share of the lines end in one space, as a viewer copies each line (two
# spaces are markdown's line break, no copy's).
_SPACED_SHARE = 0.5
_OPEN_END_RE = re.compile(r"[\w,–-]\s*$")
_LOWER_START_RE = re.compile(r"^\s*[a-zåäö]")


def is_double_spaced(text: str) -> bool:
    """Whether almost every line of text is followed by an empty line, and the single ones
    fall inside sentences or the lines end in a space. (A paragraph's end may show as more
    empty lines, or not at all, as the copy from a viewer that knows no paragraphs.)"""
    filled = adjacent = single = wrapped = spaced = 0
    blanks = 0
    previous = ""
    for line in text.split("\n"):
        if not line.strip():
            blanks += 1
            continue
        if filled:
            if blanks == 0:
                adjacent += 1
            elif blanks == 1:
                single += 1
                wrapped += bool(_OPEN_END_RE.search(previous) and _LOWER_START_RE.match(line))
        filled += 1
        spaced += line.endswith(" ") and not line.endswith("  ")
        blanks, previous = 0, line
    return (
        filled >= _MIN_LINES
        and adjacent <= _ADJACENT_SHARE * filled
        and (wrapped >= _WRAPPED_SHARE * single or spaced >= _SPACED_SHARE * filled)
    )


_BLANK_RUN_RE = re.compile(r"\n(?:[ \t]*\n)+")


def undouble(text: str) -> str:
    """A double-spaced text as plain lines: one empty line joins, more end a paragraph."""

    def run(match: re.Match[str]) -> str:
        return "\n\n" if match.group(0).count("\n") > 2 else "\n"

    return _BLANK_RUN_RE.sub(run, text)


def normalise(text: str) -> str:
    """The text in the shape the parser reads (each page alone: "\\f" separates them)."""
    if is_double_spaced(text):
        return "\f".join(undouble(page) for page in text.split("\f"))
    if is_run_together(text):
        return unrun(text)
    return text


# A run-together text: most of its characters stand in lines longer than any line of a
# page, and there are few lines (a page each, and the site's words around them).
_RUN_LINE = 600
_RUN_SHARE = 0.6


def is_run_together(text: str) -> bool:
    lines = [line for line in text.replace("\f", "\n").split("\n") if line.strip()]
    long = sum(len(line) for line in lines if len(line) >= _RUN_LINE)
    return bool(lines) and long >= _RUN_SHARE * sum(len(line) for line in lines)


def unrun(text: str) -> str:
    """Each long line (a page) as the lines its structure shows, its running head and foot
    on lines of their own; pages keep their breaks (one line each)."""
    pages = [line for line in text.replace("\f", "\n").split("\n")]
    long = [line for line in pages if len(line) >= _RUN_LINE]
    head, foot = _running(long, prefix=True), _running(long, prefix=False)
    numbered = _page_numbers(pages, head, foot)
    out = []
    budget = False  # a budget table began: it may go on over the next page, headless
    for n, line in enumerate(pages):
        # A page may be short (the last one, a budget alone): a line no page's text is as
        # short as, the site's own words around the pages, is left as it is.
        if len(line) < _SHORT_PAGE:
            out.append(line)
            continue
        start, end = _edge(head, line, prefix=True), len(line) - _edge(foot, line, prefix=False)
        number = numbered.get(n)
        if number is not None:
            start, end = (start, end - number) if number > 0 else (start - number, end)
        body, budget = _split_structure(line[start:end], budget=budget)
        parts = [line[:start], body, line[end:]]
        out.append("\n".join(p.strip() for p in parts if p.strip()))
    return "\f".join(out)


# A page's text is at least this long; shorter lines around the pages are the site's.
_SHORT_PAGE = 150
_DIGITS_RE = re.compile(r"\d+")
# What starts or ends a page's running head or foot: at most this long, on this share of
# the pages (the first page has a letter head instead; the last may end short).
_RUNNING_LENGTH = 300
_RUNNING_SHARE = 0.6
_RUNNING_MIN_PAGES = 3


def _edge(rx: re.Pattern[str] | None, page: str, *, prefix: bool) -> int:
    """How many characters of the page the running head (prefix) or foot `rx` takes."""
    if rx is None:
        return 0
    edge = page[:_RUNNING_LENGTH] if prefix else page[-_RUNNING_LENGTH:]
    m = rx.search(edge)
    if m is None:
        return 0
    return m.end() if prefix else len(edge) - m.start()


def _running(pages: list[str], *, prefix: bool) -> re.Pattern[str] | None:
    """The running head (prefix) or foot of the pages: the longest start or end, at a
    word's edge, that most pages share with only their numbers changed ("Sid 3 (19)",
    "Sid 10 (19)")."""
    if len(pages) < _RUNNING_MIN_PAGES:
        return None
    edges = [p[:_RUNNING_LENGTH] if prefix else p[-_RUNNING_LENGTH:] for p in pages]
    masked = [_DIGITS_RE.sub("#", e) for e in edges]
    need = max(_RUNNING_MIN_PAGES, int(_RUNNING_SHARE * len(pages) + 0.999))
    best = ""
    for sample in masked[1:4]:  # the first page has the letter head instead
        cuts = [m.start() for m in re.finditer(r"\s", sample)]
        for cut in sorted(cuts, reverse=prefix):
            piece = sample[:cut] if prefix else sample[cut + 1 :]
            if len(piece) <= len(best) or len(piece) < 10:
                continue
            if sum(1 for m in masked if (m.startswith if prefix else m.endswith)(piece)) >= need:
                best = piece
                break
    if not best:
        return None
    pattern = re.escape(best).replace("\\#", "#").replace("#", r"\d+")
    return re.compile(f"^{pattern}" if prefix else f"{pattern}$")


_LAST_NUMBER_RE = re.compile(r"(?<!\S)(\d{1,4})\s*$")
_FIRST_NUMBER_RE = re.compile(r"^\s*(\d{1,4})(?!\S)")


def _page_numbers(
    pages: list[str], head: re.Pattern[str] | None, foot: re.Pattern[str] | None
) -> dict[int, int]:
    """The pages that end (or, negative, start) in their own page number standing alone
    inside the running head and foot, and how many characters it takes. A page's number
    is its place counted from the first page, give or take one offset the pages share
    (a cover without a number); a number that does not count with the pages is text."""
    found: dict[int, int] = {}
    for rx, sign in ((_LAST_NUMBER_RE, 1), (_FIRST_NUMBER_RE, -1)):
        hits: dict[int, tuple[int, int]] = {}
        for n, page in enumerate(pages):
            if len(page) < _SHORT_PAGE:
                continue
            start = _edge(head, page, prefix=True)
            end = len(page) - _edge(foot, page, prefix=False)
            m = rx.search(page[start:end])
            if m is not None:
                hits[n] = (int(m.group(1)) - n, len(m.group(0)))
            elif (m := rx.search(page)) is not None:
                hits[n] = (int(m.group(1)) - n, 0)  # in the running head or foot already
        offsets = [offset for offset, _ in hits.values()]
        if not offsets:
            continue
        common = max(set(offsets), key=offsets.count)
        count = sum(1 for p in pages if len(p) >= _SHORT_PAGE)
        if offsets.count(common) >= max(_RUNNING_MIN_PAGES, _RUNNING_SHARE * count):
            for n, (offset, width) in hits.items():
                if offset == common and width and n not in found:
                    found[n] = sign * width
    return found


# The periodicities as a row's cell writes them: capitalised ("Tertial", "Varje år").
_PERIOD_WORDS = "|".join(
    sorted((re.escape(p[:1].upper() + p[1:]) for p in vocab.PERIODS), key=len, reverse=True)
)
_NARRATIVE_HEADINGS = (
    r"Beskrivning|Förväntat resultat|Arbetssätt|Resursanvändning|Uppföljning|Utveckling"
)
# A table's value columns as their headers name them (tables._ROLE_WORDS), longest first.
_COLUMN_WORDS = (
    r"(?:KF:s|Stadens|Nämndens|Enhetens)\s+årsmål|Årsmål|Målvärde|Målnivå|Periodicitet|"
    r"Mätperiod|Frekvens|Period|Startdatum|Slutdatum|Start|Slut"
)
# What a row's name starts with: a capital and a letter ("Lokaler", "LASS-assistans").
_NAME_START = r"[A-ZÅÄÖ][A-ZÅÄÖa-zåäö]"
# What a narrative heading's text starts with: a sentence, "a) …", "- …" or "• …".
_ITEM_START = r"(?:[A-ZÅÄÖ]|[a-z]\)|[-•]\s)"
# Each is a place to cut, before (lookahead) or after (group 1) what it names.
_STRUCTURE_RES = (
    # A goal's narrative heading between its title and its text: "… bemötande Förväntat
    # resultat Målet nås …". Capitalised, with a capitalised sentence after it.
    (re.compile(rf"(?<=\S)\s+(?=(?:{_NARRATIVE_HEADINGS})\s+{_ITEM_START})"), "\n"),
    # The budget's heading and its header: "Budget 2025 Belopp i tkr Kostnader … Netto".
    (re.compile(r"(?<=\S)\s+(?=Budget\s+(?:19|20)\d\d\b|Belopp(?:en)?\s+(?:anges\s+)?i\s+)"), "\n"),
    (re.compile(r"\b(Netto)\s+(?=[A-ZÅÄÖ][a-zåäö])"), "\\1\n"),
    (re.compile(rf"\b({_NARRATIVE_HEADINGS})\s+(?={_ITEM_START})"), "\\1\n"),
    # The letter head's addressee after the officer's telephone: "… 08-508 80 443 Till X".
    (re.compile(r"(?<=\d)\s+(?=Till\s+[A-ZÅÄÖ])"), "\n"),
    # A table's header on a line of its own: "KF:s indikatorer Årsmål KF:s årsmål
    # Periodicitet", "Aktivitet Start Slut", in any of the words tables.py knows.
    (
        re.compile(
            r"(?<!\S)((?:(?:KF:s|Nämndens|Enhetens|Stadens)\s+)?(?:[Ii]ndikatorer|[Aa]ktiviteter|"
            rf"Indikator|Aktivitet)(?:\s+(?:{_COLUMN_WORDS})){{1,4}})(?!\S)"
        ),
        "\n\\1\n",
    ),
    # A one-column budget's sections: "… i tkr Budget Intäkter Taxor och avgifter 0 …".
    (
        re.compile(
            r"(?<=\S)\s+(?=(?:Intäkter|Kostnader)\s+(?!Netto|Intäkter|Kostnader)[A-ZÅÄÖ][a-zåäö])"
        ),
        "\n",
    ),
    (
        re.compile(r"\b(Intäkter|Kostnader)\s+(?!Netto|Intäkter|Kostnader)(?=[A-ZÅÄÖ][a-zåäö])"),
        "\\1\n",
    ),
    # A row's end: its periodicity or its dates, before the next row's capital.
    (re.compile(rf"\b({_PERIOD_WORDS})\s+(?={_NAME_START})"), "\\1\n"),
    (re.compile(rf"\b((?:19|20)\d\d-\d\d-\d\d)\s+(?={_NAME_START})"), "\\1\n"),
)


# A budget table's header, and after it a row's end: an amount before the next row's name.
_BUDGET_HEADER_RE = re.compile(r"\b(?:Kostnader|Intäkter|Netto|Beloppen anges i)\b")
_AMOUNT_END_RE = re.compile(rf"(\d|[-–])\s+(?={_NAME_START})")


def _split_structure(page: str, *, budget: bool) -> tuple[str, bool]:
    """The page's lines, and whether a budget table has begun (on it or before it)."""
    page = "\n".join(vocab.split_inline_labels(page))  # the chain's labels, the letter head
    page = _BROKEN_WORD_RE.sub(_mend, page)
    for rx, cut in _STRUCTURE_RES:
        page = rx.sub(cut, page)
    header = None if budget else _BUDGET_HEADER_RE.search(page)
    if budget or header is not None:
        start = header.start() if header is not None else 0
        page = page[:start] + _AMOUNT_END_RE.sub("\\1\n", page[start:])
    return page, budget or header is not None


# A word the page's width broke, its line end now one space: "förvalt- ning", "kWh/ kvm".
# After a hyphen the next word may instead end a shortened compound ("hälso- och
# sjukvård"): a conjunction follows there, never here.
_BROKEN_WORD_RE = re.compile(
    r"(?<!\w)(\w+)([-/]) (?!(?:"
    + "|".join(re.escape(w) for w in sorted(vocab.CONJUNCTIONS))
    + r")(?!\w))(?=[a-zåäö])"
)


def _mend(match: re.Match[str]) -> str:
    word, mark = match.group(1), match.group(2)
    if mark == "/":
        return f"{word}/"
    return f"{word}-" if vocab.own_hyphen(word) else word
