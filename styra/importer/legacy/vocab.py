"""The words of a verksamhetsplan: goal-chain labels, narrative headings, table headers.

Everything here is generic vocabulary of the city's planning documents; nothing
is taken from a particular plan.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

LEVELS: tuple[str, ...] = ("direction", "area", "board", "unit")

_LABELS: tuple[tuple[str, str], ...] = (
    ("direction", r"kf\s*:?\s*s\s+inriktningsm[åa]l"),
    ("area", r"kf\s*:?\s*s\s+m[åa]l\s+f[öo]r\s+verksamhetsomr[åa]det?"),
    ("board", r"(?:stadsdels)?n[äa]mndm[åa]l|(?:stadsdels)?n[äa]mndens\s+m[åa]l"),
    (
        "unit",
        r"enhetens\s+[åa]taganden?|[åa]taganden?|enhetsm[åa]l|enhetens\s+m[åa]l",
    ),
)
_LABEL_RE = re.compile(
    r"^\s*(?:" + "|".join(f"(?P<{lvl}>{pat})" for lvl, pat in _LABELS) + r")"
    r"(?![\w])\s*(?P<num>\d{1,2}(?:\.\d{1,2})*)?\s*(?P<colon>[:;.–-])?\s*(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)


# A label with its colon inside a long line, where text run together (a web archive's page
# on one line, a PDF's text reflowed) holds the whole chain: "KF:s inriktningsmål: 1. …
# KF:s mål för verksamhetsområdet: 1.1 … Nämndmål: …". Only with the colon, so that a
# sentence that names an "åtagande" is never cut.
_INLINE_LABEL_RE = re.compile(
    r"(?<=\S)\s+(?=(?:"
    + "|".join(pat for _, pat in _LABELS)
    + r")(?![\w])\s*(?:\d{1,2}(?:\.\d{1,2})*\s*)?:)",
    re.IGNORECASE,
)
INLINE_LABELS_FROM = 120  # characters: shorter lines are a plan's own lines, left as they are


# The letter head's fields and the title inside a long line: "… Handläggare: A. Berg
# Telefon: 08-1 Till: Nämnden Dnr 2025/12 Verksamhetsplan 2026 för …". Capitalised, as a
# field starts, so that "hänvisas till:" in a sentence stays.
_INLINE_FIELD_RE = re.compile(
    r"(?<=\S)\s+(?=(?:Handläggare|Telefon|Tel|Till|Datum|E-?post|Sammanträde(?:sdatum)?)\s*:"
    r"|(?:Dnr|Diarienummer)\b\s*:?\s*\d|Verksamhetsplan(?:en)?\s+(?:för\s+)?(?:199|20\d)\d\b"
    # The headings a plan's text opens with, where the title runs on into them.
    r"|(?:Inledning|Sammanfattning|Förord|Bakgrund|Innehållsförteckning|Innehåll)\s+[A-ZÅÄÖ])"
)


# Words after which a hyphenated line end is a shortened compound ("hälso- och sjukvård"),
# not a word the line broke.
CONJUNCTIONS = frozenset(
    {"och", "eller", "samt", "respektive", "resp", "som", "till", "med", "i", "&"}
)


def own_hyphen(word: str) -> bool:
    """Whether a hyphen after `word` is the word's own: after an abbreviation ("MI-",
    "LSS-") or one letter ("e-"). Nobody breaks a word after its first letter or inside an
    abbreviation, so there it is a compound's hyphen ("MI-samtal", "e-post")."""
    return len(word) == 1 or (word[-1:].isupper() and sum(c.isupper() for c in word) >= 2)


# Words a title or sentence never ends with: a line ending in one goes on below it, even
# where the next line starts with a capital ("… bostäder i" / "Stockholm").
_OPEN_END_RE = re.compile(
    r"(?:^|\s)(?:i|och|för|av|till|med|att|som|på|om|en|ett|de|den|det|från|inom|under|vid|"
    r"eller|samt|mot|hos|genom|utan|efter|mellan)$",
    re.IGNORECASE,
)


def ends_open(text: str) -> bool:
    """Whether text stops on a word that needs the next (a preposition, a conjunction)."""
    return bool(_OPEN_END_RE.search(text[-20:]))


def split_inline_labels(text: str) -> list[str]:
    """A long line cut before each goal-chain label with a colon inside it, and before the
    letter head's fields and title."""
    if len(text) < INLINE_LABELS_FROM:
        return [text]
    return [
        piece
        for part in _INLINE_LABEL_RE.split(text)
        for piece in _INLINE_FIELD_RE.split(part)
        if piece.strip()
    ]


@dataclass(frozen=True)
class Label:
    level: str
    number: str | None
    rest: str  # text run together after the label (a title), possibly empty


def match_label(text: str) -> Label | None:
    """Recognise a goal-chain label at the start of a line, with or without colon."""
    m = _LABEL_RE.match(text[:400])
    if not m:
        return None
    level = next(lvl for lvl, _ in _LABELS if m.group(lvl))
    rest = m.group("rest").strip()
    head = m.group(level)
    if rest and not m.group("colon") and not head.isupper():
        # "Åtagande som …" in running text is a sentence, not a label.
        return None
    return Label(level, m.group("num"), rest)


