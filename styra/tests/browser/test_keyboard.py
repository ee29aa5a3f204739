"""The main flows by keyboard alone, in the browser, on the demo city.

Tab moves, Enter follows a link or presses a button, typing fills a field; the mouse is
never used. The confirm dialogs (data-confirm) are answered "OK" as a keyboard user does
with Enter. Choosing an option in a <select> uses the arrow keys, as it does for every
keyboard user.
"""

import pytest

pytest.importorskip("playwright")

from styra.followup.models import Report, ReportStatus  # noqa: E402
from styra.plans.models import Plan

from .support import focused_html, tab_to  # noqa: E402

pytestmark = pytest.mark.usefixtures("demo_city")


def plan_of(unit: str, year: int = 2026) -> Plan:
    return Plan.objects.get(unit__name=unit, year__year=year)


def report_of(unit: str, code: str = "2026T1") -> Report:
    return Report.objects.get(org_unit__name=unit, period__code=code)


def press_tab_to(page, locator):
    locator.wait_for()
    tab_to(page, locator)


def focus_is_inside(page, selector: str) -> bool:
    return page.evaluate(
        "sel => { const el = document.activeElement, box = document.querySelector(sel);"
        " return !!(el && box && el !== document.body && box.contains(el)); }",
        selector,
    )


def test_an_editor_edits_a_plan_by_keyboard(signed_in):
    plan = plan_of("Vuxenenheten")
    page = signed_in("vuxen")
    page.goto(f"/planer/{plan.pk}/")

    press_tab_to(page, page.get_by_role("link", name="Ändra uppgifter"))
    page.keyboard.press("Enter")
    # The form opens in place and focus moves to its heading.
    page.locator("#slot-header form").wait_for()
    assert focus_is_inside(page, "#slot-header"), focused_html(page)

    press_tab_to(page, page.get_by_label("Handläggare"))
    page.keyboard.press("Control+A")
    page.keyboard.type("Tangent Bordsson")
    press_tab_to(page, page.locator("#slot-header button[type=submit]"))
    page.keyboard.press("Enter")

    meta = page.locator("#header .plan-meta")
    meta.get_by_text("Tangent Bordsson").wait_for()
    # Focus stays with the block that was edited, not thrown back to the top of the page.
    assert focus_is_inside(page, "#header") or page.evaluate(
        "() => document.activeElement && document.activeElement.id === 'header'"
    ), focused_html(page)
    plan.refresh_from_db()
    assert plan.officer == "Tangent Bordsson"


def test_an_editor_enters_an_outcome_and_submits_the_report_and_it_is_approved(signed_in):
    # Mottagning och råd's T1 2026 report is a draft with one goal not yet assessed.
    report = report_of("Mottagning och råd")
    assert report.status == ReportStatus.DRAFT
    page = signed_in("mottagning")
    page.goto(f"/uppfoljning/rapporter/{report.pk}/")

    # An outcome for the first indicator.
    enter = page.locator("#indicators a", has_text="Ange utfall").first
    press_tab_to(page, enter)
    page.keyboard.press("Enter")
    page.locator("#slot-indicators form").wait_for()
    assert focus_is_inside(page, "#slot-indicators"), focused_html(page)
    press_tab_to(page, page.locator("#slot-indicators").get_by_label("Utfall", exact=True))
    page.keyboard.press("Control+A")
    page.keyboard.type("97,5")
    base = page.locator("#slot-indicators").get_by_label("Bas")
    if base.count():
        press_tab_to(page, base)
        page.keyboard.press("Control+A")
        page.keyboard.type("40")
    press_tab_to(page, page.locator("#slot-indicators button[type=submit]"))
    page.keyboard.press("Enter")
    page.locator("#indicators td.num", has_text="97,5").first.wait_for()

    # The goal the draft leaves open gets Styra's proposal (or the first choice if none).
    assess = page.locator("#goals a", has_text="Bedöm målet").first
    press_tab_to(page, assess)
    page.keyboard.press("Enter")
    form = page.locator("#goals form")
    form.wait_for()
    select = form.get_by_label("Bedömning", exact=True)
    hint = form.locator("#id_value_helptext")
    proposal = hint.text_content() if hint.count() else ""
    press_tab_to(page, select)
    for _ in range(6):
        page.keyboard.press("ArrowDown")
        chosen = select.evaluate("s => s.options[s.selectedIndex].text")
        if not proposal.startswith("Förslag:") or chosen in proposal:
            break
    press_tab_to(page, form.locator("button[type=submit]"))
    page.keyboard.press("Enter")
    page.locator("#goals a", has_text="Bedöm målet").first.wait_for(state="detached")

    # Submit: the confirm dialog is accepted.
    page.once("dialog", lambda dialog: dialog.accept())
    press_tab_to(page, page.get_by_role("button", name="Lämna in rapporten"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.locator("#header .report-status", has_text="Inlämnad").wait_for()
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED

    # Socialnämnden's approver (the demo's APPROVERS) approves it, by keyboard too.
    approver = signed_in("beslut")
    approver.goto(f"/uppfoljning/rapporter/{report.pk}/")
    approver.once("dialog", lambda dialog: dialog.accept())
    press_tab_to(approver, approver.get_by_role("button", name="Godkänn rapporten"))
    with approver.expect_navigation():
        approver.keyboard.press("Enter")
    approver.locator("#header .report-status", has_text="Godkänd").wait_for()
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED and report.approved_by.username == "beslut"
    assert not page.js_errors and not approver.js_errors


def test_a_reader_downloads_a_plan_pdf_by_keyboard(signed_in):
    plan = plan_of("Mottagning och råd")
    page = signed_in("lasare")
    page.goto(f"/planer/{plan.pk}/")
    press_tab_to(page, page.get_by_role("link", name="Ladda ner PDF"))
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    download = info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
