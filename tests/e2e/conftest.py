"""Browser tests: Playwright for Python driving Debian's Chromium (playwright install cannot download here)."""

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("SORA_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS = Path(__file__).resolve().parent.parent.parent / "test-artifacts"


@pytest.fixture
def page(monkeypatch):
    """A fresh Chromium page; the browser lives only for the test, so its event loop never outlives it."""
    if not CHROMIUM.exists():
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop registered on this thread while the test's own ORM calls run.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.set_default_timeout(15_000)
        try:
            yield page
        finally:
            context.close()
            browser.close()
            # Inside Playwright's sync API, Django's connections live in another context; close that one here,
            # or it outlives the test and keeps the test database from being dropped.
            from django.db import connections

            connections.close_all()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots go (gitignored); CI keeps them."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def wait_until(page, expression: str, timeout_s: float = 15.0):
    """Poll a JavaScript expression until it is truthy, and return its value. Playwright's wait_for_function builds its
    predicate with eval inside the page, which the site's Content-Security-Policy refuses (script-src 'self'); an
    evaluate from here is not the page's own script, so the policy does not apply to it."""
    import time

    deadline = time.monotonic() + timeout_s
    while True:
        value = page.evaluate(expression)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout_s} s: {expression}")
        time.sleep(0.05)
