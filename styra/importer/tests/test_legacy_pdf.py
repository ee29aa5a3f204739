"""A PDF made with Typst imports through its text layer."""

from __future__ import annotations

import time

import pytest
import typst

from styra.importer.legacy import DocumentError, parse_document
from styra.importer.legacy.pdf import pdf_to_text

SOURCE = r"""
#set page(paper: "a4", header: [Verksamhetsplan #h(1fr) Sid #context counter(page).display() (2)],
  footer: [stockholm.se #h(1fr) Telefon 08-508 00 000])
#set text(lang: "sv")
Handläggare: Nils Åberg

Till

Västerby stadsdelsnämnd

= Verksamhetsplan 2024 Mottagningsenheten

== Inledning

Mottagningen tar emot nya ärenden och ger råd till dem som söker stöd.

KF:s inriktningsmål:

== 1. Alla invånare får stöd i rätt tid

KF:s mål för verksamhetsområdet:

=== 1.3 Kvaliteten i socialtjänsten är hög

#table(columns: (3fr, 1fr, 1fr, 1fr),
  [Indikator], [Årsmål], [KF:s årsmål], [Periodicitet],
  [Andel ärenden där första samtal sker inom en vecka efter att ansökan kommit in],
  [95 %], [tas fram av nämnden], [Tertial],
  [Antal överklagade beslut], [10 st], [], [År],
)

Nämndmål:

Nya ärenden hanteras snabbt

Åtagande:

Alla får ett första samtal inom en vecka

Förväntat resultat

De sökande får snabbt besked om vilket stöd som finns.

#table(columns: (3fr, 1fr, 1fr),
  [Aktivitet], [Startdatum], [Slutdatum],
  [Införa tidsbokning på webben], [2024-01-15], [2024-09-30],
)

== Budget 2024

#table(columns: (2fr, 1fr, 1fr, 1fr),
  [], [Kostnader], [Intäkter], [Netto],
  [Mottagning], [5,2], [0,1], [5,1],
  [Totalt], [5,2], [0,1], [5,1],
)
"""


def test_it_reads_a_typst_pdf():
    pdf = typst.compile(SOURCE.encode())
    plan = parse_document(pdf, "plan.pdf").plan
    assert (plan["unit"], plan["year"], plan["officer"], plan["addressee"]) == (
        "Mottagningsenheten",
        2024,
        "Nils Åberg",
        "Västerby stadsdelsnämnd",
    )
    area = plan["goals"][0]["children"][0]
    assert area["number"] == "1.3"
    assert area["indicators"] == [
        {
            "name": "Andel ärenden där första samtal sker inom en vecka "
            "efter att ansökan kommit in",
            "target": "95 %",
            "city_target": "tas fram av nämnden",
            "period": "Tertial",
        },
        {
            "name": "Antal överklagade beslut",
            "target": "10 st",
            "city_target": None,
            "period": "År",
        },
    ]
    unit = area["children"][0]["children"][0]
    assert unit["title"] == "Alla får ett första samtal inom en vecka"
    assert unit["expected_result"] == "De sökande får snabbt besked om vilket stöd som finns."
    assert unit["activities"] == [
        {"name": "Införa tidsbokning på webben", "start": "2024-01-15", "end": "2024-09-30"}
    ]
    assert plan["budget"]["rows"][0] == {
        "name": "Mottagning",
        "costs": 5.2,
        "revenues": 0.1,
        "net": 5.1,
    }
    assert "stockholm.se" not in repr(plan) and "Sid 1" not in repr(plan)


def test_it_detects_pdf_by_content_not_name():
    pdf = typst.compile(SOURCE.encode())
    assert parse_document(pdf, "plan.txt").plan["unit"] == "Mottagningsenheten"


