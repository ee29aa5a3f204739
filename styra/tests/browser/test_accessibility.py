"""axe-core over every page each role reaches in the demo city: no WCAG 2.1 A/AA violation.

Each demo user signs in through the login form and follows the links of the site from
the start page, as a visitor would (same origin, GET, no downloads, no sign-out). The
htmx edit forms ("Ändra", "Ny indikator", "Ange utfall" …) are opened by clicking
their buttons and checked in place. Anonymous visitors get the login page, the
accessibility statement and whatever other page answers them without a login (public
pages, found by asking every argument-free URL of the resolver, then crawled); the 404
page is checked signed in and signed out. Django's own admin (/admin/) is left out.

To stay fast a page shape (its path with the ids taken out) is checked once per role,
the first role (the administrator, who reaches everything) checks every shape, and each
other role checks at most PER_ROLE pages plus any shape nobody has checked yet. A link
that a role is shown must not answer 404 or 5xx (a 403 is reported as a warning: which
role may follow which link is the URL policy test's business), and no page may throw a
script error.
"""

import re
import warnings
from urllib.parse import urlsplit

import pytest
from django.urls import URLResolver, get_resolver

pytest.importorskip("playwright")

from styra.plans.models import Plan  # noqa: E402

from .support import axe_violations, describe_violations, sign_in  # noqa: E402

# The administrator first: it reaches every page, so the others only add their own view.
ROLES = ["admin", "beslut", "controller", "vuxen", "mottagning", "aldre", "lasare"]
PER_ROLE = 8
ADMIN_LIMIT = 80
SKIP = re.compile(r"\.(pdf|docx|json|xlsx|csv|zip)$|excel|mall|logga-ut|/admin/", re.I)


def shape(url: str) -> str:
    return re.sub(r"\d+", "N", url)


