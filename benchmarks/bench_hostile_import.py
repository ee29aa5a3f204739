"""Import time of the legacy-document importer on big, repetitive (hostile) input.

    .venv/bin/python benchmarks/bench_hostile_import.py [--quick | --smoke]

Prints the import time for 10k, 40k and 160k identical lines, and the same for
other repetitive shapes (long lines, many short paragraphs, deep numbering,
many table rows, many empty lines), and for a small .docx with about 1.6
million empty paragraphs (~100 KB compressed), and for files that cost much
where a limit is missing (a .docx whose styles unpack to 340 MB, a text of
10 000-cell table rows, a PDF page whose content unpacks to 26 MB). The importer must be linear:
160k lines take less than five times what 40k take. An input above the
importer's limits is refused before parsing; the figures say which.
--quick leaves out the 160k lines; --smoke builds every input at a thousandth of
its size (the test suite's check that the benchmark still runs; no figure means much).
"""

from __future__ import annotations

import argparse
import io
import os
import pathlib
import random
import sys
import time
import zipfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

import django  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styra.settings")
django.setup()

from styra.importer.legacy import DocumentError, parse_document  # noqa: E402

LINE_SIZES = (10_000, 40_000, 160_000)
SMOKE_SCALE = 0.001


def scaled(n: int, scale: float) -> int:
    return max(1, int(n * scale))


def identical_lines(n: int) -> bytes:
    """The same wrapped prose line n times: one paragraph that keeps growing."""
    return ("arbetet följs upp och\n" * n).encode()


