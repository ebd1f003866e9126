"""The Content-Security-Policy in a real browser: public pages (with the privacy-enhanced video
player), the API docs and Wagtail's admin run without a single CSP violation."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.browser

# Records violations the browser reports, before any of the page's own scripts run.
LISTEN = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(event.violatedDirective + ' ' + event.blockedURI);
});
"""


def violations(page):
    return page.evaluate("window.__cspViolations")


@pytest.fixture
def watched_page(page):
    page.add_init_script(LISTEN)
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.console_csp = console
    return page


def visit(page, url):
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    assert response.headers.get("content-security-policy"), url
    return violations(page) + page.console_csp


def test_public_pages_and_api_docs_raise_no_csp_violations(seeded_site, watched_page, shoot):
    page = watched_page
    assert visit(page, seeded_site + "/") == []
    menu = page.get_by_role("navigation", name="Huvudmeny").get_by_role("link")
    sections = [menu.nth(i).get_attribute("href") for i in range(menu.count())]
    assert sections
    for href in sections:
        assert visit(page, seeded_site + href) == [], href
    assert visit(page, seeded_site + "/webbinarier/") == []
    page.locator("main a[href*='/webbinarier/']").last.click()
    page.wait_for_load_state("networkidle")
    shoot("episode")
    assert violations(page) + page.console_csp == [], page.url
    assert visit(page, seeded_site + "/en/") == []
    assert visit(page, seeded_site + "/sok/?q=innovation") == []
    assert visit(page, seeded_site + "/api/v3/docs/") == []
    page.wait_for_selector(".swagger-ui .info")  # the docs page really rendered
    shoot("api-docs")


def test_admin_login_and_editor_raise_no_csp_violations(seeded_site, watched_page, shoot):
    page = watched_page
    get_user_model().objects.create_superuser("csp-redaktor", "r@example.invalid", "lösen-123")
    assert visit(page, seeded_site + "/admin/login/") == []
    page.locator("#id_username").fill("csp-redaktor")
    page.locator("#id_password").fill("lösen-123")
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/admin/")
    page.wait_for_load_state("networkidle")
    assert violations(page) + page.console_csp == []
    assert visit(page, seeded_site + "/admin/pages/") == []
    page.goto(seeded_site + "/admin/pages/")
    # The editor of the home page, with its live preview panel.
    home_edit = page.locator("a[href*='/edit/']").first.get_attribute("href")
    assert visit(page, seeded_site + home_edit) == []
    shoot("admin-editor")
    # A logged-in editor sees the userbar on the public site: also without violations.
    assert visit(page, seeded_site + "/") == []