def plain_paths(patterns=None, prefix: str = ""):
    """Every URL of Styra's resolver that takes no argument (for finding public pages)."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = getattr(pattern.pattern, "_route", None)
        if route is None or "<" in route:
            continue
        if isinstance(pattern, URLResolver):
            yield from plain_paths(pattern.url_patterns, prefix + route)
        else:
            yield "/" + prefix + route


class Crawl:
    """What has been checked, and what failed, over all roles."""

    def __init__(self, origin: str) -> None:
        self.origin = urlsplit(origin).netloc
        self.shapes_done: set[str] = set()
        self.forms_done: set[str] = set()
        self.visits = 0
        self.failures: list[str] = []

    def links(self, page) -> list[str]:
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        found = []
        for href in hrefs:
            parts = urlsplit(href)
            if parts.netloc != self.origin or SKIP.search(parts.path):
                continue
            found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
        return found

    def check(self, page, where: str, context: str | None = None) -> None:
        self.visits += 1
        violations = axe_violations(page, context)
        if violations:
            self.failures.append(describe_violations(where, violations))

    def visit(self, page, role: str, url: str) -> bool:
        response = page.goto(url)
        if response is None:
            self.failures.append(f"{role} {url}: inget svar")
            return False
        if response.status == 403:
            # A link the role is shown but may not follow: poor, but the access policy's
            # business (styra/tests/test_url_policy.py), so reported rather than failed.
            warnings.warn(f"{role} ser en länk till {url} men får 403", stacklevel=1)
            return False
        if response.status >= 400:
            self.failures.append(f"{role} {url}: länken ger {response.status}")
            return False
        if "text/html" not in response.headers.get("content-type", ""):
            return False
        self.check(page, f"{role} {url}")
        self.shapes_done.add(shape(url))
        return True

    def forms(self, page, role: str, url: str) -> None:
        """Opens each htmx edit form on the page not checked before, and checks it in place."""
        buttons = page.eval_on_selector_all(
            "main a[hx-get][hx-target^='#slot-']",
            "els => els.filter(e => e.checkVisibility())"
            " .map(e => [e.getAttribute('hx-get'), e.getAttribute('hx-target')])",
        )
        for hx_get, target in buttons:
            if shape(hx_get) in self.forms_done:
                continue
            self.forms_done.add(shape(hx_get))
            page.goto(url)
            page.locator(f"main a[hx-get='{hx_get}']").first.click()
            page.locator(f"{target} form").first.wait_for()
            # The rest of the page was checked already: only the opened form is new.
            self.check(page, f"{role} {url} + htmx-formulär {hx_get}", context=target)

    def crawl(self, page, role: str, start: list[str], limit: int) -> int:
        queue, seen, shapes, count = list(start), set(start), set(), 0
        while queue:
            url = queue.pop(0)
            if shape(url) in shapes:
                continue
            if count >= limit and shape(url) in self.shapes_done:
                continue
            shapes.add(shape(url))
            if not self.visit(page, role, url):
                continue
            count += 1
            links = self.links(page)
            self.forms(page, role, url)
            for link in links:
                if link not in seen:
                    seen.add(link)
                    queue.append(link)
        return count


def test_every_page_passes_axe_for_every_role(demo_city, new_page, subtests):
    crawl = Crawl(demo_city.url)
    for role in ROLES:
        with subtests.test(role=role):
            page = sign_in(new_page(), role)
            visited = crawl.crawl(page, role, ["/"], ADMIN_LIMIT if role == "admin" else PER_ROLE)
            if role == "admin":
                page.goto("/sidan-finns-inte/")
                crawl.check(page, f"{role} 404-sidan")
            print(f"{role}: {visited} sidor")
            assert not page.js_errors, f"{role}: skriptfel {page.js_errors}"
            page.context.close()

    with subtests.test(role="anonym"):
        page = new_page()
        public = ["/konto/logga-in/"]
        for path in plain_paths():
            if SKIP.search(path) or path in public:
                continue
            response = page.goto(path)
            if response and response.ok and "/konto/logga-in/" not in page.url:
                public.append(path)
        visited = crawl.crawl(page, "anonym", public, PER_ROLE)
        page.goto("/sidan-finns-inte/")
        crawl.check(page, "anonym 404-sidan")
        print(f"anonym: {visited} sidor ({', '.join(public)})")
        assert "/tillganglighet/" in public
        assert not page.js_errors, f"anonym: skriptfel {page.js_errors}"

    print(f"axe: {crawl.visits} kontroller, {len(crawl.forms_done)} htmx-formulär")
    assert crawl.visits >= 60, f"för få sidor kontrollerades ({crawl.visits})"
    assert not crawl.failures, "\n\n".join(crawl.failures)


def test_the_notices_and_their_settings_pass_axe(demo_city, signed_in):
    """Aviseringar with an unread and a read notice, marking one read by htmx, and the
    settings page with a refused choice: the crawl above meets these pages empty."""
    from django.contrib.auth.models import User

    from styra.notifications.models import Kind
    from styra.notifications.services import notice_mark_read, notice_send

    vera = User.objects.get(username="vuxen")
    unread, read = (
        notice_send(
            recipients=[vera],
            kind=Kind.RETURNED,
            title=title,
            text="Bo Beslutare öppnade planen igen.\nMotivering: Budgeten saknas.",
            link="/",
            dedupe_key=f"axe-{title}",
        )[0]
        for title in (
            "Tertialrapport 1 2026 för Vuxenenheten är försenad",
            "Verksamhetsplanen 2026 för Vuxenenheten har öppnats igen",
        )
    )
    notice_mark_read(notice=read)
    page = signed_in("vuxen")
    failures = []
    for path in ("/aviseringar/", "/aviseringar/installningar/"):
        page.goto(path)
        failures += [describe_violations(path, v) for v in [axe_violations(page)] if v]
    page.goto("/aviseringar/")
    page.locator(f"#notice-{unread.pk} button").click()
    page.locator(f"#notice-{unread.pk}.notice--unread").wait_for(state="detached")
    failures += [
        describe_violations("efter Markera som läst", v) for v in [axe_violations(page)] if v
    ]
    # A refused form: the error summary and the field's error, as a forged choice gives.
    page.goto("/aviseringar/installningar/")
    page.eval_on_selector("#id_reminder_2", "el => { el.value = 'sms'; el.checked = true; }")
    page.get_by_role("button", name="Spara").click()
    page.locator(".error-summary").wait_for()
    failures += [
        describe_violations("fel i inställningarna", v) for v in [axe_violations(page)] if v
    ]
    assert not page.js_errors, page.js_errors
    assert not failures, "\n\n".join(failures)


def test_opening_a_new_year_passes_axe(demo_city, signed_in):
    """The year-open page, its refusal, the draft year's chain and next year's plan with its
    "Att granska" list: the pages of a new year, which the crawl above may not reach."""
    failures = []

    def check(page, where: str) -> None:
        violations = axe_violations(page)
        if violations:
            failures.append(describe_violations(where, violations))

    page = signed_in("admin")
    page.goto("/planeringsar/nytt/")
    check(page, "admin nytt planeringsår")
    page.get_by_label("Nytt planeringsår").fill("2026")
    page.get_by_role("button", name="Skapa året som utkast").click()
    page.wait_for_load_state()
    assert "Planeringsåret 2026 finns redan." in page.content()
    check(page, "admin nytt planeringsår, fel")
    page.get_by_label("Nytt planeringsår").fill("2027")
    for box in page.locator("fieldset input[type=checkbox]").all():
        box.check()
    page.get_by_role("button", name="Skapa året som utkast").click()
    page.wait_for_load_state()
    assert "/malkedjan/2027/" in page.url and "2027 är ett utkast." in page.content()
    check(page, "admin målkedjan 2027 (utkast)")
    page.get_by_role("button", name="Öppna året för enheterna").click()
    page.wait_for_load_state()

    editor = signed_in("vuxen")
    plan = Plan.objects.get(unit__name="Vuxenenheten", year__year=2026)
    editor.goto(f"/planer/{plan.pk}/kopiera/")
    editor.get_by_role("button", name="Skapa planen").click()
    editor.wait_for_load_state()
    check(editor, "vuxen nästa års plan skapad")
    editor.get_by_role("link", name="Öppna den nya planen").click()
    editor.wait_for_load_state()
    assert "Att granska" in editor.content()
    check(editor, "vuxen verksamhetsplan 2027")
    assert not page.js_errors and not editor.js_errors
    assert not failures, "\n\n".join(failures)


def test_the_people_and_roles_pages_pass_axe(demo_city, signed_in, new_page):
    """Personer och roller as the committee's administrator, its forms with their errors, and
    the password pages signed out: the pages the crawl above may not reach within its limits."""
    from django.contrib.auth import get_user_model

    vuxen = get_user_model().objects.get(username="vuxen")
    failures = []

    def check(page, where: str) -> None:
        violations = axe_violations(page)
        if violations:
            failures.append(describe_violations(where, violations))

    page = signed_in("namnd")
    for url in (
        "/personer/",
        "/personer/?enhet=&namn=vera",
        f"/personer/{vuxen.pk}/",
        "/personer/ge-roll/?person=vuxen",
        "/personer/ny/",
        "/konto/min-behorighet/",
    ):
        response = page.goto(url)
        assert response is not None and response.status == 200, url
        check(page, f"namnd {url}")
    assert "Äldreomsorgen Norrdalen" not in page.goto("/personer/").text()
    page.goto("/personer/ge-roll/")
    page.get_by_role("button", name="Ge rollen").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    check(page, "namnd ge en roll, med fel")
    page.goto(f"/personer/{vuxen.pk}/")
    page.get_by_role("button", name="Inaktivera kontot").click()
    page.wait_for_load_state()
    assert "Aktivera kontot igen" in page.content()
    check(page, "namnd inaktiverat konto")
    assert not page.js_errors, f"skriptfel {page.js_errors}"

    anonymous = new_page()
    for url in (
        "/konto/glomt-losenord/",
        "/konto/glomt-losenord/skickat/",
        "/konto/nytt-losenord/MQ/x/",
    ):
        anonymous.goto(url)
        check(anonymous, f"anonym {url}")
    assert not failures, "\n\n".join(failures)


def test_the_start_page_passes_axe_for_every_role(demo_city, signed_in):
    """ "Att göra" differs by role (an editor's reports due, an approver's queue, the late
    units a controller oversees), so each persona's start page is checked, not one shape."""
    failures = []
    for role in ROLES:
        page = signed_in(role)
        page.goto("/")
        assert page.get_by_role("heading", level=1, name="Att göra").is_visible()
        violations = axe_violations(page)
        if violations:
            failures.append(describe_violations(f"{role} Att göra", violations))
        assert not page.js_errors, f"{role}: skriptfel {page.js_errors}"
        page.context.close()
    assert not failures, "\n\n".join(failures)


