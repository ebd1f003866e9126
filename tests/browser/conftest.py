"""Browser tests: Playwright driving Debian's Chromium against a live server with the seed content.

Chromium comes from `apt-get install chromium` (scripts/test.sh installs it); browsers are never
downloaded. axe-core comes from npm (package.json). Screenshots: test-artifacts/screenshots/."""

import os
import shutil
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--autoplay-policy=no-user-gesture-required",
]

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make between
# browser steps are ordinary blocking calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def chromium_path():
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    if not path:
        pytest.fail("Chromium saknas: scripts/test.sh installerar det (apt-get install chromium).")
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def media_with_byte_ranges():
    """Django's live test server serves MEDIA_URL itself, without HTTP Range support, so a
    browser cannot seek in video. Route it through the project's range-aware media view."""
    import posixpath
    from urllib.parse import unquote

    from django.test import testcases

    from core.media_views import serve_media

    def serve(handler, request):
        return serve_media(request, posixpath.normpath(unquote(handler.file_path(request.path))))

    original = testcases._MediaFilesHandler.serve
    testcases._MediaFilesHandler.serve = serve
    yield
    testcases._MediaFilesHandler.serve = original


@pytest.fixture
def seeded_site(media_with_byte_ranges, live_server, transactional_db, seed_content):
    """The live server's address, its database holding the seed content (tests/conftest.py:
    loaded once, written back for each test; every test's own rows go at its end)."""
    return live_server.url


@pytest.fixture
def page(browser, request):
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def shoot(page, request):
    """shoot("step-name") saves a screenshot of the current page as a test artefact."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    counter = iter(range(1, 100))

    def take(name, target=None):
        (target or page).screenshot(
            path=SCREENSHOTS / f"{request.node.name}-{next(counter):02d}-{name}.png",
            full_page=True,
        )

    return take


def axe_violations(page):
    """Run axe-core's WCAG 2.1 A/AA rules on the page; returns the violations."""
    # Evaluated through the DevTools protocol, not added as a <script>: the site's
    # Content-Security-Policy (script-src 'self') rightly blocks injected inline scripts.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}
        })"""
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def wait_until(page, expression, seconds=10):
    """Poll `expression` through DevTools: Playwright's wait_for_function evaluates a string
    inside the page, which the site's CSP (no 'unsafe-eval') rightly refuses."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"timed out waiting for {expression}"
        page.wait_for_timeout(100)
