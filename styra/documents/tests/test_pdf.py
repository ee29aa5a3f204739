import io
import re
import time
from dataclasses import replace
from typing import Any

import pypdf
import pytest

from styra.documents.layout import budget_table
from styra.documents.render import render

from .pdf_checks import assert_archivable_swedish_pdf
from .sample_plans import (
    GOLDEN_DIR,
    HOSTILE,
    SAMPLE_META,
    assert_in_order,
    expected_in_order,
    golden_meta,
    labels_used,
    normalise,
    plan_cases,
    sample_plan,
)

_RUNNING = re.compile(r"Sid \d+ \(\d+\)")


def read(pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf))


def page_texts(reader: pypdf.PdfReader) -> list[str]:
    # A line broken after a hyphen ("MI-samtal") is one word again.
    return [(page.extract_text() or "").replace("-\n", "-") for page in reader.pages]


def body_text(reader: pypdf.PdfReader) -> str:
    """The text after the table of contents, without page numbers and running heads.

    The first bookmark points at the first heading of the body, which starts on a new page.
    """
    first = next(item for item in reader.outline if not isinstance(item, list))
    start = reader.get_destination_page_number(first)
    pages = []
    for text in page_texts(reader)[start:]:
        lines = text.split("\n")
        pages.append("\n".join(lines[1:]))  # the first line is the running head
    return _RUNNING.sub(" ", "\n".join(pages))


@pytest.fixture(scope="module", params=plan_cases())
def rendered(request: pytest.FixtureRequest) -> tuple[dict[str, Any], Any, pypdf.PdfReader]:
    plan, meta = request.param
    return plan, meta, read(render(plan, "pdf", meta=meta))


def test_goals_indicators_and_activities_in_order(rendered) -> None:
    plan, _, reader = rendered
    assert_in_order(body_text(reader), expected_in_order(plan))


def test_page_footer_and_labels(rendered) -> None:
    plan, meta, reader = rendered
    texts = page_texts(reader)
    total = len(texts)
    assert f"Sid 1 ({total})" in texts[0]
    assert all(f"Sid {n} ({total})" in text for n, text in enumerate(texts, start=1))
    whole = normalise("\n".join(texts))
    for label in labels_used(plan, meta):
        assert label in whole


def test_header_block(rendered) -> None:
    plan, meta, reader = rendered
    first = normalise(page_texts(reader)[0])
    assert "Handläggare:" in first and normalise(plan["officer"]) in first
    assert f"Telefon: {meta.phone}" in first
    assert "Till" in first
    assert f"Verksamhetsplan {plan['year']}" in first
    assert normalise(plan["unit"]) in first
    assert "Innehåll" in first


def test_budget_numbers_in_swedish_format(rendered) -> None:
    plan, _, reader = rendered
    if not plan["budget"]:
        pytest.skip("plan has no budget table")
    text = normalise("\n".join(page_texts(reader)))
    table = budget_table(plan["budget"])
    assert f"({plan['budget']['currency_unit']})" in text
    for row in table.rows:
        assert normalise(" ".join(c for c in row.cells if c)) in text


def test_pdfa_ua_swedish_with_embedded_fonts(rendered) -> None:
    plan, _, reader = rendered
    assert_archivable_swedish_pdf(
        reader.stream.getvalue(), title=f"Verksamhetsplan {plan['year']} – {plan['unit']}"
    )


def test_draft_notice_only_for_drafts() -> None:
    plan = sample_plan()
    draft = normalise(page_texts(read(render(plan, "pdf", meta=SAMPLE_META)))[0])
    adopted_pdf = render(plan, "pdf", meta=replace(SAMPLE_META, status="adopted"))
    adopted = normalise("\n".join(page_texts(read(adopted_pdf))))
    assert "Förslag till beslut" in draft
    assert "Förslag till beslut" not in adopted


def test_sample_plan_details() -> None:
    reader = read(render(sample_plan(), "pdf", meta=SAMPLE_META))
    text = normalise("\n".join(page_texts(reader)))
    assert "Till Norrvikens stadsdelsnämnd Sammanträde: 17 december 2024" in text
    assert "Enhetsmål: Alla besökare får ett första samtal" in text
    assert "a) Ingen väntar mer än fem dagar." in text
    assert "b) Besökarna är nöjda med bemötandet." in text
    assert "2025-02-01 2025-06-30" in text
    for number in ("16 073,0", "1 300,5", "−1 300,5", "14 772,5", "Kostnader (tkr)"):
        assert number in text
    # Closing text comes after the goal chain, then the budget, then the appendices.
    assert_in_order(
        body_text(reader),
        ["Enheten håller sin budget", "Övrigt", "Budget 2025", "Bilagor", "Internkontrollplan"],
    )


def test_hostile_text_prints_literally() -> None:
    text = normalise("\n".join(page_texts(read(render(sample_plan(), "pdf", meta=SAMPLE_META)))))
    for snippet in HOSTILE:
        assert normalise(snippet) in text, snippet


def test_output_is_reproducible_with_a_fixed_timestamp() -> None:
    plan = sample_plan()
    assert render(plan, "pdf", meta=SAMPLE_META) == render(plan, "pdf", meta=SAMPLE_META)


@pytest.mark.skipif(not GOLDEN_DIR.is_dir(), reason="shared seeds are not here")
def test_golden_plan_renders_quickly() -> None:
    import json

    plan = json.loads((GOLDEN_DIR / "004_184a6352b9e6a90b.json").read_text(encoding="utf-8"))
    meta = golden_meta(plan, status="draft")
    render(plan, "pdf", meta=meta)
    started = time.perf_counter()
    render(plan, "pdf", meta=meta)
    assert time.perf_counter() - started < 1.0