def test_the_dialog_panel_passes_axe_before_and_after_a_reply(demo_city, signed_in):
    """A plan page with a thread, a reply sent over htmx (announced), and a refused reply."""
    from django.contrib.auth.models import User

    from styra.conversations.services import message_post

    plan = Plan.objects.get(unit__name="Vuxenenheten", year__year=2026)
    beslut = User.objects.get(username="beslut")
    message_post(subject=plan, by=beslut, text="Hur räknar ni väntetiden?\n\nSvara gärna i dag.")
    page = signed_in("vuxen")
    page.goto(f"/planer/{plan.pk}/")
    dialog = page.locator("#dialog")
    dialog.get_by_text("Hur räknar ni väntetiden?").wait_for()
    failures = []
    violations = axe_violations(page)
    if violations:
        failures.append(describe_violations("vuxen planen med dialog", violations))

    dialog.get_by_label("Nytt meddelande").fill("Från bokningen till besöket.")
    dialog.get_by_role("button", name="Skicka").click()
    dialog.get_by_text("Från bokningen till besöket.").wait_for()
    assert page.locator("#live").text_content() == "Meddelandet är skickat."
    violations = axe_violations(page, "#dialog")
    if violations:
        failures.append(describe_violations("vuxen dialogen efter svar", violations))

    dialog.get_by_role("button", name="Skicka").click()  # empty: refused in place
    dialog.get_by_text("Skriv ett meddelande.").first.wait_for()
    violations = axe_violations(page, "#dialog")
    if violations:
        failures.append(describe_violations("vuxen dialogen med fel", violations))
    assert not page.js_errors, page.js_errors
    assert not failures, "\n\n".join(failures)


