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
"""

from __future__ import annotations

import re

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
    return text
