"""What an archivist and an accessibility coordinator check in a generated PDF.

Read with pikepdf (qpdf): the XMP identification of PDF/A-2a and PDF/UA-1, the
catalogue entries PDF/UA asks for, the output intent PDF/A needs, and that every
font the pages use is embedded. This is no full veraPDF validation, but each
check fails if the document generator stops producing that property.
"""

import io

import pikepdf

# The fonts in styra/documents/fonts; anything else would be Typst's fallback (a math
# font) standing in for a glyph ours lack.
SHIPPED_FONTS = {"LiberationSans", "LiberationSans-Bold", "DejaVuSans"}


def _fonts(resources: pikepdf.Dictionary, seen: set[tuple[int, int]]):
    yield from (resources.get("/Font") or {}).values()
    # Fonts used inside form XObjects count as much as those on the page.
    for xobject in (resources.get("/XObject") or {}).values():
        if xobject.objgen in seen or xobject.get("/Subtype") != "/Form":
            continue
        seen.add(xobject.objgen)
        if "/Resources" in xobject:
            yield from _fonts(xobject.Resources, seen)


def _embedded(font: pikepdf.Dictionary) -> bool:
    if font.Subtype == "/Type3":
        return True  # glyphs drawn by the PDF's own content streams
    if font.Subtype == "/Type0":
        font = font.DescendantFonts[0]
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(
        key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
    )


def assert_archivable_swedish_pdf(data: bytes, *, title: str) -> None:
    """Assert PDF/A-2a + PDF/UA-1 identification, Swedish language, embedded fonts."""
    with pikepdf.open(io.BytesIO(bytes(data))) as pdf:
        assert not pdf.is_encrypted
        meta = pdf.open_metadata()
        assert meta.pdfa_status == "2A"
        assert meta.get("pdfuaid:part") == "1"
        assert meta.get("dc:title") == title
        assert str(pdf.docinfo.get("/Title")) == title

        root = pdf.Root
        assert str(root.Lang) == "sv-SE"
        assert bool(root.MarkInfo.Marked) is True
        assert bool(root.ViewerPreferences.DisplayDocTitle) is True
        assert "/K" in root.StructTreeRoot
        intents = [intent for intent in root.OutputIntents if intent.S == "/GTS_PDFA1"]
        assert intents and "/DestOutputProfile" in intents[0]
        # PDF/A forbids scripts; nothing in Styra's documents should run.
        assert "/OpenAction" not in root and "/AA" not in root
        assert "/JavaScript" not in root.get("/Names", {})

        seen: set[tuple[int, int]] = set()
        fonts = [font for page in pdf.pages for font in _fonts(page.Resources, seen)]
        assert fonts, "the document uses no fonts at all"
        missing = {str(font.get("/BaseFont")) for font in fonts if not _embedded(font)}
        assert not missing, f"fonts not embedded: {sorted(missing)}"
        # "/ABCDEF+LiberationSans": a subset prefix, then the font's name.
        names = {str(font.get("/BaseFont")).lstrip("/").split("+")[-1] for font in fonts}
        assert names <= SHIPPED_FONTS, f"fonts Styra does not ship: {names - SHIPPED_FONTS}"
