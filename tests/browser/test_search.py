"""Site search in a real browser: suggestions as you type, facets by mouse and keyboard,
a hit in a chapter that starts the video at that moment, and no WCAG violations."""

import re
from datetime import timedelta

import pytest

from webinars.models import EpisodeChapter, WebinarEpisodePage

from .conftest import axe_violations, wait_until

pytestmark = pytest.mark.browser


def test_visitor_searches_narrows_by_type_and_gets_suggestions(seeded_site, page, shoot):
    page.goto(seeded_site + "/sok/")
    box = page.get_by_label("Vad letar du efter?")
    box.press_sequentially("Oxel", delay=50)
    # The suggestions list (a native <datalist>) is filled as the visitor types.
    wait_until(page, "document.querySelectorAll('#search-suggestions option').length > 0")
    options = page.locator("#search-suggestions option").evaluate_all(
        "options => options.map(o => o.value)"
    )
    assert "Oxelösunds äldreomsorg – från botten till toppen genom tjänstedesign" in options
    # The case and the episode share that title: one suggestion, not two alike.
    assert len(options) == len(set(options))
    box.fill("kommuner")
    box.press("Enter")
    page.wait_for_url("**/sok/?q=kommuner")
    shoot("results")
    facets = page.get_by_role("navigation", name="Avgränsa")
    facets.get_by_role("link", name="Exempel").click()
    page.wait_for_url("**typ=exempel*")
    results = page.locator(".search-result")
    assert results.count() >= 1
    assert all(
        kicker.startswith("Exempel")
        for kicker in results.locator(".card__kicker").all_inner_texts()
    )
    assert page.get_by_role("list", name="Valda filter").is_visible()
    shoot("filtered")
    assert axe_violations(page) == []


def test_keyboard_only_search_and_facet(seeded_site, page):
    page.goto(seeded_site + "/")
    page.keyboard.press("Tab")  # skip link
    page.get_by_label("Sök på webbplatsen").focus()
    page.keyboard.type("tjänstedesign")
    page.keyboard.press("Enter")
    page.wait_for_url("**/sok/?q=*")
    facet = page.get_by_role("navigation", name="Avgränsa").get_by_role("link").first
    facet.focus()
    assert page.evaluate("document.activeElement.closest('.facets') !== null")
    page.keyboard.press("Enter")
    page.wait_for_url("**&*=*")
    assert page.get_by_role("status").is_visible()


def test_chapter_hit_starts_the_video_at_that_chapter(seeded_site, page):
    episode = WebinarEpisodePage.objects.get(slug="inledning", locale__language_code="sv")
    EpisodeChapter.objects.create(
        page=episode, locale=episode.locale, start=timedelta(seconds=15), title="Kvalitetsmätning"
    )
    episode.save()  # indexed again with the new chapter
    page.goto(seeded_site + "/sok/?q=kvalitetsm%C3%A4tning")
    hit = page.locator(".search-result a").first
    assert hit.get_attribute("href").endswith("/inledning/?t=15#player")
    assert page.get_by_text("Kapitel vid 0:15").is_visible()
    hit.click()
    page.wait_for_url(re.compile(r"/inledning/\?t=15#player$"))
    wait_until(
        page,
        "document.getElementById('episode-video').readyState >= 1 && "
        "Math.round(document.getElementById('episode-video').currentTime) === 15",
    )


def test_no_results_and_bad_input_pages_have_no_violations(seeded_site, page):
    for path in ("/sok/?q=parkeringstillst%C3%A5nd", "/sok/?q=%21%21%21", "/en/sok/?q=innovation"):
        page.goto(seeded_site + path)
        assert axe_violations(page) == [], path
