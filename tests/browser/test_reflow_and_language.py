"""WCAG 1.4.10 and 3.1.2 on the seeded site, in Chromium: at 320 CSS px (400 % zoom of a
1280 px window) no page of any type scrolls sideways, in Swedish or English, axe finds nothing
and the footer links the four information pages; a link to content in the other language is
marked with its language, and related cards are in the page's language, each once."""

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from core.visibility import visible_pages

from .conftest import axe_violations

pytestmark = pytest.mark.browser

ENGLISH_SERIES = "/en/webinars/political-leadership-and-innovation/"
SEARCHES = {"sv": "medborgarservice", "en": "service"}

# Links in <main> to pages in the other language, unless marked with that language.
UNMARKED_OTHER_LANGUAGE_LINKS = """language => [...document.querySelectorAll('main a[href^="/"]')]
    .filter(a => !/^\\/(media|documents|static|api)\\//.test(a.getAttribute('href')))
    .filter(a => (a.getAttribute('href').startsWith('/en/') ? 'en' : 'sv') !== language)
    .filter(a => a.closest('[lang]').lang !== (language === 'en' ? 'sv' : 'en'))
    .map(a => a.getAttribute('href'))"""


def every_page_in(language):
    """The address of every visible page in `language` (one of each type at least), and a
    search whose results have thumbnails."""
    pages = visible_pages(Page.objects.filter(depth__gt=1, locale__language_code=language))
    urls = [page.url for page in pages.specific().order_by("path")]
    with translation.override(language):
        urls.append(f"{reverse('search')}?q={SEARCHES[language]}")
    return urls


@pytest.mark.parametrize("language", ["sv", "en"])
def test_no_page_scrolls_sideways_at_320_px_and_axe_finds_nothing(browser, seeded_site, language):
    # Screenshots at 320 px: test_screenshots.py, of every page type in both languages.
    urls = every_page_in(language)
    types = {type(page) for page in Page.objects.filter(locale__language_code=language).specific()}
    assert len(urls) > 10 and len(types) >= 9, urls  # the seed has every type in both languages
    context = browser.new_context(viewport={"width": 320, "height": 640}, bypass_csp=True)
    page = context.new_page()
    problems = {}
    for url in urls:
        page.goto(seeded_site + url)
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if width[0] > width[1]:
            problems[url] = f"{width[0]} px wide"
        if violations := axe_violations(page):
            problems[url] = violations
        footer = page.get_by_role("contentinfo").get_by_role("navigation").get_by_role("link")
        if footer.count() != 4:  # the four information pages, in this language
            problems[url] = f"{footer.count()} links in the footer"
        if unmarked := page.evaluate(UNMARKED_OTHER_LANGUAGE_LINKS, language):
            problems[url] = f"links to the other language without lang: {unmarked}"
    context.close()
    assert problems == {}


def test_the_english_header_search_button_stays_on_screen_at_320_px(browser, seeded_site):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(seeded_site + "/en/")
    button = page.get_by_role("search").get_by_role("button", name="Search")
    box = button.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 320
    context.close()


def related_titles(page, heading_id):
    section = page.locator(f'section[aria-labelledby="{heading_id}"]')
    return section.locator(".card__title a").evaluate_all(
        "links => links.map(a => [a.textContent.trim(), a.getAttribute('href'),"
        " a.closest('[lang]').lang])"
    )


def test_case_and_episode_pages_list_related_cards_in_their_own_language_once(page, seeded_site):
    page.goto(seeded_site + "/exempel/oxelosunds-aldreomsorg/")
    cards = related_titles(page, "episodes-heading")
    assert cards, "the seeded case links an episode"
    assert len({title for title, _, _ in cards}) == len(cards)
    assert all(not href.startswith("/en/") and lang == "sv" for _, href, lang in cards)

    page.goto(
        seeded_site + "/en/webinars/political-leadership-and-innovation/oxelosund-elderly-care/"
    )
    cards = related_titles(page, "cases-heading")
    assert [(href, lang) for _, href, lang in cards] == [
        ("/en/cases/oxelosund-elderly-care/", "en")
    ]

    # The Gothenburg case has no English translation: its English episode lists no case.
    page.goto(seeded_site + f"{ENGLISH_SERIES}city-of-gothenburg/")
    assert "/exempel/" not in page.locator("main").inner_html()


def test_a_featured_card_without_a_translation_is_marked_swedish(page, seeded_site):
    page.goto(seeded_site + "/en/user-driven-innovation/")
    swedish = page.locator('main .card__title[lang="sv"] a')
    assert swedish.evaluate_all("links => links.map(a => a.getAttribute('href'))") == [
        "/exempel/goteborgs-stad-konsument-och-medborgarservice/"
    ]
    english = page.locator("main .card__title:not([lang]) a")
    assert english.count() == 3
    assert all(
        href.startswith("/en/")
        for href in english.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    )