def test_arshjulet_and_its_dates_pass_axe(demo_city, signed_in):
    """Årshjulet for a unit editor, with the feed link just created, and the dates' editing
    page with its htmx add form refused and a delete's question: states the crawl misses."""
    failures = []

    def check(page, where: str) -> None:
        violations = axe_violations(page)
        if violations:
            failures.append(describe_violations(where, violations))

    editor = signed_in("vuxen")
    editor.goto("/arshjul/2026/")
    assert editor.get_by_role("heading", level=1, name="Årshjulet 2026").is_visible()
    check(editor, "vuxen årshjulet 2026")
    editor.get_by_role("button", name="Skapa länk").click()
    editor.wait_for_load_state()
    assert ".ics" in editor.locator("#feed-url").input_value()
    check(editor, "vuxen årshjulet, kalenderlänk skapad")

    admin = signed_in("admin")
    admin.goto("/arshjul/2026/datum/")
    check(admin, "admin datum i årshjulet")
    admin.get_by_role("link", name="Lägg till datum").click()
    admin.locator("#slot-dates form").wait_for()
    check(admin, "admin nytt datum (htmx)")
    admin.get_by_role("button", name="Lägg till", exact=True).click()  # no date: refused
    admin.locator("#slot-dates .field-error").first.wait_for()
    check(admin, "admin nytt datum, fel")
    admin.goto("/arshjul/2026/datum/")
    admin.locator("#dates tbody tr").first.get_by_role("button").click()
    admin.locator("input[name=confirm]").wait_for(state="attached")
    check(admin, "admin ta bort datum, frågan")
    assert not editor.js_errors and not admin.js_errors


def test_the_search_page_passes_axe_with_results_and_without(demo_city, signed_in):
    """Searching from the header's box: hits of several kinds marked, one kind page by
    page, nothing found, and a query too short; the crawl above never types a query."""
    page = signed_in("admin")
    failures = []
    page.goto("/")
    page.get_by_role("searchbox", name="Sök i Styra").fill("budget")
    page.get_by_role("search", name="Sök i Styra").get_by_role("button", name="Sök").click()
    page.wait_for_url("**/sok/?q=budget")
    assert page.locator(".search-hits mark").count() > 0
    assert page.get_by_role("heading", level=2).count() >= 2
    failures += [describe_violations("sök budget", v) for v in [axe_violations(page)] if v]
    for query in ("?q=budget&typ=mal", "?q=zzzqqq", "?q=a"):
        page.goto(f"/sok/{query}")
        failures += [describe_violations(f"sök {query}", v) for v in [axe_violations(page)] if v]
    assert not page.js_errors, page.js_errors
    assert not failures, "\n\n".join(failures)


