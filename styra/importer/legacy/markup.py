"""Markdown and HTML markup: turn it into plain lines, keeping what the parser needs.

Emphasis survives as `**` around bold text (a bold line is a heading hint), HTML
tables become tab-separated rows, every other tag and markdown sign is dropped.
"""

from __future__ import annotations

import html
import re

_TABLE_RE = re.compile(r"<table\b[^>]*>(.*?)(?:</table\s*>|\Z)", re.IGNORECASE | re.DOTALL)
_ROW_RE = re.compile(r"<tr\b[^>]*>(.*?)(?=<tr\b|</tr\s*>|\Z)", re.IGNORECASE | re.DOTALL)
_CELL_RE = re.compile(
    r"<t[dh]\b[^>]*>(.*?)(?=<t[dh]\b|</t[dh]\s*>|</tr\s*>|\Z)", re.IGNORECASE | re.DOTALL
)
_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]{0,300})?/?>")
_BOLD_TAG_RE = re.compile(r"</?(?:b|strong)\b[^>]{0,100}>", re.IGNORECASE)
_BREAK_RE = re.compile(r"<br\s*/?>", re.IGNORECASE)
_BLOCK_RE = re.compile(r"</?(?:p|div|section|article|ul|ol|tbody|thead)\b[^>]{0,200}>", re.I)
_LI_RE = re.compile(r"<li\b[^>]{0,200}>", re.IGNORECASE)
_H_OPEN_RE = re.compile(r"<h([1-6])\b[^>]{0,200}>", re.IGNORECASE)
_H_CLOSE_RE = re.compile(r"</h[1-6]\s*>", re.IGNORECASE)
_COMMENT_RE = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)


def _cell_text(fragment: str) -> str:
    text = _BREAK_RE.sub(" ", fragment)
    text = _TAG_RE.sub("", text)
    text = html.unescape(text).replace("\t", " ")
    return re.sub(r"\s+", " ", text).strip()


def _table_to_rows(match: re.Match[str]) -> str:
    rows = []
    for row in _ROW_RE.findall(match.group(1)):
        cells = [_cell_text(c) for c in _CELL_RE.findall(row)]
        if any(cells):
            # The trailing tab keeps one-cell rows recognisable as table rows.
            rows.append("\t".join(cells) + "\t")
    return "\n\n" + "\n".join(rows) + "\n\n"


def html_to_text(text: str) -> str:
    """Convert the HTML in a mostly-markdown document to markdown-like lines."""
    if "<" not in text:
        return html.unescape(text) if "&" in text else text
    text = _COMMENT_RE.sub("", text)
    text = _TABLE_RE.sub(_table_to_rows, text)
    text = _BOLD_TAG_RE.sub("**", text)
    text = _BREAK_RE.sub("\n", text)
    text = _H_OPEN_RE.sub(lambda m: "\n" + "#" * int(m.group(1)) + " ", text)
    text = _H_CLOSE_RE.sub("\n", text)
    text = _LI_RE.sub("\n- ", text)
    text = _BLOCK_RE.sub("\n", text)
    text = _TAG_RE.sub("", text)
    return html.unescape(text)


_HEADING_RE = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET_RE = re.compile(r"^\s*(?:[-*+•·▪■◦●–]|\uf0b7|\uf0a7|o(?=\s))\s+(?=\S)")
_EMPH_RE = re.compile(r"\*{2,3}|_{2,3}")
_STAR_RE = re.compile(r"(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
_UNDERSCORE_RE = re.compile(r"(?<![\w\\])_(?=\S)(.+?)(?<=\S)_(?!\w)")
_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<])")
_LINK_RE = re.compile(r"!?\[([^\]\n]{0,500})\]\([^)\n]{0,500}\)")
_CODE_RE = re.compile(r"`([^`\n]{0,500})`")
_SPACE_RE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def heading_level(line: str) -> tuple[int, str]:
    """Split a markdown heading into level and text ("## X" -> 2, "X")."""
    m = _HEADING_RE.match(line)
    if not m:
        return 0, line
    return len(m.group(1)), m.group(2)


def is_bold(line: str) -> bool:
    """Whether the whole line is emphasised (`**X**`, `***X***`, `__X__`, `*X*`)."""
    s = line.strip()
    if len(s) < 3:
        return False
    for mark in ("***", "**", "__", "*", "_"):
        if s.startswith(mark) and s.endswith(mark) and len(s) > 2 * len(mark):
            inner = s[len(mark) : -len(mark)]
            return bool(inner.strip()) and mark not in inner.replace("****", "")
    return False


def strip_inline(text: str) -> str:
    """Drop inline markdown (emphasis, links, escapes) and fold white space."""
    text = _LINK_RE.sub(r"\1", text)
    text = _CODE_RE.sub(r"\1", text)
    text = _EMPH_RE.sub("", text)
    text = _STAR_RE.sub("", text)
    text = _UNDERSCORE_RE.sub(r"\1", text)
    text = _ESCAPE_RE.sub(r"\1", text)
    return _SPACE_RE.sub(" ", text).strip()


def fold_space(text: str) -> str:
    """Fold white space only: text that is not markup (a PDF's) keeps its * _ ` < >."""
    return _SPACE_RE.sub(" ", text).strip()


def bullet(text: str) -> tuple[bool, str]:
    """Recognise a list item; the marker becomes "- " as in the interchange format."""
    m = _BULLET_RE.match(text)
    if not m:
        return False, text
    return True, "- " + text[m.end() :].strip()
