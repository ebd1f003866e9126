"""Issue #25, item 1, in a real browser: a Redaktör's preview panel in the page editor shows
the page itself (the admin's CSP lets it frame the preview; the public site's
`frame-ancestors 'none'` used to leave an empty frame), and the checks run on that page."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Locale

from cases.models import CaseStoryPage
from editorial import roles

from .test_editorial_roles import PASSWORD, log_in

pytestmark = pytest.mark.browser


def test_the_editors_preview_panel_shows_the_page(browser, seeded_site, shoot):
    user = get_user_model().objects.create_user("redaktor", password=PASSWORD)
    user.groups.add(Group.objects.get(name=roles.EDITORS))
    case = CaseStoryPage.objects.filter(locale=Locale.get_default()).first()

    context = browser.new_context(locale="sv-SE", viewport={"width": 1440, "height": 1000})
    page = context.new_page()
    log_in(page, seeded_site, "redaktor")
    page.goto(f"{seeded_site}/admin/pages/{case.pk}/edit/")
    page.locator('[data-side-panel-toggle="preview"]').click()
    preview = page.frame_locator("#w-preview-iframe")
    heading = preview.locator("h1")
    heading.wait_for(timeout=15_000)
    assert heading.inner_text().strip() == case.title
    shoot("preview-panel", page)

    page.locator('[data-side-panel-toggle="checks"]').click()
    checks = page.locator('[data-side-panel="checks"]')
    checks.wait_for()
    # Wagtail's checker reads the framed page: it names the checks it ran, in Swedish.
    assert re.search(r"[Pp]roblem|[Ll]äsbarhet|[Tt]illgänglighet", checks.inner_text())
    context.close()