def test_the_internal_control_pages_pass_axe(demo_city, signed_in):
    """Barn- och familjeenheten's own internal control plan for 2026 as a draft with its htmx
    forms (a risk's, refused for a high risk left out without a reason, and a delete's
    question) and adopted with a follow-up in T1 (a deviation with its measure, a control
    without deviations, one not done), the matrix's drawing and table included (colour
    contrast too), the year's list and the city's risks; the committee's and the city's
    roll-up of T1 and a unit's quality guarantees. The demo's own plans are adopted: this one
    is the test's, on a unit with no plan or report yet."""
    from django.contrib.auth.models import User

    from styra.followup.models import ReportingPeriod
    from styra.internal_control import services as ic
    from styra.internal_control.models import Control, ControlPlan
    from styra.organisation.models import OrgUnit
    from styra.plans.models import PlanStatus

    year = Plan.objects.filter(year__year=2026).first().year
    ic.city_risk_create(year=year, process="Informationssäkerhet", title="Personuppgifter sprids")
    unit = OrgUnit.objects.get(name="Barn- och familjeenheten")
    plan = ic.control_plan_create(org_unit=unit, year=year)
    purchase = ic.process_create(plan=plan, title="Inköp och attest")
    cases = ic.process_create(plan=plan, title="Handläggning av ekonomiskt bistånd")
    assessed = [
        (purchase, "Fakturor attesteras inte", 3, 4, True),
        (purchase, "Jäv vid upphandling", 2, 3, True),
        (cases, "Utbetalning utan beslut", 4, 4, True),
        (cases, "Handläggningstiden överskrids", 3, 2, False),
        (cases, "Dokumentationen brister", 1, 1, False),
    ]
    controls = []
    for process, title, p, c, selected in assessed:
        risk = ic.risk_create(process=process, title=title, probability=p, consequence=c)
        ic.risk_update(risk=risk, selected=selected, omission_reason="" if selected else "Låg")
        if selected:
            controls.append(
                ic.control_create(risk=risk, what=f"Stickprov: {title}", report_t1=True)
            )
    # A high risk left out without its reason: what stands in the way of handing in.
    ic.risk_create(process=cases, title="Orosanmälan utreds inte", probability=2, consequence=4)
    failures = []

    def check(page, where: str, context=None) -> None:
        violations = axe_violations(page, context)
        if violations:
            failures.append(describe_violations(where, violations))

    admin = signed_in("admin")
    admin.goto(f"/internkontroll/plan/{plan.pk}/")
    assert admin.locator("#risk-matrix table caption").is_visible()
    check(admin, "admin internkontrollplan, utkast")
    admin.locator(f"#slot-process-{purchase.pk}").locator("xpath=..").get_by_role(
        "link", name="Ny risk"
    ).click()
    slot = f"#slot-process-{purchase.pk}"
    admin.locator(f"{slot} form").wait_for()
    check(admin, "admin ny risk (htmx)", slot)
    admin.locator(f"{slot} [name=title]").fill("Kortbedrägeri")
    admin.locator(f"{slot} [name=probability]").select_option("4")
    admin.locator(f"{slot} [name=consequence]").select_option("4")
    admin.locator(f"{slot}").get_by_role("button", name="Lägg till").click()
    admin.locator(f"{slot} .field-error").first.wait_for()
    check(admin, "admin ny risk, fel", slot)
    admin.goto(f"/internkontroll/plan/{plan.pk}/")
    admin.locator("#control-plan tbody tr").first.get_by_role("button", name="Ta bort").click()
    admin.locator("input[name=confirm]").wait_for(state="attached")
    check(admin, "admin ta bort kontrollmoment, frågan")

    ControlPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.ADOPTED)
    controls = [Control.objects.get(pk=c.pk) for c in controls]  # on the plan as adopted
    t1 = ReportingPeriod.objects.get(code="2026T1")
    by = User.objects.get(username="admin")
    deviation = ic.result_report(
        control=controls[0], period=t1, done=True, result="deviation", findings="Tre av tio", by=by
    )
    ic.measure_create(result=deviation, name="Påminnelse om attestordningen", status="started")
    ic.result_report(control=controls[1], period=t1, done=True, result="no_deviation", by=by)
    ic.result_report(control=controls[2], period=t1, done=False, by=by)
    admin.goto(f"/internkontroll/plan/{plan.pk}/")
    assert admin.locator("#period-2026T1 .status--partly").is_visible()
    check(admin, "admin internkontrollplan, fastställd med uppföljning")
    admin.locator("#period-2026T1 tbody tr").first.get_by_role(
        "link", name="Ändra resultatet"
    ).click()
    admin.locator("#slot-period-2026T1 form").wait_for()
    check(admin, "admin rapportera kontroll (htmx)", "#slot-period-2026T1")
    committee = OrgUnit.objects.get(name="Socialnämnden")
    vuxen = OrgUnit.objects.get(name="Vuxenenheten")
    for url in (
        "/internkontroll/2026/",
        "/internkontroll/2026/stadens-risker/",
        f"/internkontroll/sammanstallning/{committee.pk}/2026T1/",
        f"/internkontroll/sammanstallning/{committee.parent_id}/2026T1/",
        f"/internkontroll/kvalitetsgarantier/{vuxen.pk}/2026/",
    ):
        admin.goto(url)
        check(admin, f"admin {url}")

    reader = signed_in("beslut")
    reader.goto(f"/internkontroll/plan/{plan.pk}/")
    check(reader, "beslut internkontrollplan")
    reader.goto("/internkontroll/2026/")
    check(reader, "beslut internkontroll 2026")
    assert not admin.js_errors and not reader.js_errors
    assert not failures, "\n\n".join(failures)
