"""The words plans assess risks and name reporting times in: scales and "when" words.

Swedish municipalities' internal control plans assess probability and consequence on four
steps, as digits or in one of a few scales of words. The commonest (SKR's) is Osannolik /
Mindre sannolik / Möjlig / Sannolik and Försumbar / Lindrig / Kännbar / Allvarlig, but
plans also write Liten / Måttlig / Stor / Mycket stor, Låg / Medel / Hög / Mycket hög, or
a consequence scale that ends in "Mycket allvarlig", where "Allvarlig" is step 3, not 4.
So a column's words are read in the scale that knows most of them (`Scale.choose`), and a
word that scale lacks in the first scale that has it; a word no scale has is None, and the
reader warns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_DIGIT_RE = re.compile(r"(?<![\d,.])([1-4])(?![\d,.])")
_VALUE_RE = re.compile(r"(?<![\d,.])(1[0-6]|[1-9])(?![\d,.])")
_NOT_WORD_RE = re.compile(r"[^a-zåäöé ]+")


def fold(text: str) -> str:
    """Lower case letters and single spaces: "Mindre  sanno-lik (2)" → "mindre sannolik"."""
    text = re.sub(r"(\w)[-\u00ad]\s*(?=[a-zåäö])", r"\1", text.casefold())
    return " ".join(_NOT_WORD_RE.sub(" ", text).split())


@dataclass(frozen=True)
class Scale:
    steps: tuple[tuple[str, ...], ...]  # the words of steps 1..4, folded

    def step(self, word: str) -> int | None:
        for n, words in enumerate(self.steps, 1):
            if word in words:
                return n
        return None


def _scale(*steps: str) -> Scale:
    return Scale(tuple(tuple(fold(w) for w in step.split("|")) for step in steps))


PROBABILITY_SCALES = (
    _scale("osannolik|osannolikt|mycket osannolik", "mindre sannolik|mindre sannolikt", "möjlig|möjligt", "sannolik|sannolikt|trolig|troligt"),  # noqa: E501
    _scale("osannolik|osannolikt", "mindre sannolik|mindre trolig", "sannolik|sannolikt|trolig", "mycket sannolik|mycket trolig|troligt|nästan säker"),  # noqa: E501
    _scale("liten|låg|mycket liten|mycket låg", "måttlig|viss", "stor|betydande", "mycket stor"),
    _scale("låg|mycket låg", "medel|medelhög|måttlig", "hög", "mycket hög"),
    _scale("sällan|mycket sällan", "ibland", "ofta", "mycket ofta"),
)  # fmt: skip
CONSEQUENCE_SCALES = (
    _scale("försumbar|obetydlig|ringa", "lindrig|mindre allvarlig", "kännbar|måttlig", "allvarlig|katastrofal|kritisk"),  # noqa: E501
    _scale("försumbar|obetydlig|ringa", "lindrig|mindre allvarlig", "allvarlig|kännbar", "mycket allvarlig|katastrofal|kritisk"),  # noqa: E501
    _scale("liten|mycket liten", "måttlig|märkbar", "stor|betydande", "mycket stor"),
    _scale("låg|mycket låg", "medel|medelhög", "hög", "mycket hög"),
)  # fmt: skip


def choose(scales: tuple[Scale, ...], texts: Iterable[str]) -> Scale:
    """The scale that knows most of a column's distinct words (the first on a tie)."""
    words = {fold(t) for t in texts if t.strip() and not _DIGIT_RE.search(t)}
    return max(scales, key=lambda s: sum(1 for w in words if s.step(w) is not None))


def assessment(text: str, scale: Scale, scales: tuple[Scale, ...]) -> tuple[int | None, bool]:
    """A cell's step 1–4 and whether its text was understood ("" is understood: no step)."""
    if not text.strip():
        return None, True
    if m := _DIGIT_RE.search(text):
        return int(m.group(1)), True
    word = fold(text)
    for candidate in (scale, *scales):
        if (step := candidate.step(word)) is not None:
            return step, True
    return None, False


def risk_value(text: str) -> int | None:
    """A risk value column's number 1–16 ("12", "3 × 4 = 12": the last one)."""
    found = _VALUE_RE.findall(text)
    return int(found[-1]) if found else None


# "When" words, each with the parts of the year it names. Longer phrases first: a phrase
# found is taken out of the text, so "delårsbokslut" is not also "bokslut".
_WHEN_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"tertialvis|varje tertial|per tertial|alla tertial\w*|kvartalsvis|varje kvartal", ("T1", "T2", "VB")),  # noqa: E501
    (r"halvårsvis|två gånger per år|2 ggr per år|två ggr per år", ("T2", "VB")),
    (r"tertial(?:rapport|bokslut|uppföljning)?\s*1|första tertial\w*|\bt1\b|april|apr\b", ("T1",)),
    (r"tertial(?:rapport|bokslut|uppföljning)?\s*2|andra tertial\w*|\bt2\b|delår\w*|halvår\w*|augusti|aug\b", ("T2",)),  # noqa: E501
    (r"tertial(?:rapport|bokslut|uppföljning)?\s*3|\bt3\b|\bvb\b|helår\w*|årsbokslut\w*|bokslut\w*|december|dec\b|verksamhetsberättelse\w*|årsredovisning\w*|årsrapport\w*|årsvis|årligen|en gång per år|\bår\b", ("VB",)),  # noqa: E501
)  # fmt: skip
_WHEN_RES = tuple((re.compile(p), parts) for p, parts in _WHEN_WORDS)
PARTS = ("T1", "T2", "VB")


def reported_in(text: str) -> list[str] | None:
    """The parts of the year a "when" cell names, in order; None if it names none."""
    rest = text.casefold().replace("\u00ad", "")
    found: set[str] = set()
    for rx, parts in _WHEN_RES:
        rest, hits = rx.subn(" ", rest)
        if hits:
            found.update(parts)
    return [p for p in PARTS if p in found] or None


_CONNECTIVES_RE = re.compile(r"\b(?:och|samt|i|vid|per|varje)\b|[\s,/&+.–-]+")


def only_when(text: str) -> bool:
    """Whether a text is "when" words only ("T1, T2 och VB", "Delår och helår")."""
    rest = text.casefold().replace("\u00ad", "")
    hits = 0
    for rx, _ in _WHEN_RES:
        rest, found = rx.subn(" ", rest)
        hits += found
    return bool(hits) and not _CONNECTIVES_RE.sub("", rest)
