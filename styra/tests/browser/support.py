"""What the browser tests share besides fixtures: signing in, axe-core, the keyboard."""

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from styra.demo.city import DEMO_PASSWORD

# WCAG 2.1 level A and AA: what the municipality's accessibility coordinator checks.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def sign_in(page: Page, username: str, password: str = DEMO_PASSWORD) -> Page:
    """Signs in through the real login form and waits for the start page."""
    page.goto("/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord", exact=True).fill(password)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state()
    assert "/konto/logga-in/" not in page.url, f"{username} kunde inte logga in: {page.url}"
    return page


_axe = None


def axe_violations(page: Page, context=None) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now."""
    global _axe
    if _axe is None:
        _axe = Axe()
    return _axe.run(page, context=context, options=AXE_OPTIONS).response["violations"]


def describe_violations(where: str, violations: list[dict]) -> str:
    """A readable account: rule, impact, what it means, and each element that fails."""
    lines = []
    for violation in violations:
        lines.append(
            f"{where}: {violation['id']} ({violation['impact']}) – {violation['help']}"
            f"\n    {violation['helpUrl']}"
        )
        for node in violation["nodes"][:5]:
            target = " ".join(map(str, node["target"]))
            html = re.sub(r"\s+", " ", node["html"])[:200]
            lines.append(f"    · {target}: {html}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary[:300]}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    · … och {len(violation['nodes']) - 5} till")
    return "\n".join(lines)


def tab_to(page: Page, locator, limit: int = 400) -> None:
    """Presses Tab until the element is focused, as a keyboard user would."""
    handle = locator.element_handle()
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("el => el === document.activeElement", handle):
            return
    focused = page.evaluate("() => document.activeElement && document.activeElement.outerHTML")
    raise AssertionError(f"Tab nådde aldrig {locator}; fokus på {str(focused)[:200]}")


def focused_html(page: Page) -> str:
    return page.evaluate("() => document.activeElement ? document.activeElement.outerHTML : ''")
