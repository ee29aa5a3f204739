"""End to end in the browser: an editor edits and submits a plan, the approver adopts it and
downloads its PDF; and hostile markup typed into a narrative field never runs on the plan page.
"""

import io
from pathlib import Path

import pytest

pytest.importorskip("playwright")

from pypdf import PdfReader  # noqa: E402

from styra.documents.tests.pdf_checks import assert_archivable_swedish_pdf  # noqa: E402
from styra.goals.models import Level
from styra.plans.models import Plan

pytestmark = pytest.mark.usefixtures("demo_city")

PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    '<a href="javascript:alert(1)">klicka</a>',
    '<svg onload="alert(1)"></svg>',
]


def test_edit_a_plan_then_the_approver_adopts_it_and_downloads_the_pdf(signed_in):
    plan = Plan.objects.get(unit__name="Vuxenenheten", year__year=2026)
    assert plan.status == "draft"

    editor = signed_in("vuxen")
    editor.goto(f"/planer/{plan.pk}/")
    editor.get_by_role("link", name="Ändra uppgifter").click()
    editor.locator("#slot-header").get_by_label("Handläggare").fill("Eva Endtoend")
    editor.locator("#slot-header").get_by_role("button", name="Spara").click()
    editor.locator("#header .plan-meta").get_by_text("Eva Endtoend").wait_for()
    # Plans go draft → submitted → adopted: the editor hands it in, the approver decides.
    editor.once("dialog", lambda dialog: dialog.accept())
    editor.get_by_role("button", name="Lämna in planen").click()
    editor.locator("#header .plan-status", has_text="Inlämnad").wait_for()
    assert editor.get_by_role("button", name="Fastställ planen").count() == 0
    assert editor.get_by_role("link", name="Ändra uppgifter").count() == 0
    editor.context.close()

    # Vuxenenheten is under Socialnämnden, whose approver is beslut.
    approver = signed_in("beslut")
    approver.goto(f"/planer/{plan.pk}/")
    confirms = []

    def accept(dialog):
        confirms.append(dialog.message)
        dialog.accept()

    approver.on("dialog", accept)
    approver.get_by_role("button", name="Fastställ planen").click()
    approver.locator("#header .plan-status", has_text="Fastställd").wait_for()
    assert confirms and "Fastställa planen" in confirms[0]
    assert approver.get_by_text("Eva Endtoend").count() >= 1
    plan.refresh_from_db()
    assert plan.status == "adopted"
    assert plan.submitted_by.username == "vuxen" and plan.adopted_by.username == "beslut"

    with approver.expect_download() as info:
        approver.get_by_role("link", name="Ladda ner PDF").click()
    data = Path(info.value.path()).read_bytes()
    assert data.startswith(b"%PDF-")
    text = "".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    assert "Eva Endtoend" in text and "Vuxenenheten" in text
    assert_archivable_swedish_pdf(data, title=f"Verksamhetsplan 2026 – {plan.unit.name}")
    assert not approver.js_errors


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["csp", "utan-csp"])
def test_hostile_markup_in_a_narrative_never_runs(signed_in, bypass_csp):
    """With the Content-Security-Policy, and without it (bypass_csp) so that the sanitiser
    and the template escaping are shown to hold on their own."""
    plan = Plan.objects.get(unit__name="Vuxenenheten", year__year=2026)
    goal = plan.unit.goals.filter(year=plan.year, level=Level.UNIT).order_by("pk").first()
    page = signed_in("vuxen", bypass_csp=bypass_csp)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"/planer/{plan.pk}/")

    page.locator(f"#goal-{goal.pk} > .actions").get_by_role("link", name="Ändra").first.click()
    form = page.locator(f"#slot-goal-{goal.pk} form")
    hostile = "\n\n".join(f"Före {payload} efter" for payload in PAYLOADS)
    form.get_by_label("Beskrivning").fill(hostile)
    form.get_by_role("button", name="Spara").click()
    page.locator(f"#goal-{goal.pk} .narrative").get_by_text("Före").first.wait_for()

    page.reload()
    page.locator(f"#goal-{goal.pk} .narrative").wait_for()
    narrative = page.locator(f"#goal-{goal.pk} .narrative")
    assert narrative.locator("img, script, svg, iframe, object, [onerror], [onload]").count() == 0
    hrefs = narrative.locator("a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert not any(href and href.lower().startswith("javascript:") for href in hrefs)
    page.wait_for_timeout(300)  # an onerror on a broken image would fire by now
    assert dialogs == [], f"en dialog öppnades: {dialogs}"
    assert not page.js_errors
