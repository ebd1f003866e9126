"""Browser tests: Playwright driving Debian's Chromium against a live server with the seed content.

Chromium comes from `apt-get install chromium` (scripts/test.sh installs it); browsers are never
downloaded. axe-core comes from npm (package.json). Screenshots: test-artifacts/screenshots/."""

import os
import shutil
import threading
import time
from pathlib import Path

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from django.core.wsgi import get_wsgi_application
from django.test.utils import setup_databases, teardown_databases

from tests import db_snapshot
from tests.conftest import needs_test_database

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
def site_server(django_db_setup):
    """The site on a free local port, served from a thread by runserver's parts; media through
    the URLconf's range-aware view (SERVE_MEDIA), so the browser can seek in video.
    Not pytest-django's live_server: it puts each test on transactional_db, which empties the
    database after every test, and serves media without byte ranges. It stops before the test
    database is dropped."""
    server = ThreadedWSGIServer(("localhost", 0), WSGIRequestHandler)
    server.set_app(StaticFilesHandler(get_wsgi_application()))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://localhost:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="package")
def committed_database(request, django_db_setup, django_db_blocker):
    """The browser tests write through the server's own connections, so their rows are
    committed: one database for all of them, put back as the migrations left it after the
    last (they run first, tests/conftest.py)."""
    with django_db_blocker.unblock():
        if not any(needs_test_database(item) for item in request.session.items):
            # Browser tests alone: pytest-django makes the test database only for tests that
            # ask for one by its marker or fixtures, which these do not (they would be flushed).
            created = setup_databases(verbosity=0, interactive=False, aliases={"default"})

            def drop():
                with django_db_blocker.unblock():
                    teardown_databases(created, verbosity=0)

            request.addfinalizer(drop)
        before = db_snapshot.take()
        yield
        db_snapshot.restore(before)


@pytest.fixture
def seeded_site(site_server, committed_database, seed_content):
    """The server's address, its database holding the seed content (tests/conftest.py:
    loaded once, then written back before each test, undoing the test before)."""
    return site_server


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
            path=SCREENSHOTS / f"{request.node.name}-{next(counter):02d}-{name}.jpg",
            type="jpeg",
            quality=80,
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
