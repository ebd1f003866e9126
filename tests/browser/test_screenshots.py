"""Every page type of the seeded site at 320, 768 and 1280 px, in Swedish and English (the press
room is Swedish only), kept as screenshots in test-artifacts/screenshots/ for people to look at.
Each page has a meta description, nothing scrolls sideways at any width, and at 1280 px axe finds
nothing and the header is one row: lock-up, menu, language and search side by side."""

import pytest
from django.urls import reverse
from django.utils import translation

from articles.models import GuidanceArticlePage, PressReleaseIndexPage, PressReleasePage
from cases.models import CaseIndexPage, CaseStoryPage
from core.visibility import visible_pages
from home.models import HomePage
from information.models import AccessibilityStatementPage, InformationPage
from webinars.models import WebinarEpisodePage, WebinarIndexPage, WebinarSeriesPage

from .conftest import axe_violations

pytestmark = pytest.mark.browser

WIDTHS = [320, 768, 1280]
PAGE_TYPES = {
    "home": HomePage,
    "catalogue": WebinarIndexPage,
    "series": WebinarSeriesPage,
    "episode": WebinarEpisodePage,
    "case-index": CaseIndexPage,
    "case-story": CaseStoryPage,
    "guidance": GuidanceArticlePage,
    "press-index": PressReleaseIndexPage,
    "press-release": PressReleasePage,
    "information": InformationPage,
    "accessibility": AccessibilityStatementPage,
}
SEARCHES = {"sv": "medborgarservice", "en": "service"}


def views():
    """(name, address) of the first visible page of each type in each language the seed has
    it in, and a search with results."""
    for language in ("sv", "en"):
        for name, model in PAGE_TYPES.items():
            pages = visible_pages(model.objects.filter(locale__language_code=language))
            if found := pages.order_by("path").first():
                yield f"{name}-{language}", found.url
        with translation.override(language):
            yield f"search-{language}", f"{reverse('search')}?q={SEARCHES[language]}"


# The header's parts, and whether each sits beside the lock-up (its middle within the lock-up's
# height) rather than on a row of its own.
HEADER_ROW = """() => {
    const box = selector => document.querySelector(selector).getBoundingClientRect();
    const brand = box('.brand');
    return ['.main-nav', '.language-switcher', '.site-search'].filter(selector => {
        const part = box(selector), middle = part.top + part.height / 2;
        return middle < brand.top || middle > brand.bottom;
    });
}"""


def test_every_page_type_at_three_widths(page, shoot, seeded_site):
    shown = dict(views())
    # Every type in Swedish; the seed has no English press room.
    expected = {f"{name}-sv" for name in PAGE_TYPES} | {"search-sv", "search-en", "home-en"}
    assert expected <= shown.keys() and len(shown) >= len(expected) + 7, shown.keys()
    problems = {}
    for view, url in shown.items():
        page.set_viewport_size({"width": WIDTHS[-1], "height": 900})
        response = page.goto(seeded_site + url)
        if response.status != 200:
            problems[view] = f"HTTP {response.status}"
            continue
        description = page.locator('meta[name="description"]')
        if description.count() != 1 or not description.get_attribute("content").strip():
            problems[f"{view} description"] = "missing or empty"
        if off_row := page.evaluate(HEADER_ROW):
            problems[f"{view} header at 1280"] = f"not beside the lock-up: {off_row}"
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            scroll = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            if scroll[0] > scroll[1]:
                problems[f"{view} {width}"] = f"{scroll[0]} px wide"
            # At 320 px, test_reflow_and_language.py runs axe on every page.
            if width == 1280 and (violations := axe_violations(page)):
                problems[f"{view} {width} axe"] = violations
            shoot(f"{view}-{width}px")
    assert problems == {}
