"""Which column of a control plan's table holds what, from the words of its header.

A header cell is read by its letters alone, lower case and run together, so that a header
a PDF broke inside a word ("Sannolik-" / "het") or over two lines ("Tidpunkt för" /
"rapportering") reads as the whole word. Each role has the words Swedish plans head the
column with; the first role whose word a cell starts with is the cell's (so
"Kontrollansvarig" is the responsible's before it is the control's).
"""

from __future__ import annotations

import re

PROCESS = "process"
RISK = "risk"
PROBABILITY = "probability"
CONSEQUENCE = "consequence"
VALUE = "value"
WHAT = "what"
METHOD = "method"
SCOPE = "scope"
FREQUENCY = "frequency"
RESPONSIBLE = "responsible"
WHEN = "when"
CONTROL_ROLES = (WHAT, METHOD, SCOPE, FREQUENCY, RESPONSIBLE, WHEN)
ASSESSMENT_ROLES = (PROBABILITY, CONSEQUENCE, VALUE)

# (role, words a header cell may start with, words it may be exactly), in the order tried.
_ROLE_WORDS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    (VALUE, ("riskvärde", "riskvarde", "risktal", "riskpoäng", "riskbedömningsk", "sxk"), ("rv", "r", "sk", "värde", "riskvärdet")),  # noqa: E501
    (PROBABILITY, ("sannolikhet", "sannolik"), ("s", "p", "sanno")),
    (CONSEQUENCE, ("konsekvens", "konsekv"), ("k", "kons")),
    (RESPONSIBLE, ("kontrollansvarig", "ansvarig", "ansvar", "utförare", "utförsav", "utförs av", "vemkontrollerar"), ("vem",)),  # noqa: E501
    (METHOD, ("kontrollmetod", "metod", "tillvägagångssätt", "hurkontrolleras", "genomförande"), ("hur",)),  # noqa: E501
    (SCOPE, ("omfattning", "urval", "stickprovsstorlek"), ()),
    (FREQUENCY, ("frekvens", "periodicitet", "hurofta", "intervall", "kontrollfrekvens"), ("när kontrolleras",)),  # noqa: E501
    (WHEN, ("rapportering", "rapporteras", "rapporttillfälle", "redovisning", "redovisas", "tidpunkt", "återrapportering", "uppföljning", "när"), ()),  # noqa: E501
    (WHAT, ("kontrollmoment", "kontrollaktivitet", "kontrollåtgärd", "kontroll", "åtgärd", "kontrollmål"), ()),  # noqa: E501
    (PROCESS, ("processrutin", "process", "rutin", "verksamhetsområde", "område", "kontrollområde", "system"), ()),  # noqa: E501
    (RISK, ("riskbeskrivning", "risk", "identifieradrisk", "möjligrisk", "beskrivningavrisk", "vadkanhända"), ()),  # noqa: E501
)  # fmt: skip
_MAX_HEADER = 48  # characters: a header cell is a few words
_CUT_WORD = 8  # letters of a role's word a header cut short keeps at least


def key(text: str) -> str:
    """A cell's letters, lower case and run together: "Sannolik- het (S)" → "sannolikhets"."""
    return re.sub(r"[^a-zåäöé]", "", text.casefold())


def role(text: str) -> str | None:
    """The role a header cell names, or None."""
    if len(text) > _MAX_HEADER:
        return None
    k = key(text)
    if not k:
        return None
    for name, starts, exact in _ROLE_WORDS:
        if k in exact or k.startswith(starts):
            return name
    # A header word wider than its cell, cut where the cell ends ("Verksamhetsomr"), or
    # run into by the next cell's overflowing word ("ådIdeentifierad risk"): the start
    # of a role's long word, or the role of the cell's last word.
    if len(k) >= _CUT_WORD:
        for name, starts, _ in _ROLE_WORDS:
            if any(len(w) > len(k) and w.startswith(k) for w in starts):
                return name
    words = text.split()
    if len(words) > 1:
        return role(words[-1])
    return None


def split_run(text: str) -> list[tuple[int, str]]:
    """A header's run of words as the cells it names, each with where it starts in the run:
    two headers a layout set one space apart ("Rapportering S") are two cells, where the
    words before a space name one role and the words after it another ("Risk för",
    "Sannolikhet (S)" and "Tidpunkt för" are one cell each)."""
    out: list[tuple[int, str]] = []
    start = 0
    spaces = [m.start() for m in re.finditer(" ", text)]
    for at in spaces:
        head, tail = text[start:at], text[at + 1 :]
        first, rest = role(head), role(tail)
        if first is not None and rest is not None and rest != first:
            out.append((start, head))
            start = at + 1
    out.append((start, text[start:]))
    return out


def roles(cells: list[str]) -> list[str | None]:
    """Each cell's role; a role named twice counts for its first cell only."""
    out: list[str | None] = []
    for cell in cells:
        r = role(cell)
        out.append(None if r in out else r)
    return out


def is_header(cells: list[str]) -> bool:
    """Whether a row of cells is a control plan's header: three roles or more, the risk's
    or the control's among them, named by most of its cells (a row of a plan's text may
    start with "Kontroll av …" or "Risk för …", but not most of its cells with role words)."""
    filled = [c for c in cells if c.strip()]
    named = [r for r in roles(cells) if r is not None]
    return (
        len(named) >= 3
        and bool(set(named) & {RISK, WHAT})
        and len(named) >= 0.6 * len(filled)
        and not any(_BODY_RE.search(c) for c in filled)
    )


# What a header never holds: a step of the scale standing alone, or a sentence.
_BODY_RE = re.compile(r"^\s*[1-4]\s*$|\w{3,}[.!?]\s*$")


def goes_on_header(cells: list[str]) -> bool:
    """Whether a row under a header is the rest of its words ("het", "åtgärd", "(S)"): every
    cell empty or starting in lower case or a bracket, none of them long."""
    filled = [c.strip() for c in cells if c.strip()]
    return bool(filled) and all(
        len(c) <= _MAX_HEADER and (c[0].islower() or c[0] in "(/[-–&") for c in filled
    )
