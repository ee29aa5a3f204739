"""Narrative lists are real lists on the page, in the PDF and in Word, read from one corpus.

Each output is read back into the corpus's shape (paragraphs, bulleted lists,
numbered and lettered lists with their start) and compared with what the text
says, so the three can never disagree with each other or with the parser.
"""

import io
import re
from html.parser import HTMLParser

import pikepdf
import pypdf
import pytest
from docx import Document
from docx.oxml.ns import qn

from styra.documents.docx import render_layout_docx
from styra.documents.layout import DocumentLayout, Heading, text_blocks
from styra.documents.pdf import render_layout_pdf
from styra.goals.templatetags.styra_text import narrative
from styra.lib.tests.narrative_corpus import CORPUS

IDS = [case[0] for case in CORPUS]


def corpus_layout() -> DocumentLayout:
    blocks = []
    for name, text, _ in CORPUS:
        blocks.append(Heading(1, name))
        blocks.extend(text_blocks(text))
    return DocumentLayout(
        title="Listor",
        unit="Enheten",
        doc_title="Listor",
        organisation="Staden",
        officer="",
        phone="",
        addressee="",
        meeting="",
        draft=False,
        blocks=blocks,
    )


# ---------------------------------------------------------------- the page


class _HtmlBlocks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[tuple] = []
        self.text: list[str] | None = None
        self.items: list[str] = []
        self.list: tuple | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "ul":
            self.list, self.items = ("ul",), []
        elif tag == "ol":
            suffix = ")" if (attrs.get("class") or "").startswith("paren-") else "."
            pattern = (attrs.get("type") or "1") + suffix
            self.list, self.items = ("ol", pattern, int(attrs.get("start") or 1)), []
        elif tag in ("p", "li"):
            self.text = []

    def handle_data(self, data):
        if self.text is not None:
            self.text.append(data)

    def handle_endtag(self, tag):
        if tag == "p":
            self.blocks.append(("p", "".join(self.text)))
            self.text = None
        elif tag == "li":
            self.items.append("".join(self.text))
            self.text = None
        elif tag in ("ul", "ol"):
            self.blocks.append((*self.list, self.items))


@pytest.mark.parametrize("text, expected", [case[1:] for case in CORPUS], ids=IDS)
def test_the_page_shows_real_lists(text, expected):
    reader = _HtmlBlocks()
    reader.feed(str(narrative(text)))
    assert reader.blocks == expected


def test_the_page_escapes_list_items():
    html = str(narrative('Vi ska:\n- <b>fet</b> & "citat"\na) <script>'))
    assert "<b>" not in html and "<script>" not in html
    assert "<li>&lt;b&gt;fet&lt;/b&gt; &amp; &quot;citat&quot;</li>" in html


# ---------------------------------------------------------------- Word


def _numbering(document) -> dict[str, tuple[str, int]]:
    """numId -> (pattern as "a)", start) from the document's numbering part."""
    numbering = document.part.numbering_part.element
    formats = {"decimal": "1", "lowerLetter": "a", "upperLetter": "A"}
    abstract = {}
    for definition in numbering.findall(qn("w:abstractNum")):
        level = definition.find(qn("w:lvl"))
        fmt = formats.get(level.find(qn("w:numFmt")).get(qn("w:val")), "?")
        text = level.find(qn("w:lvlText")).get(qn("w:val"))
        start = int(level.find(qn("w:start")).get(qn("w:val")))
        abstract[definition.get(qn("w:abstractNumId"))] = (fmt + text.replace("%1", ""), start)
    return {
        num.get(qn("w:numId")): abstract[num.find(qn("w:abstractNumId")).get(qn("w:val"))]
        for num in numbering.findall(qn("w:num"))
    }


def _word_blocks(document) -> dict[str, list[tuple]]:
    numbering = _numbering(document)
    found: dict[str, list[tuple]] = {}
    current: list[tuple] | None = None
    last_list = None  # (style, numId) of the paragraph before, when it was a list item
    for paragraph in document.paragraphs:
        style = paragraph.style.name
        if style == "Heading 1" and paragraph.text in IDS:
            current = found.setdefault(paragraph.text, [])
            last_list = None
            continue
        if current is None or not paragraph.text:
            continue
        if style == "List Bullet":
            if last_list != ("ul", None):
                current.append(("ul", []))
            current[-1][-1].append(paragraph.text)
            last_list = ("ul", None)
        elif style == "List Number":
            num_id = paragraph._p.pPr.numPr.numId.val
            if last_list != ("ol", num_id):
                current.append(("ol", *numbering[str(num_id)], []))
            current[-1][-1].append(paragraph.text)
            last_list = ("ol", num_id)
        else:
            current.append(("p", paragraph.text))
            last_list = None
    return found


@pytest.fixture(scope="module")
def word() -> dict[str, list[tuple]]:
    return _word_blocks(Document(io.BytesIO(render_layout_docx(corpus_layout(), None))))


@pytest.mark.parametrize("name, expected", [(c[0], c[2]) for c in CORPUS], ids=IDS)
def test_word_uses_list_styles_and_real_numbering(word, name, expected):
    assert word[name] == expected


# ---------------------------------------------------------------- PDF


def _structure_lists(pdf: bytes) -> list[int]:
    """The number of items of each tagged list (/L), in reading order."""
    counts: list[int] = []

    def children(node):
        kids = node.get("/K")
        if isinstance(kids, pikepdf.Array):
            return list(kids)
        return [] if kids is None else [kids]

    with pikepdf.open(io.BytesIO(pdf)) as document:
        stack = children(document.Root.StructTreeRoot)[::-1]
        while stack:
            node = stack.pop()
            if not isinstance(node, pikepdf.Dictionary) or "/S" not in node:
                continue
            if node.S == "/L":
                items = [
                    k
                    for k in children(node)
                    if isinstance(k, pikepdf.Dictionary) and k.get("/S") == "/LI"
                ]
                assert all(
                    {"/Lbl", "/LBody"} <= {str(k.get("/S")) for k in children(i)} for i in items
                )
                counts.append(len(items))
            stack.extend(children(node)[::-1])
    return counts


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return render_layout_pdf(corpus_layout(), None)


def test_the_pdf_tags_every_list_with_its_items(pdf):
    expected = [len(block[-1]) for _, _, blocks in CORPUS for block in blocks if block[0] != "p"]
    assert _structure_lists(pdf) == expected


def _letters(value: int, upper: bool) -> str:
    out = ""
    while value > 0:
        value, rest = divmod(value - 1, 26)
        out = chr(ord("a") + rest) + out
    return out.upper() if upper else out


def test_the_pdf_numbers_lists_as_written(pdf):
    text = " ".join(page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    text = re.sub(r"\s+", " ", text.replace("-\n", "-"))
    for _, _, blocks in CORPUS:
        for block in blocks:
            if block[0] == "ol":
                _, pattern, start, items = block
                for offset, item in enumerate(items):
                    value = start + offset
                    marker = str(value) if pattern[0] == "1" else _letters(value, pattern[0] == "A")
                    assert f"{marker}{pattern[1]} {item.split()[0]}" in text
            elif block[0] == "ul":
                for item in block[1]:
                    assert f"• {item.split()[0]}" in text
            else:
                # A sentence that only looks like a list item keeps its text as written.
                assert block[1].split()[0] in text
