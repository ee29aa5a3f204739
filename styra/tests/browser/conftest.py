"""Browser tests: Styra served by pytest-django's live_server, driven by Playwright in
Debian's headless Chromium (/usr/bin/chromium; `playwright install` is not used).

Without /usr/bin/chromium (or without Playwright) every test here is skipped with the
reason; .ci/run installs Chromium and sets STYRA_BROWSER_TESTS=required, which turns a
missing browser into an error, so CI always runs them. The tests are marked
`browser`: `pytest -m "not browser"` leaves them out, `bin/test styra/tests/browser`
runs only them.

Playwright's sync API keeps an asyncio event loop running in the main thread while it is
started, and Django refuses synchronous database calls while a loop runs. The
`browser` fixture therefore sets DJANGO_ALLOW_ASYNC_UNSAFE for exactly as long as
Playwright runs (this package's tests) and restores it afterwards, so the rest of the
suite keeps Django's check. The live server answers from its own thread, which is why
the tests use `transactional_db` (live_server pulls it in).
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command

try:
    from playwright.sync_api import Browser, Page, sync_playwright

    from .support import sign_in
except ImportError:  # pragma: no cover - a venv without the dev dependencies
    sync_playwright = None

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
HERE = Path(__file__).resolve().parent


def _skip_reason() -> str | None:
    if os.environ.get("STYRA_BROWSER_TESTS") == "skip":
        return "STYRA_BROWSER_TESTS=skip (.ci/run kör dem i SQLite-omgången)"
    if sync_playwright is None:
        return "Playwright saknas i .venv (pip install -e '.[dev]')"
    if not CHROMIUM.exists():
        return (
            f"Chromium saknas ({CHROMIUM}); installera Debians paket: "
            "apt-get install chromium (.ci/run gör det i CI)"
        )
    return None


def pytest_collection_modifyitems(config, items):
    reason = _skip_reason()
    if reason and os.environ.get("STYRA_BROWSER_TESTS") == "required":
        # .ci/run sets this: in CI a missing browser is an error, not a skip.
        raise pytest.UsageError(f"Webbläsartesterna måste köras: {reason}")
    for item in items:
        if HERE not in item.path.parents:
            continue
        item.add_marker(pytest.mark.browser)
        if reason:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="package")
def browser() -> Browser:
    """One headless Chromium for all browser tests (closed when they are done)."""
    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def demo_city(browser, live_server, transactional_db, settings):
    """Exempelby kommun (`styra demo`) in the test database, served by the live server.

    A fast password hasher keeps the many real sign-ins quick; the login form itself is
    the real one. Local administrators are not asked for a TOTP code here (the setting
    is STYRA_REQUIRE_ADMIN_OTP; production behaviour is tested in styra/accounts).
    """
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STYRA_REQUIRE_ADMIN_OTP = False
    call_command("demo", stdout=io.StringIO())
    return live_server


@pytest.fixture
def new_page(browser, live_server) -> Callable[..., Page]:
    """new_page(**context_options): a page in a fresh browser context (its own cookies)."""
    contexts = []

    def make(**options) -> Page:
        context = browser.new_context(
            base_url=live_server.url, locale="sv-SE", accept_downloads=True, **options
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.js_errors = errors  # uncaught script errors, for tests that assert none
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def signed_in(new_page) -> Callable[..., Page]:
    """signed_in("vuxen"): a new page with that demo user signed in."""

    def make(username: str, **options) -> Page:
        return sign_in(new_page(**options), username)

    return make