# Narrative headings of a goal node, with the misspellings seen in real plans
# handled by the edit-distance match below.
NARRATIVE: dict[str, tuple[str, ...]] = {
    "description": ("beskrivning", "målbeskrivning"),
    "expected_result": ("förväntatresultat", "förväntaderesultat", "förväntatresultatet"),
    "method": ("arbetssätt", "arbetssättet", "arbetssättochmetoder", "metod", "arbetsformer"),
    "resources": ("resursanvändning", "resurser", "resursanvändningen"),
    "follow_up": ("uppföljning", "uppföljningochutvärdering"),
    "development": ("utveckling", "utvecklingsområden", "utvecklingsområde"),
}


def _letters(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalpha())


def _distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, giving up early above `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


@functools.lru_cache(maxsize=4096)  # asked several times per line; a document repeats its headings
def match_narrative(text: str) -> str | None:
    """Return the goal field a narrative heading names ("Arbetsätt" -> "method")."""
    if len(text) > 40 or any(ch.isdigit() for ch in text):
        return None
    key = _letters(text)
    if not key:
        return None
    for field, names in NARRATIVE.items():
        for name in names:
            limit = 0 if len(name) < 7 else (1 if len(name) < 12 else 2)
            if _distance(key, name, limit) <= limit:
                return field
    return None


_NARRATIVE_PREFIX_RE = re.compile(r"^\s*([A-Za-zÅÄÖåäöé ]{5,30}?)\s*:\s*(\S.*)$", re.DOTALL)


def split_narrative_prefix(text: str) -> tuple[str, str] | None:
    """Split "Förväntat resultat: God kvalitet." into heading and text."""
    m = _NARRATIVE_PREFIX_RE.match(text[:400] if len(text) > 400 else text)
    if m and match_narrative(m.group(1)):
        return m.group(1), text[m.end(1) :].lstrip(" :").strip()
    return None


# Goal numbers: "1", "2.3", "1.4.", "3.Stadens" (no space after the number).
_NUMBER_RE = re.compile(
    r"^(?P<num>\d{1,2}(?:\.\d{1,2}){0,2})(?:\.\s*|\s+|\)\s*)(?P<title>[\"'”“«(]?[A-ZÅÄÖÉÜ].*)$",
    re.DOTALL,
)


def split_number(text: str) -> tuple[str | None, str]:
    """Split a goal heading into its number (without trailing dot) and title."""
    m = _NUMBER_RE.match(text)
    if not m:
        return None, text
    return m.group("num"), m.group("title").strip()


PERIODS: tuple[str, ...] = (
    "år",
    "halvår",
    "tertial",
    "kvartal",
    "månad",
    "vecka",
    "varje år",
    "vartannat år",
    "årligen",
)

# Headings that are part of the intro/closing but never of the chain.
TOC_RE = re.compile(r"^\s*(innehållsförteckning|innehåll)\s*:?\s*$", re.IGNORECASE)
APPENDIX_HEADING_RE = re.compile(r"^\s*bilag(?:a|or)\s*:?\s*$", re.IGNORECASE)
APPENDIX_ITEM_RE = re.compile(r"^\s*bilaga\s+\d{1,2}\s*[:.\-–]?\s*(?P<name>\S.*)$", re.IGNORECASE)
# Where the next "Bilaga N: Name" starts when several run together on one line (web archive
# text, a PDF's list reflowed): a capital after the separator, and not "se bilaga 2".
APPENDIX_SPLIT_RE = re.compile(r"(?<!\bse)\s+(?=(?i:bilaga)\s+\d{1,2}\s*[:.\-–]\s*[A-ZÅÄÖ0-9])")
BUDGET_HEADING_RE = re.compile(
    r"^\s*(?:budget(?:en)?|ekonomi|uppföljning\s+av\s+ekonomi(?:n)?|ekonomisk\s+uppföljning|"
    r"resultatbudget|driftbudget|budget\s+och\s+ekonomi|ekonomi\s+och\s+budget)"
    r"(?:\s+(?:för\s+)?(?:år\s+)?\d{4})?\s*:?\s*$",
    re.IGNORECASE,
)
CLOSING_HEADING_RE = re.compile(
    r"^\s*(?:övrigt|övriga\s+frågor|övriga\s+upplysningar|avslutning|internkontroll|"
    r"intern\s+kontroll)\s*:?\s*$",
    re.IGNORECASE,
)
FRONT_PHRASE_RE = re.compile(
    r"^\s*(?:förslag\s+till\s+beslut|tjänsteutlåtande|dnr\b.*|diarienummer\b.*|"
    r"sida?\s+\d+.*|\d{4}-\d{2}-\d{2}|datum\b.*|version\b.*|reviderad\b.*)\s*$",
    re.IGNORECASE,
)


def fold(text: str) -> str:
    """Fold case and white space for comparisons."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"\s+", " ", text).strip().rstrip(".:").strip()
