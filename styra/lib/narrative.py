"""Narrative text: how it is cleaned when stored and split into blocks when shown.

Narrative is stored as plain text. Paragraphs are separated by a blank line;
a paragraph whose lines start with "- ", "• " or "* " is a bullet list, and
one whose lines start with "a) ", "b. ", "1) " or "1. " is an ordered list
that keeps its own markers. The web page, the PDF and the Word file all
render these same blocks, so the text reads identically everywhere.

Any markup a user pastes is removed by the one sanitiser (nh3) before it is
stored; the text is escaped again wherever it is rendered.
"""

import html
import re
from dataclasses import dataclass, field

import nh3

_BULLET = re.compile(r"^\s*[-•*–]\s+(.*)$")
_ORDERED = re.compile(r"^\s*([a-zåäö]|\d{1,2})([.)])\s+(.*)$", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: str | None) -> str:
    """Strip every tag and control character, normalise line ends; idempotent.

    Unescaping after nh3 keeps "<" or "&" that a person typed as text; the loop
    makes sure that unescaping cannot reveal a tag that was only escaped.
    """
    text = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    for _ in range(5):
        cleaned = html.unescape(nh3.clean(text, tags=set(), clean_content_tags={"script", "style"}))
        if cleaned == text:
            break
        text = cleaned
    else:
        # Still changing after five rounds: markup escaped over and over. End on a sanitiser
        # pass without unescaping, so what is stored can never be live markup.
        text = nh3.clean(text, tags=set(), clean_content_tags={"script", "style"})
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


@dataclass
class Block:
    kind: str  # "p", "ul" or "ol"
    text: str = ""
    items: list[tuple[str, str]] = field(default_factory=list)  # (marker, text) for lists


def blocks(text: str | None) -> list[Block]:
    """Split narrative text into paragraphs and lists."""
    result: list[Block] = []
    for chunk in re.split(r"\n\s*\n", (text or "").strip()):
        lines = [line for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        if all(_BULLET.match(line) for line in lines):
            result.append(Block("ul", items=[("•", _BULLET.match(li).group(1)) for li in lines]))
        elif _ORDERED.match(lines[0]) and all(_ORDERED.match(li) for li in lines):
            items = []
            for line in lines:
                m = _ORDERED.match(line)
                items.append((f"{m.group(1)}{m.group(2)}", m.group(3)))
            if result and result[-1].kind == "ol":
                result[-1].items.extend(items)  # "a) …" and "b) …" in separate paragraphs
            else:
                result.append(Block("ol", items=items))
        else:
            result.append(Block("p", text=" ".join(line.strip() for line in lines)))
    return result
