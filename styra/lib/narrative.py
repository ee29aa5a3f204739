"""Narrative text: how it is cleaned when stored and split into blocks when shown.

Narrative is stored as plain text and written the way people write it: a
blank line between paragraphs, and lists straight under the line that
introduces them ("Vi ska:" then "- göra ett"). Lines starting with "- ", "• ",
"* " or "– " are a bulleted list; "1. ", "1) ", "a) " or "a. " a numbered or
lettered list. ``blocks`` is the one parser; the web page, the PDF and the Word
file render its blocks with their own real lists, so the text reads the same
everywhere.

Any markup a user pastes is removed by the one sanitiser (nh3) before it is
stored; the text is escaped again wherever it is rendered. Text that only looks like a
tag to an HTML parser ("Anna <anna@example.se>", "<ange datum>", "a<b och c>d", "</5")
is the writer's text and is kept: see ``_keep_text_in_brackets``.
"""

import html
import re
from dataclasses import dataclass, field

import nh3
from django.utils.translation import gettext_lazy as _

# What every narrative field tells the writer, naming the markers ``blocks`` reads as lists.
HELP = _(
    "Tom rad mellan stycken. En lista kan stå direkt under raden som inleder den: rader som "
    "börjar med ”- ” eller ”• ” blir punktlista, rader som börjar med ”1. ” eller ”a) ” "
    "numrerad lista."
)

