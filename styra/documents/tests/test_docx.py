import io
from dataclasses import replace
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

from styra.documents.layout import budget_table
from styra.documents.render import render

from .sample_plans import (
    HOSTILE,
    SAMPLE_META,
    assert_in_order,
    expected_in_order,
    labels_used,
    normalise,
    plan_cases,
    sample_plan,
    walk,
)


def read(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


def paragraph_text(p: Any) -> str:
    return "".join(
        "\t" if e.tag == qn("w:tab") else e.text or "" for e in p.iter(qn("w:t"), qn("w:tab"))
    )


def all_text(document: Any) -> str:
    return "\n".join(paragraph_text(p) for p in document.element.body.iter(qn("w:p")))


def split_at_toc(document: Any) -> tuple[str, str]:
    """The cached text of the table of contents field, and the text after it in reading order."""
    toc: list[str] = []
    body: list[str] = []
    in_toc = seen_toc = False
    for p in document.element.body.iter(qn("w:p")):
        instructions = "".join(i.text or "" for i in p.iter(qn("w:instrText")))
        if "TOC" in instructions:
            in_toc = seen_toc = True
        ends = any(c.get(qn("w:fldCharType")) == "end" for c in p.iter(qn("w:fldChar")))
        if in_toc:
            toc.append(paragraph_text(p))
        elif seen_toc:
            body.append(paragraph_text(p))
        if in_toc and ends:
            in_toc = False
    return "\n".join(toc), "\n".join(body)


def body_text(document: Any) -> str:
    return split_at_toc(document)[1]


def footer_text(document: Any) -> str:
    return normalise(paragraph_text(document.sections[0].footer._element))


@pytest.fixture(scope="module", params=plan_cases())
def rendered(request: pytest.FixtureRequest) -> tuple[dict[str, Any], Any, Any]:
    plan, meta = request.param
    return plan, meta, read(render(plan, "docx", meta=meta))


def test_goals_indicators_and_activities_in_order(rendered) -> None:
    plan, _, document = rendered
    assert_in_order(body_text(document), expected_in_order(plan))


def test_goal_headings_use_heading_styles(rendered) -> None:
    plan, _, document = rendered
    styles = {normalise(p.text): p.style.name for p in document.paragraphs}
    for node in walk(plan["goals"]):
        heading = normalise(" ".join(filter(None, [node["number"], node["title"]])))
        assert styles[heading].startswith("Heading "), heading
    assert any(style == "Heading 1" for style in styles.values())


def test_footer_has_page_fields(rendered) -> None:
    _, _, document = rendered
    footer = document.sections[0].footer._element
    codes = [i.text.strip() for i in footer.iter(qn("w:instrText"))]
    assert codes == ["PAGE", "NUMPAGES"]
    assert footer_text(document).startswith("Sid 1 (")


def test_table_of_contents_field_and_static_list(rendered) -> None:
    plan, _, document = rendered
    instructions = [i.text for i in document.element.body.iter(qn("w:instrText"))]
    assert any(i.strip().startswith('TOC \\o "1-3"') for i in instructions)
    toc = normalise(split_at_toc(document)[0])
    for goal in plan["goals"]:
        assert normalise(goal["title"]) in toc


def test_tables_repeat_their_header_row(rendered) -> None:
    _, _, document = rendered
    data_tables = document.tables[1:]  # the first is the letter head
    assert data_tables
    for table in data_tables:
        header = table.rows[0]._tr
        assert header.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    headers = {tuple(c.text for c in t.rows[0].cells) for t in data_tables}
    assert headers & {
        ("Indikator", "Årsmål", "KF:s årsmål", "Periodicitet"),
        ("Aktivitet", "Startdatum", "Slutdatum"),
    }


def test_labels_header_and_properties(rendered) -> None:
    plan, meta, document = rendered
    text = normalise(all_text(document))
    for label in labels_used(plan, meta):
        assert label in text
    assert "Handläggare:" in text and f"Telefon: {meta.phone}" in text
    assert f"Verksamhetsplan {plan['year']}" in text
    props = document.core_properties
    assert props.title == f"Verksamhetsplan {plan['year']} – {plan['unit']}"
    assert props.language == "sv-SE"
    lang = document.styles.element.find(f"{qn('w:docDefaults')}//{qn('w:lang')}")
    assert lang.get(qn("w:val")) == "sv-SE"
    assert document.sections[0].page_width.mm == pytest.approx(210, abs=0.5)


def test_budget_numbers_in_swedish_format(rendered) -> None:
    plan, _, document = rendered
    if not plan["budget"]:
        pytest.skip("plan has no budget table")
    budget = document.tables[-1]
    unit = plan["budget"]["currency_unit"]
    assert any(
        c.text == f"Kostnader ({unit})" or c.text == f"Netto ({unit})" for c in budget.rows[0].cells
    )
    expected = budget_table(plan["budget"]).rows
    for row, want in zip(budget.rows[1:], expected, strict=True):
        assert [c.text for c in row.cells] == want.cells
        bold = any(r.bold for c in row.cells for p in c.paragraphs for r in p.runs)
        assert bold == want.bold


def test_sample_plan_details() -> None:
    document = read(render(sample_plan(), "docx", meta=SAMPLE_META))
    text = normalise(all_text(document))
    assert "Till Norrvikens stadsdelsnämnd Sammanträde: 17 december 2024" in text
    assert "Enhetsmål: Alla besökare får ett första samtal" in text
    # "a)" is Word's own numbering of a List Number paragraph now, not typed text.
    styles = {p.text: p.style.name for p in document.paragraphs}
    assert styles["Ingen väntar mer än fem dagar."] == "List Number"
    for number in ("16 073,0", "1 300,5", "−1 300,5", "14 772,5"):
        assert number in text
    assert_in_order(
        body_text(document), ["Enheten håller sin budget", "Övrigt", "Budget 2025", "Bilagor"]
    )


def test_draft_notice_only_for_drafts() -> None:
    plan = sample_plan()
    draft = all_text(read(render(plan, "docx", meta=SAMPLE_META)))
    adopted_doc = read(render(plan, "docx", meta=replace(SAMPLE_META, status="adopted")))
    adopted = all_text(adopted_doc) + paragraph_text(adopted_doc.sections[0].header._element)
    assert "Förslag till beslut" in draft
    assert "Förslag till beslut" not in adopted


def test_hostile_text_prints_literally() -> None:
    text = normalise(all_text(read(render(sample_plan(), "docx", meta=SAMPLE_META))))
    for snippet in HOSTILE:
        assert normalise(snippet) in text, snippet


def test_control_characters_are_dropped() -> None:
    plan = sample_plan()
    plan["goals"][0]["title"] = "Mål\x00 med\x0b styrtecken"
    text = all_text(read(render(plan, "docx", meta=SAMPLE_META)))
    assert "Mål med styrtecken" in text


def test_output_is_reproducible_with_a_fixed_timestamp() -> None:
    plan = sample_plan()
    assert render(plan, "docx", meta=SAMPLE_META) == render(plan, "docx", meta=SAMPLE_META)
