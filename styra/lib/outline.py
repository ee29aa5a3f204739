"""How a plan is laid out, in one place: the order of its parts, which section headings stand,
and which chain goals say that the unit has nothing under them.

The plan page, the public page and the documents (PDF and Word, through
documents.layout) all read these, so that they show the same plan in the same
order and cannot drift apart again.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

# The parts of a plan in reading order: the introduction's sections, the goal chain with its
# indicators and activities, the unit's quality guarantees, the closing sections, the budget
# and the appendices.
INTRO, CHAIN, CLOSING, BUDGET, APPENDICES = "intro", "chain", "closing", "budget", "appendices"
GUARANTEES = "guarantees"
PARTS = (INTRO, CHAIN, GUARANTEES, CLOSING, BUDGET, APPENDICES)

# What a chain goal says when the unit has nothing under it, so that every goal of the chain
# stays in the plan without a heading standing alone.
NOTHING_FOR_UNIT = "Inget att redovisa för enheten."
# goals.models.Level.UNIT as styra-plan/1 writes it (lib sits below goals).
UNIT_LEVEL = "unit"


@dataclass(frozen=True)
class OutlinedSection:
    section: Any  # a Section, a stand-in from plans.stored_plan or a styra-plan/1 dict
    level: int  # 1, or 2 under a heading-only section that introduces it
    bare: bool  # a heading with nothing under it: the documents and readers leave it out


def outline(
    sections: Iterable[Any],
    *,
    heading: Callable[[Any], str] = lambda s: s.heading,
    text: Callable[[Any], str] = lambda s: s.text,
) -> list[OutlinedSection]:
    """A part's sections with their heading level, and which of them are bare.

    Plans come with their headings flattened: a heading without text (such
    as "Inledning") introduces the sections after it, which then sit one level
    below. A heading without text that introduces nothing, because the part ends
    or another such heading follows, would print as a bare heading.
    """
    items = list(sections)
    written = [bool((text(s) or "").strip()) for s in items]
    result = []
    under_parent = False
    for i, section in enumerate(items):
        if written[i]:
            result.append(OutlinedSection(section, 2 if under_parent else 1, bare=False))
            continue
        under_parent = True
        introduces = i + 1 < len(items) and written[i + 1]
        has_heading = bool((heading(section) or "").strip())
        result.append(OutlinedSection(section, 1, bare=not (introduces and has_heading)))
    return result


def shown(sections: Iterable[Any], **accessors: Any) -> list[OutlinedSection]:
    """The sections a document or a reader sees: the outline without its bare headings."""
    return [entry for entry in outline(sections, **accessors) if not entry.bare]


def nothing_for_unit(
    level: str,
    *,
    indicators: object,
    activities: object,
    children: object,
    assessed: object = False,
) -> bool:
    """A chain goal (KF's or the committee's) with nothing of the unit's under it."""
    return level != UNIT_LEVEL and not (indicators or activities or children or assessed)
