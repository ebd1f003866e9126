"""The audio description as a visitor meets it (WCAG 1.2.5). Browsers neither show nor speak a
`<track kind="descriptions">`, so the player writes the description of the moment into a
live region under the video, and the descriptions read as a list of moments (?t= links) that
works without JavaScript. The seeded "Inledning" has a descriptions file."""

import pytest
from wagtail.models import Locale

from webinars.models import WebinarEpisodePage

from .conftest import axe_violations
from .test_search import wait_until

pytestmark = pytest.mark.browser

VIDEO = "document.getElementById('episode-video')"
SAID = "document.querySelector('[data-description-text]').textContent"


def described_episode(language="sv"):
    episode = WebinarEpisodePage.objects.get(slug="inledning", locale__language_code="sv")
    assert episode.descriptions_id and episode.video_file_id
    if language == "sv":
        return episode
    return episode.get_translation(Locale.objects.get(language_code=language))


def test_keyboard_visitor_hears_the_description_of_the_moment(seeded_site, page, shoot):
    episode = described_episode()
    page.goto(seeded_site + episode.url)
    wait_until(page, f"{VIDEO}.readyState >= 1")
    box = page.locator("[data-description]")
    assert box.is_visible()
    assert box.locator("[aria-live=polite]").count() == 1

    summary = page.locator(".player__descriptions summary")
    assert summary.inner_text() == "Läs syntolkningen"
    summary.focus()
    page.keyboard.press("Enter")  # opens the list
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "?t=10#player"
    page.keyboard.press("Enter")
    wait_until(page, f"Math.abs({VIDEO}.currentTime - 10) < 1.5")
    wait_until(page, f"{SAID} !== ''")
    last_line = page.locator(".player__descriptions li").nth(1).locator("span").last.inner_text()
    assert page.evaluate(SAID) == last_line
    # Captions stay the transcript's: a description line is never its current cue.
    assert page.locator('.player__descriptions a[aria-current="true"]').count() == 0
    assert axe_violations(page) == []
    shoot("description-of-the-moment")


def test_english_page_says_it_in_english(seeded_site, page):
    page.goto(seeded_site + described_episode("en").url)
    assert page.locator(".player__descriptions summary").inner_text() == (
        "Read the audio description"
    )
    assert page.locator("[data-description] strong").inner_text() == "Audio description:"


def test_without_javascript_the_descriptions_are_a_list_of_moments(seeded_site, browser):
    episode = described_episode()
    context = browser.new_context(java_script_enabled=False, locale="sv-SE")
    page = context.new_page()
    try:
        page.goto(seeded_site + episode.url)
        assert not page.locator("[data-description]").is_visible()
        page.locator(".player__descriptions summary").click()
        page.locator(".player__descriptions").get_by_role("link", name="Spela från 0:10").click()
        page.wait_for_url("**/?t=10#player")
        source = page.locator("#episode-video source").get_attribute("src")
        assert source.endswith("#t=10")
    finally:
        context.close()
