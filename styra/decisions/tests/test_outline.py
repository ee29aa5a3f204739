"""One outline for the plan page, the public page and the documents (lib.outline).

The parts come in the same order everywhere; a section heading with nothing under
it is left out; a chain goal with nothing of the unit's under it keeps its heading
and says so.
"""

import io
import re
from decimal import Decimal

import docx
import pypdf
import pytest
from django.urls import reverse

from styra.budget.services import budget_row_create
from styra.conftest import add_unit_goal
from styra.decisions.services import plan_submit
from styra.documents.render import render
from styra.documents.tests.pdf_checks import assert_archivable_swedish_pdf
from styra.documents.tests.sample_plans import SAMPLE_META
from styra.goals.models import Level
from styra.goals.services import goal_create
from styra.plans.models import SectionPart
from styra.plans.services import appendix_add, section_create

from ..services import plan_adopt, subject_publish

NOTHING = "Inget att redovisa för enheten."
# One marker per part, in the order of lib.outline.PARTS.
IN_ORDER = [
    "Uppdrag och målgrupp",
    "Alla besök bokas inom tre dagar",
    "Övrigt",
    "Budget",
    "Bilagor",
]


def pdf_body(data: bytes) -> str:
    """The PDF's text after its table of contents (the body starts on a new page)."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    first = next(item for item in reader.outline if not isinstance(item, list))
    start = reader.get_destination_page_number(first)
    return "\n".join(page.extract_text() or "" for page in reader.pages[start:])


def positions(text: str, needles: list[str]) -> list[int]:
    found = [text.find(needle) for needle in needles]
    assert -1 not in found, dict(zip(needles, found, strict=True))
    return found


def html_after_toc(body: str) -> str:
    """The page after its table of contents, without tags."""
    if 'id="toc-h"' in body:
        body = body[body.index("</nav>", body.index('id="toc-h"')) :]
    return re.sub(r"<[^>]+>", " ", body)


@pytest.fixture
def full_plan(content, approver):
    """Unit A's plan with every part, a closing section and a bare intro heading, published."""
    plan = content.plan
    section_create(plan=plan, heading="Uppdrag och målgrupp", text="Vi ger stöd.")
    section_create(plan=plan, heading="Tom rubrik", text="")
    section_create(
        plan=plan, heading="Övrigt", text="Internkontroll i bilaga.", part=SectionPart.CLOSING
    )
    appendix_add(plan=plan, name="Internkontrollplan")
    plan_submit(plan=plan, by=None)
    content.snapshot = plan_adopt(plan=plan, by=approver)
    subject_publish(subject=plan, by=approver)
    return content


def test_the_public_page_has_the_parts_in_the_order_of_the_plan_page_and_the_pdf(
    client, reader, full_plan
):
    public = client.get(reverse("decisions:public_detail", args=[full_plan.snapshot.pk]))
    client.force_login(reader)
    internal = client.get(reverse("plans:detail", args=[full_plan.plan.pk]))
    pdf = bytes(full_plan.snapshot.pdf)
    for text in (
        html_after_toc(public.content.decode()),
        html_after_toc(internal.content.decode()),
    ):
        found = positions(text, IN_ORDER)
        assert found == sorted(found), found
    found = positions(pdf_body(pdf), IN_ORDER)
    assert found == sorted(found), found


def test_a_bare_section_heading_is_left_out_everywhere_but_for_the_editor(
    client, reader, editor_a, full_plan
):
    pdf = client.get(reverse("decisions:public_download", args=[full_plan.snapshot.pk, "pdf"]))
    assert "Tom rubrik" not in pdf_body(pdf.content)
    assert "Uppdrag och målgrupp" in pdf_body(pdf.content)
    client.force_login(reader)
    word = client.get(reverse("documents:plan", args=[full_plan.plan.pk, "docx"])).content
    assert "Tom rubrik" not in "\n".join(p.text for p in docx.Document(io.BytesIO(word)).paragraphs)
    public = client.get(reverse("decisions:public_detail", args=[full_plan.snapshot.pk]))
    assert "Tom rubrik" not in public.content.decode()
    assert (
        "Tom rubrik"
        not in client.get(reverse("plans:detail", args=[full_plan.plan.pk])).content.decode()
    )


def test_the_editor_still_sees_a_bare_section_to_fill_in(client, editor_a, plan_a):
    section_create(plan=plan_a, heading="Tom rubrik", text="")
    client.force_login(editor_a)
    body = client.get(reverse("plans:detail", args=[plan_a.pk])).content.decode()
    assert "Tom rubrik" in body
    assert "Avsnittet har ingen text och kommer inte med i dokumenten." in body
    assert "lib.outline" not in body  # the template's comment stays a comment


def test_a_heading_that_introduces_sections_stays_and_they_sit_under_it(client, reader, plan_a):
    section_create(plan=plan_a, heading="Inledning", text="")
    section_create(plan=plan_a, heading="Uppdrag", text="Vi ger stöd.")
    client.force_login(reader)
    body = client.get(reverse("plans:detail", args=[plan_a.pk])).content.decode()
    assert re.search(r"<h2[^>]*>Inledning</h2>", body)
    assert re.search(r"<h3[^>]*>Uppdrag</h3>", body)
    assert "kommer inte med i dokumenten" not in body


def plan_dict(goals, sections=()) -> dict:
    return {
        "format": "styra-plan/1",
        "unit": "Enhet A",
        "year": 2026,
        "addressee": None,
        "officer": None,
        "sections": list(sections),
        "goals": goals,
        "budget": None,
        "appendices": [],
    }


