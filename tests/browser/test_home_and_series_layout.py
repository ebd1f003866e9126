"""Issue 26 in Chromium on the seeded site: the home page leads with the upcoming webinars and
its grids fit their count (two cards keep a card's width, never stranded in four columns); a
series page is a compact numbered list. At 320, 768 and 1280 px nothing scrolls sideways, axe
finds nothing, and each view is kept as a screenshot. The hero calls to the catalogue; the
header fits from 320 to 1920 px and is one row from 1280 px. An episode's chapters and
transcript sit beside the video on wide screens; print shows the content only."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Locale

from tests import factories
from webinars.models import WebinarSeriesPage

from .conftest import axe_violations
from .test_screenshots import HEADER_ROW

pytestmark = pytest.mark.browser

WIDTHS = [320, 768, 1280]


@pytest.fixture
def upcoming_series(seeded_site):
    """A seeded Swedish series with two upcoming webinars added to it."""
    series = (
        WebinarSeriesPage.objects.visible(Locale.objects.get(language_code="sv"))
        .order_by("path")
        .first()
    )
    for days in (3, 10):
        episode = factories.WebinarEpisodePageFactory(
            parent=series,
            upcoming=True,
            title=f"Kommande om {days} dagar",
            starts_at=timezone.now() + timedelta(days=days),
        )
        episode.save_revision().publish()
    return series


def test_home_and_series_page_fit_every_width(page, shoot, seeded_site, upcoming_series):
    problems = {}
    views = [
        (name, url, width)
        for width in WIDTHS
        for name, url in [("home", "/"), ("series", upcoming_series.url)]
    ]
    for name, url, width in views:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(seeded_site + url)
        scroll = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if scroll[0] > scroll[1]:
            problems[f"{name} {width} scroll"] = scroll
        if violations := axe_violations(page):
            problems[f"{name} {width} axe"] = violations
        shoot(f"{name}-{width}px")
        if name == "home":
            first = page.locator("main h2").first
            assert first.inner_text() == "Kommande webbinarier"
            upcoming = page.locator("section[aria-labelledby=upcoming-heading] .card")
            assert upcoming.count() == 2
            boxes = [upcoming.nth(i).bounding_box() for i in range(2)]
            # Never wider than a card (24rem) when there is room, never past the screen.
            assert all(box["width"] <= min(384, width) for box in boxes), boxes
            more = page.get_by_role("link", name="Visa alla webbinarier")
            assert more.is_visible()
            cta = page.locator(".hero").get_by_role("link", name="Utforska webbinarierna")
            assert cta.get_attribute("href") == "/webbinarier/" and cta.is_visible()
        else:
            rows = page.locator("ol.episode-list--compact > li")
            assert rows.count() >= 2
            assert page.locator("ol.episode-list--compact .card").count() == 0
            # Compact: from 768 px a row is a few lines; a card with its 16:9 image was 400+ px.
            heights = [rows.nth(i).bounding_box()["height"] for i in range(rows.count())]
            assert width < 768 or max(heights) < 180, heights
    assert problems == {}


@pytest.mark.parametrize("path", ["/", "/en/", "/press/"])  # the longest menus, one bold item
def test_header_fits_from_320_to_1920_px_and_is_one_row_from_1280(page, seeded_site, path):
    page.goto(seeded_site + path)
    for width in [320, 768, 1024, 1280, 1920]:
        page.set_viewport_size({"width": width, "height": 900})
        search = page.get_by_role("search").get_by_role("button").bounding_box()
        assert search["x"] + search["width"] <= width, (width, search)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        beside = not page.evaluate(HEADER_ROW)
        assert beside == (width >= 1280), width
        # The lock-up's mark is a picture with no name; its words name the link to the start page.
        brand = page.get_by_role("banner").get_by_role("link").first
        assert brand.get_attribute("href") == ("/en/" if path == "/en/" else "/")
        assert brand.locator("svg").get_attribute("aria-hidden") == "true"
        assert brand.inner_text().split("\n")[0] in (
            "Användardriven innovation",
            "User-driven innovation",
        )


def test_episode_video_has_chapters_and_transcript_beside_it_on_wide_screens(page, seeded_site):
    episode = "/webbinarier/politiskt-ledarskap-och-innovation/inledning/"
    page.goto(seeded_site + episode)
    for width, beside in [(1280, True), (1920, True), (768, False)]:
        page.set_viewport_size({"width": width, "height": 900})
        video = page.locator(".player").bounding_box()
        aside = page.locator(".episode-media__aside").bounding_box()
        assert (aside["x"] >= video["x"] + video["width"]) == beside, width
        assert (aside["y"] < video["y"] + video["height"]) == beside, width


def test_printed_page_is_the_content_without_menus_forms_or_player(page, seeded_site):
    page.goto(seeded_site + "/webbinarier/politiskt-ledarskap-och-innovation/inledning/")
    page.emulate_media(media="print")
    for hidden in [".main-nav", ".site-search", ".breadcrumbs", ".feedback", ".player"]:
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.get_by_role("heading", level=1).is_visible()
    assert page.locator("ol.transcript__cues[aria-describedby='transcript-help']").is_visible()
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