# "- ", "* ", "– " or "— " need a space after them; "•", "▪", "◦" and "●" are never text.
_BULLET = re.compile(r"^\s*(?:[-*–—]\s+|[•▪◦●]\s*)(.*)$")
# "1." "12)" "a)" "b." "A)": capitals only with ")", so "A. Andersson" stays a sentence.
_ORDERED = re.compile(r"^\s*(\d{1,2}|[a-z]|[A-Z](?=\)))([.)])\s+(.*)$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# Where an HTML parser opens a tag: "<" or "</" and a letter, up to the next "<" or ">" (or
# the end); or "</" and anything else, which it swallows as a comment. Linear: a match never
# crosses a "<", so each character is read by at most one match.
_BRACKETED = re.compile(r"<(/?)([A-Za-z][^\s/<>]*)([^<>]*)|</(?=[^A-Za-z])")
# Every element of HTML (current and obsolete ones browsers still honour), SVG and MathML.
# A name outside it, with no attribute value, cannot be live markup.
_ELEMENTS = frozenset(
    """a abbr acronym address applet area article aside audio b base basefont bdi bdo bgsound
    big blink blockquote body br button canvas caption center cite code col colgroup data
    datalist dd del details dfn dialog dir div dl dt em embed fieldset figcaption figure font
    footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe image img
    input ins isindex kbd keygen label legend li link listing main map mark marquee math menu
    menuitem meta meter multicol nav nextid nobr noembed noframes noscript object ol optgroup
    option output p param picture plaintext portal pre progress q rb rp rt rtc ruby s samp
    script search section select slot small source spacer span strike strong style sub summary
    sup svg table tbody td template textarea tfoot th thead time title tr track tt u ul var
    video wbr xmp
    animate animatemotion animatetransform circle clippath defs desc discard ellipse feimage
    filter foreignobject g line lineargradient marker mask metadata mpath path pattern polygon
    polyline radialgradient rect set stop switch symbol text textpath tspan use view
    annotation annotation-xml maction menclose merror mfenced mfrac mglyph mi mlabeledtr
    mmultiscripts mn mo mover mpadded mphantom mprescripts mroot mrow ms mspace msqrt mstyle
    msub msubsup msup mtable mtd mtext mtr munder munderover none semantics""".split()  # noqa: SIM905 (names read best as words)
)
# Attributes written without a value ("<details open>", "<input autofocus>").
_BARE_ATTRIBUTES = frozenset(
    """allowfullscreen async autofocus autoplay checked controls default defer disabled
    formnovalidate hidden inert ismap itemscope loop multiple muted nomodule novalidate open
    playsinline readonly required reversed selected""".split()  # noqa: SIM905
)


def clean_text(value: str | None) -> str:
    """Strip every tag and control character, normalise line ends; idempotent.

    Unescaping after nh3 keeps "<" or "&" that a person typed as text; the loop
    makes sure that unescaping cannot reveal a tag that was only escaped.
    """
    text = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    for _round in range(5):
        kept = _keep_text_in_brackets(text)
        cleaned = html.unescape(nh3.clean(kept, tags=set(), clean_content_tags={"script", "style"}))
        if cleaned == text:
            break
        text = cleaned
    else:
        # Still changing after five rounds: markup escaped over and over. End on a sanitiser
        # pass without unescaping, so what is stored can never be live markup.
        text = nh3.clean(text, tags=set(), clean_content_tags={"script", "style"})
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _keep_text_in_brackets(text: str) -> str:
    """Escape each "<" that opens no markup, so that the sanitiser keeps it as text.

    Markup is a known element, any tag with an attribute value ("<x onclick=…>": a
    browser runs an unknown element's handlers too) and any closing tag.
    "<anna@example.se>" and "<ange datum>" name no element; "<b och c>" names one but
    with words no attribute is, so they are text. What is kept is escaped wherever it is
    shown, like any "<" a person types.
    """

    def escape(match: re.Match[str]) -> str:
        if match.group(2) is None:  # "</" before a non-letter
            return "&lt;/"
        name, body = match.group(2).lower(), match.group(3)
        if match.group(1) or "=" in body:  # a closing tag ends what markup opened
            return match.group(0)
        words = body.replace("/", " ").split()
        if name in _ELEMENTS and all(w.lower() in _BARE_ATTRIBUTES for w in words):
            return match.group(0)
        return "&lt;" + match.group(0)[1:]

    return _BRACKETED.sub(escape, text)


@dataclass
class Block:
    """A paragraph, a bulleted list or an ordered (numbered or lettered) list.

    An ordered list keeps how it was written: ``numbering`` is "1", "a" or "A",
    ``suffix`` "." or ")", and ``start`` the value of its first item, so every
    renderer can use its own real list numbering instead of copying markers as text.
    """

    kind: str  # "p", "ul" or "ol"
    text: str = ""
    items: list[str] = field(default_factory=list)
    numbering: str = ""  # "1", "a" or "A" for "ol"
    suffix: str = ""  # "." or ")" for "ol"
    start: int = 1

    @property
    def lettered(self) -> bool:
        return self.numbering in ("a", "A")

    def marker(self, index: int) -> str:
        """The marker of item ``index`` as written: "•", "3." or "c)"."""
        if self.kind != "ol":
            return "•"
        value = self.start + index
        if not self.lettered:
            return f"{value}{self.suffix}"
        return f"{_letters(value, upper=self.numbering == 'A')}{self.suffix}"


def _letters(value: int, *, upper: bool) -> str:
    """1 -> "a", 26 -> "z", 27 -> "aa", as HTML, Word and Typst count letters."""
    out = ""
    while value > 0:
        value, rest = divmod(value - 1, 26)
        out = chr(ord("a") + rest) + out
    return out.upper() if upper else out


def _ordered(line: str) -> tuple[str, str, int, str] | None:
    """(numbering, suffix, value, text) of an ordered item line, or None."""
    m = _ORDERED.match(line)
    if not m:
        return None
    token, suffix, text = m.group(1), m.group(2), m.group(3).strip()
    if not text:
        return None
    if token.isdigit():
        return "1", suffix, int(token), text
    return ("A" if token.isupper() else "a"), suffix, ord(token.lower()) - ord("a") + 1, text


def blocks(text: str | None) -> list[Block]:
    """Split narrative text into paragraphs and lists, in one pass over its lines.

    A blank line ends a paragraph; a list goes on across blank lines until a line
    that is neither an item nor a continuation. Lists start right under a text
    line (``"Vi ska:\\n- göra ett"``). A line that is indented, or that starts in
    lower case, right under an item continues that item (a wrapped line).

    An ordered item starts a list only with its first value ("1.", "a)") or
    with the value after the last item of an earlier list written the same way
    (a list interrupted by a comment goes on from there). So a sentence that
    begins "3. " or "A. Andersson", a year ("2019. ") or a goal number
    ("1.1 Trygghet") stays text.
    """
    result: list[Block] = []
    para: list[str] = []  # lines of the paragraph being read
    current: Block | None = None  # the list being read
    parts: list[str] = []  # lines of its last item
    last_value: dict[tuple[str, str], int] = {}  # (numbering, suffix) -> last value
    gap = False  # a blank line since the last line read

    def close_item() -> None:
        if current is not None and parts:
            current.items.append(" ".join(parts))
            parts.clear()

    def close() -> None:
        nonlocal current
        if para:
            result.append(Block("p", text=" ".join(para)))
            para.clear()
        close_item()
        if current is not None and current.kind == "ol":
            last_value[(current.numbering, current.suffix)] = current.start + len(current.items) - 1
        current = None

    for raw in (text or "").split("\n"):
        line = raw.strip()
        if not line:
            gap = True
            if para:
                close()
            continue
        bullet = _BULLET.match(raw)
        ordered = None if bullet else _ordered(raw)
        if bullet and bullet.group(1).strip():
            if current is None or current.kind != "ul":
                close()
                current = Block("ul")
                result.append(current)
            close_item()
            parts.append(bullet.group(1).strip())
        elif ordered and _continues(current, ordered, last_value):
            numbering, suffix, value, item = ordered
            if current is None or (current.numbering, current.suffix) != (numbering, suffix):
                close()
                current = Block("ol", numbering=numbering, suffix=suffix, start=value)
                result.append(current)
            close_item()
            parts.append(item)
        elif current is not None and not gap and (raw[:1].isspace() or line[:1].islower()):
            parts.append(line)  # a wrapped item
        else:
            if current is not None or gap:
                close()
            para.append(line)
        gap = False
    close()
    return result


def _continues(
    current: Block | None,
    ordered: tuple[str, str, int, str],
    last_value: dict[tuple[str, str], int],
) -> bool:
    """Whether an ordered item line is a list item rather than a sentence."""
    numbering, suffix, value, _ = ordered
    if current is not None and (current.kind, current.numbering, current.suffix) == (
        "ol",
        numbering,
        suffix,
    ):
        return True
    return value == 1 or last_value.get((numbering, suffix)) == value - 1