def goal(level, title, children=(), **extra):
    return {
        "level": level,
        "number": None,
        "title": title,
        "indicators": [],
        "activities": [],
        "children": list(children),
        **extra,
    }


# KF's direction goal with two area goals: one the unit works under, one with nothing of its own.
CHAIN = [
    goal(
        "direction",
        "En stad för alla",
        [
            goal("area", "Invånarna får stöd i tid", [goal("unit", "Besök inom tre dagar")]),
            goal("area", "Staden är klimatsmart", description="KF:s beskrivning."),
        ],
    )
]
SECTIONS = [
    {"heading": "Uppdrag", "text": "Vi ger stöd."},
    {"heading": "Tom rubrik", "text": ""},
]


def test_the_pdf_keeps_every_chain_goal_and_says_when_nothing_is_under_it():
    data = render(plan_dict(CHAIN, SECTIONS), "pdf", meta=SAMPLE_META)
    assert_archivable_swedish_pdf(data, title="Verksamhetsplan 2026 – Enhet A")
    text = pdf_body(data)
    found = positions(
        text,
        [
            "En stad för alla",
            "Invånarna får stöd i tid",
            "Besök inom tre dagar",
            "Staden är klimatsmart",
            "KF:s beskrivning.",
            NOTHING,
        ],
    )
    assert found == sorted(found)
    assert text.count(NOTHING) == 1  # only under the goal that has nothing of the unit's
    assert "Tom rubrik" not in text


def test_the_word_file_keeps_every_chain_goal_and_says_when_nothing_is_under_it():
    paragraphs = [
        p.text
        for p in docx.Document(
            io.BytesIO(render(plan_dict(CHAIN, SECTIONS), "docx", meta=SAMPLE_META))
        ).paragraphs
    ]
    i = len(paragraphs) - 1 - paragraphs[::-1].index("Staden är klimatsmart")  # not the TOC's
    assert paragraphs[i + 1 : i + 4] == ["Beskrivning", "KF:s beskrivning.", NOTHING]
    assert paragraphs.count(NOTHING) == 1
    assert paragraphs.count("Tom rubrik") == 0


def test_the_pages_say_when_a_chain_goal_has_nothing_of_the_units(
    client, reader, content, org, chain
):
    goal_create(
        year=chain.year,
        level=Level.AREA,
        owner=org.city,
        parent=chain.direction,
        number="1.2",
        title="Staden är klimatsmart",
    )
    board = goal_create(
        year=chain.year,
        level=Level.BOARD,
        owner=org.north,
        parent=chain.direction.children.get(number="1.2"),
        title="Nämnden minskar sina utsläpp",
    )
    content.plan.chain_goals.add(board)
    client.force_login(reader)
    body = client.get(reverse("plans:detail", args=[content.plan.pk])).content.decode()
    assert body.count(NOTHING) == 1
    assert body.index("Nämnden minskar sina utsläpp") < body.index(NOTHING)
    budget_row_create(plan=content.plan, name="Lokaler", costs=Decimal("5"))
    pdf = client.get(reverse("documents:plan", args=[content.plan.pk, "pdf"])).content
    assert pdf_body(pdf).count(NOTHING) == 1


def _budget_header(body: str) -> str:
    table = body[body.index('id="budget-h"') :]
    return re.search(r'<th scope="col">([^<]+)</th>', table).group(1)


def test_the_budget_lines_column_is_named_as_in_the_documents(client, reader, full_plan):
    """The pages headed the budget's lines "Rad" (in English "Row") where the PDF and Word
    say "Budgetpost"."""
    assert "Budgetpost" in pdf_body(bytes(full_plan.snapshot.pdf))
    public = client.get(reverse("decisions:public_detail", args=[full_plan.snapshot.pk]))
    client.force_login(reader)
    internal = client.get(reverse("plans:detail", args=[full_plan.plan.pk]))
    for page in (public, internal):
        assert _budget_header(page.content.decode()) == "Budgetpost"


def _headings(body: str) -> list[str]:
    found = re.findall(r'<div role="heading" aria-level="\d"[^>]*>(.*?)</div>', body, re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", h)).strip() for h in found]


def test_a_chain_goals_heading_says_which_level_it_is(
    client, reader, editor_b, org, chain, plan_b, full_plan
):
    """A screen reader's list of headings read "1 …" for the KF goal and "1 …" again for the
    board goal: the level ("KF:s inriktningsmål:", "Nämndmål:") stood outside the heading."""
    add_unit_goal(chain, org.unit_b, "Svar i tid")
    public = client.get(reverse("decisions:public_detail", args=[full_plan.snapshot.pk]))
    client.force_login(reader)
    adopted = client.get(reverse("plans:detail", args=[full_plan.plan.pk]))
    client.force_login(editor_b)
    draft = client.get(reverse("plans:detail", args=[plan_b.pk]))
    adopted_goal = "Alla besök bokas inom tre dagar"
    for page, unit_goal in ((public, adopted_goal), (adopted, adopted_goal), (draft, "Svar i tid")):
        headings = _headings(page.content.decode())
        assert headings == [
            "KF:s inriktningsmål: 1 En stad för alla",
            "KF:s mål för verksamhetsområdet: 1.1 Invånarna får stöd i tid",
            "Nämndmål: Ingen ska vänta längre än nödvändigt",
            f"Enhetsmål: {unit_goal}",
        ], headings