def _one_page_pdf(content: bytes, font_program: bytes | None = None) -> bytes:
    """A valid PDF of one page whose content stream is `content`, Flate-compressed; with
    font_program, its font embeds that (compressed) as its font file."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        _stream(content),
        FONT,
    ]
    if font_program is not None:
        objects[4] = FONT[:-2] + b"/FontDescriptor 6 0 R >>"
        objects.append(b"<< /Type /FontDescriptor /FontName /Helvetica /FontFile2 7 0 R >>")
        objects.append(_stream(font_program))
    return _pdf(objects)


def _lines(count: int) -> bytes:
    return b"BT /F1 12 Tf 72 800 Td " + b"(Aktivitet a) Tj 0 -14 Td " * count + b"ET"


@pytest.mark.parametrize("lines", [200_000, 1_000_000])
def test_a_page_that_unpacks_past_any_plan_page_is_refused_before_its_text_is_read(lines):
    # Found: a 13 KB PDF whose one page unpacks to 5 MB of text operators cost 8 s of CPU
    # (beyond the time budget, which is checked between pages; at pypdf's 75 MB stream
    # limit minutes), and a page past pypdf's limit was read as an empty page.
    data = _one_page_pdf(_lines(lines))
    assert len(data) < 70_000
    started = time.process_time()
    with pytest.raises(DocumentError) as refused:
        parse_document(data, "plan.pdf")
    assert time.process_time() - started < 2
    assert str(refused.value) == (
        "Sidan 1 i PDF-filen innehåller mer än någon sida i en plan och kan inte läsas in."
    )


def test_a_page_of_a_real_size_is_still_read():
    text, _ = pdf_to_text(_one_page_pdf(_lines(2_000)))
    assert text.count("Aktivitet a") == 2_000


def test_a_font_that_unpacks_past_any_plans_font_is_refused_before_the_page_is_drawn():
    # PDFium, which lays the page out, knows no bound on what a font unpacks to: pypdf
    # unpacks each font program first, within the importer's stream limit.
    data = _one_page_pdf(_lines(10), font_program=bytes(40 * 1024 * 1024))
    assert len(data) < 100_000
    with pytest.raises(DocumentError) as refused:
        parse_document(data, "plan.pdf")
    assert "Sidan 1 i PDF-filen" in str(refused.value)
    # The same page with a font program of a real size is read.
    text, _ = pdf_to_text(_one_page_pdf(_lines(10), font_program=bytes(60_000)))
    assert text.count("Aktivitet a") == 10


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF of the given objects (1: catalog, 2: pages, 3: the one page, then the rest)."""
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    import zlib

    packed = zlib.compress(data, 9)
    return (
        b"<< %s /Length %d /Filter /FlateDecode >>stream\n" % (extra, len(packed))
        + packed
        + (b"\nendstream")
    )


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def _page_of_forms(depth: int, fanout: int) -> bytes:
    """A page that draws a form that draws the next `fanout` times, `depth` deep; the
    innermost draws ten characters. Object 4 is the page's content, 5 the font, 6… forms."""
    forms = []
    for level in range(depth):
        inner = 7 + level
        if level == depth - 1:
            content, resources = (
                b"BT /F1 10 Tf 72 700 Td (Aktivitet) Tj ET",
                b"/Font << /F1 5 0 R >>",
            )
        else:
            content, resources = b"/X Do " * fanout, b"/XObject << /X %d 0 R >>" % inner
        extra = b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << %s >>" % resources
        forms.append(_stream(content, extra))
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
            b" /Resources << /XObject << /X 6 0 R >> /Font << /F1 5 0 R >> >> >>",
            _stream(b"/X Do"),
            FONT,
            *forms,
        ]
    )


def test_forms_drawn_in_forms_past_any_plans_page_are_refused_before_the_page_is_drawn():
    # Found: ten forms of ten, seven deep (2 KB), had PDFium lay out ten million characters
    # in 60 s and 6 GB; the page's own content is 5 bytes.
    started = time.process_time()
    with pytest.raises(DocumentError) as refused:
        parse_document(_page_of_forms(depth=7, fanout=10), "plan.pdf")
    assert time.process_time() - started < 2
    assert "Sidan 1 i PDF-filen" in str(refused.value)
    # A logo drawn by a form, and a form in it, is read.
    text, _ = pdf_to_text(_page_of_forms(depth=2, fanout=3))
    assert "Aktivitet" in text


def test_a_font_in_a_form_is_checked_as_the_pages_own_fonts_are():
    font = FONT[:-2] + b"/FontDescriptor 7 0 R >>"
    form = _stream(
        b"BT /F1 10 Tf 72 700 Td (Aktivitet) Tj ET",
        b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 6 0 R >> >>",
    )
    data = _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
            b" /Resources << /XObject << /X 5 0 R >> >> >>",
            _stream(b"/X Do"),
            form,
            font,
            b"<< /Type /FontDescriptor /FontName /Helvetica /FontFile2 8 0 R >>",
            _stream(bytes(40 * 1024 * 1024)),
        ]
    )
    with pytest.raises(DocumentError) as refused:
        parse_document(data, "plan.pdf")
    assert "Sidan 1 i PDF-filen" in str(refused.value)


def test_a_character_drawn_far_outside_the_page_does_not_become_a_line_of_spaces():
    content = b"BT /F1 12 Tf 1 0 0 1 72 800 Tm (Aktivitet) Tj 1 0 0 1 1000000000 800 Tm (b) Tj ET"
    started = time.process_time()
    text, _ = pdf_to_text(_one_page_pdf(content))
    assert time.process_time() - started < 2
    assert "Aktivitet" in text and len(text) < 1000


def test_a_run_together_text_cut_into_more_lines_than_any_plan_has_is_refused():
    text = ("Budget 2026 Kostnader " + "Personal 1 " * 250_000).encode()
    started = time.process_time()
    with pytest.raises(DocumentError) as refused:
        parse_document(text, "plan.txt")
    assert time.process_time() - started < 5
    assert "rader" in str(refused.value)