def long_lines(n: int) -> bytes:
    """n/20 lines of 100 words each (under 4 MB at 160k)."""
    return (("ord " * 100 + "\n") * max(1, n // 20)).encode()


def short_paragraphs(n: int) -> bytes:
    return ("Kort stycke.\n\n" * (n // 2)).encode()


def deep_numbering(n: int) -> bytes:
    return "".join(f"{'.'.join(['1'] * (i % 12 + 1))} Mål {i}\n" for i in range(n)).encode()


def table_rows(n: int) -> bytes:
    head = "Indikator\tÅrsmål\tKF:s årsmål\tPeriodicitet\n"
    return (head + "Nöjda\t60 %\t7 %\tÅr\n" * n).encode()


def empty_lines(n: int) -> bytes:
    return ("Rubrik\n" + "\n" * n + "Text.\n").encode()


def hyphenated_lines(n: int) -> bytes:
    """Every line ends in a hyphen: one ever-growing word."""
    return ("Verksamhets-\nLSS-\nsam-\n" * (n // 3)).encode()


def broken_paragraphs(n: int) -> bytes:
    """Paragraphs that each go on from the one before (a page break mid-sentence)."""
    return ("och fortsätter på nästa sida\n\n" * (n // 2)).encode()


def wrapped_rows(n: int) -> bytes:
    """A table whose every row continues the name of the row above."""
    head = "Indikator\tÅrsmål\tKF:s årsmål\tPeriodicitet\n"
    return (
        "KF:s mål för verksamhetsområdet:\n\n1.1 Mål ska nås\n\n"
        + head
        + "fortsatt namn\t\t\t\n" * n
    ).encode()


def labelled_goals(n: int) -> bytes:
    """A goal label with its title run together every ten lines, the title wrapping on."""
    goal = "KF:s inriktningsmål: 1. Staden ska\nvara trygg\n" + "och så vidare\n" * 8
    return (goal * (n // 10)).encode()


def column_headers(n: int) -> bytes:
    """A name column's header and one name on every other line: a column-wise table that
    starts again and again and never gets its values."""
    return ("KF:s indikatorer\nAndel nöjda brukare\n" * (n // 2)).encode()


def column_values(n: int) -> bytes:
    """Column-wise tables whose value blocks never end: each fits the rows it has."""
    table = "KF:s indikatorer\nAndel nöjda\nAntal besök\n\nÅrsmål\n60 %\n7 %\n\n"
    return (table + "Tertial\n\n" * 4).encode() * max(1, n // 14)


def column_budgets(n: int) -> bytes:
    """Budgets of 380 rows read by columns, each column but one short of rows: every
    short column is aligned to the rows' arithmetic."""
    rows = "".join(f"Rad {k}\n" for k in range(380))
    table = f"Belopp i tkr\n{rows}\nKostnader\n1\n2\n\nIntäkter\n1\n2\n\nNetto\n1\n2\n\n"
    return (table * max(1, n // 394)).encode()


def column_cycles(n: int) -> bytes:
    """A name column's header, a row and its value on every third line, so that a zone's
    bound always cuts a header off from its names."""
    return ("KF:s indikatorer\nÅrsmål\nAndel nöjda brukare 42 %\n" * (n // 3)).encode()


SHAPES = {
    "identical lines": identical_lines,
    "long lines": long_lines,
    "short paragraphs": short_paragraphs,
    "deep numbering": deep_numbering,
    "table rows": table_rows,
    "empty lines": empty_lines,
    "hyphenated lines": hyphenated_lines,
    "broken paragraphs": broken_paragraphs,
    "wrapped rows": wrapped_rows,
    "labelled goals": labelled_goals,
    "column headers": column_headers,
    "column values": column_values,
    "column budgets": column_budgets,
    "column cycles": column_cycles,
}

_DOCX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_DOCX_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def docx_with_body(body: str) -> bytes:
    """A valid .docx with `body` (WordprocessingML) as its document body, built with zipfile."""
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body>" + body + "</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _DOCX_TYPES)
        archive.writestr("_rels/.rels", _DOCX_RELS)
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


def empty_paragraph_docx(paragraphs: int = 1_600_000, text: str = "") -> bytes:
    """A .docx whose body is `paragraphs` paragraphs.

    Without `text` they are empty, one in 25 holding a blank run (chosen at random,
    so that 1.6 million of them compress to about 100 KB, like the file found).
    """
    if text:
        return docx_with_body(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" * paragraphs)
    pick = random.Random(9).random
    blank = "<w:p><w:r><w:t> </w:t></w:r></w:p>"
    return docx_with_body("".join("<w:p/>" if pick() > 0.04 else blank for _ in range(paragraphs)))


def many_runs_docx(runs: int) -> bytes:
    """One paragraph of `runs` runs."""
    return docx_with_body("<w:p>" + "<w:r><w:t>ord </w:t></w:r>" * runs + "</w:p>")


def table_docx(rows: int) -> bytes:
    """An indicator table of `rows` rows of four cells."""
    cell = "<w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>"
    head = "".join(cell.format(t) for t in ("Indikator", "Årsmål", "KF:s årsmål", "Periodicitet"))
    row = "".join(cell.format(t) for t in ("Andel nöjda", "60 %", "70 %", "Tertial"))
    body = "<w:tbl><w:tr>" + head + "</w:tr>" + ("<w:tr>" + row + "</w:tr>") * rows + "</w:tbl>"
    return docx_with_body("<w:p><w:r><w:t>Nämndmål: Målet nås</w:t></w:r></w:p>" + body)


# Each shape is built at its label's size times a scale (1, or SMOKE_SCALE).
DOCX_SHAPES = {
    "docx, 1.6M empty paragraphs": lambda k: empty_paragraph_docx(scaled(1_600_000, k)),
    "docx, 49k paragraphs of text": lambda k: empty_paragraph_docx(
        scaled(49_000, k), text="Text om arbetet."
    ),
    "docx, 1 paragraph of 250k runs": lambda k: many_runs_docx(scaled(250_000, k)),
    "docx, table of 18k rows": lambda k: table_docx(scaled(18_000, k)),
}


def styles_bomb_docx(styles: int = 5_000_000) -> bytes:
    """A Word plan whose styles.xml unpacks to about 340 MB (about 1.2 MB compressed)."""
    from styra.importer.tests.test_legacy_docx import _with_styles, build_docx

    return _with_styles(build_docx(), styles=styles)


def wide_table_text(rows: int = 190, columns: int = 10_000) -> bytes:
    """A text file (3.7 MB) of table rows with 10 000 cells each."""
    return b"Verksamhetsplan 2026\n" + (b"|" + b"a|" * columns + b"\n") * rows


def page_bomb_pdf(operators: int = 1_000_000) -> bytes:
    """A PDF of one page (about 60 KB) whose content stream unpacks to 26 MB of text."""
    from styra.importer.tests.test_legacy_pdf import _lines, _one_page_pdf

    return _one_page_pdf(_lines(operators))


# Files that cost a lot to read if a limit is missing: each must finish in a few seconds.
OTHER_SHAPES = {
    "docx, styles.xml of 340 MB": (
        lambda k: styles_bomb_docx(scaled(5_000_000, k)),
        "hostile.docx",
    ),
    "text, 190 rows of 10 000 cells": (
        lambda k: wide_table_text(columns=scaled(10_000, k)),
        "hostile.md",
    ),
    "pdf, a page of 26 MB content": (lambda k: page_bomb_pdf(scaled(1_000_000, k)), "hostile.pdf"),
}


def timed(data: bytes, name: str) -> tuple[float, str]:
    started = time.process_time()
    try:
        result = parse_document(data, name)
        outcome = f"{len(result.plan['goals'])} goals"
    except DocumentError as exc:
        outcome = f"refused: {exc}"
    return time.process_time() - started, outcome


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sizes = parser.add_mutually_exclusive_group()
    sizes.add_argument("--quick", action="store_true", help="leave out the 160k lines")
    sizes.add_argument("--smoke", action="store_true", help="every input at a tiny size")
    return parser.parse_args(argv)


def figures(args: argparse.Namespace) -> list[str]:
    """Print the figures; return the shapes that are not linear."""
    scale = SMOKE_SCALE if args.smoke else 1
    sizes = (
        tuple(scaled(n, scale) for n in LINE_SIZES[:2]) if args.quick or args.smoke else LINE_SIZES
    )
    at = f" at {scale:g} of that size" if scale != 1 else ""
    ratios = []
    for label, make in SHAPES.items():
        times, parsed = {}, {}
        for n in sizes:
            data = make(n)
            seconds, outcome = timed(data, "hostile.txt")
            times[n], parsed[n] = seconds, not outcome.startswith("refused")
            size = f"{len(data) / 1024:.0f} KiB"
            print(f"{label:>17}, {n:>7} lines: {seconds * 1000:8.0f} ms CPU ({size}; {outcome})")
        if 160_000 in times and all(parsed[n] for n in (40_000, 160_000)):
            ratio = times[160_000] / max(times[40_000], 1e-3)
            ratios.append((label, ratio))
            print(f"{label:>17}: 160k/40k = {ratio:.1f} (must be < 5)")
        elif 160_000 in times:
            print(f"{label:>17}: refused at the importer's limits, no ratio")
    for label, make in DOCX_SHAPES.items():
        data = make(scale)
        seconds, outcome = timed(data, "hostile.docx")
        size = f"{len(data) / 1024:.0f} KiB"
        print(f"{label}{at}: {seconds * 1000:.0f} ms CPU ({size}; {outcome})")
    for label, (make_other, name) in OTHER_SHAPES.items():
        data = make_other(scale)
        seconds, outcome = timed(data, name)
        size = f"{len(data) / 1024:.0f} KiB"
        print(f"{label}{at}: {seconds * 1000:.0f} ms CPU ({size}; {outcome})")
    return [label for label, ratio in ratios if ratio >= 5]


def main() -> None:
    bad = figures(arguments())
    if bad:
        print("NOT LINEAR:", ", ".join(bad))
        sys.exit(1)


if __name__ == "__main__":
    main()
