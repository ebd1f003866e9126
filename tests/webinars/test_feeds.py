"""RSS and Atom feeds of new webinar episodes, parsed with the real feedparser."""

from datetime import timedelta

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests import factories
from tests.home.test_i18n import translate


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return response, feed


@pytest.fixture
def published_episodes(series):
    """A recording with an uploaded file, a YouTube recording and an upcoming webinar, plus a
    draft, a private and an expired episode that must never appear."""
    topic = factories.TopicFactory(name="Tjänstedesign")
    older = factories.WebinarEpisodePageFactory(
        parent=series,
        title="Äldre inspelning",
        summary="Om tjänstedesign i äldreomsorgen.",
        video_url="",
        video_file=factories.VideoFactory(),
        topics=[topic],
    )
    youtube = factories.WebinarEpisodePageFactory(parent=series, title="Inspelning på YouTube")
    upcoming = factories.WebinarEpisodePageFactory(
        parent=series, title="Kommande sändning", upcoming=True
    )
    factories.WebinarEpisodePageFactory(parent=series, title="Utkast", live=False, captions=None)
    private = factories.WebinarEpisodePageFactory(parent=series, title="Privat")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    factories.WebinarEpisodePageFactory(
        parent=series, title="Utgången", expire_at=timezone.now() - timedelta(minutes=1)
    )
    # Publication order decides the feed's order: newest first.
    base = timezone.now() - timedelta(days=3)
    for days, episode in enumerate([older, youtube, upcoming]):
        episode.first_published_at = base + timedelta(days=days)
        episode.last_published_at = episode.first_published_at + timedelta(hours=1)
        episode.save(update_fields=["first_published_at", "last_published_at"])
    return {"older": older, "youtube": youtube, "upcoming": upcoming, "topic": topic}


def test_rss_feed_lists_live_public_episodes_newest_first_with_absolute_links(
    client, series, published_episodes
):
    response, feed = parse(client, "/webbinarier/flode.rss")

    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    assert feed.version == "rss20"
    assert feed.feed.title == "Nya webbinarier från SKL"
    assert feed.feed.link == "http://testserver/webbinarier/"
    assert feed.feed.language == "sv"
    titles = [entry.title for entry in feed.entries]
    assert titles == ["Kommande sändning", "Inspelning på YouTube", "Äldre inspelning"]

    older = published_episodes["older"]
    entry = feed.entries[2]
    assert entry.link == f"http://testserver{older.url}"
    assert entry.id == entry.link
    assert entry.summary == "Om tjänstedesign i äldreomsorgen."
    assert entry.published_parsed[:6] == older.first_published_at.utctimetuple()[:6]
    assert [tag.term for tag in entry.tags] == [series.title, "Tjänstedesign"]
    (enclosure,) = entry.enclosures
    assert enclosure.href.startswith("http://testserver/media/media/video")
    assert enclosure.type == "video/webm"
    assert enclosure.length == "4"
    assert entry.media_thumbnail[0]["url"].startswith("http://testserver/media/images/")

    upcoming = feed.entries[0]
    assert upcoming.summary.startswith("Sänds ")
    assert "(svensk tid)" in upcoming.summary
    assert not feed.entries[1].get("enclosures")  # a YouTube video is not a media file


def test_atom_feed_has_the_same_entries_with_updated_dates_and_an_author(
    client, published_episodes
):
    response, feed = parse(client, "/webbinarier/flode.atom")

    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert feed.version == "atom10"
    assert feed.feed.author == "Sveriges Kommuner och Landsting (SKL)"
    assert [link.href for link in feed.feed.links if link.rel == "self"] == [
        "http://testserver/webbinarier/flode.atom"
    ]
    assert len(feed.entries) == 3
    older = published_episodes["older"]
    entry = next(entry for entry in feed.entries if entry.title == older.title)
    assert entry.updated_parsed[:6] == older.last_published_at.utctimetuple()[:6]
    assert [link.href for link in entry.links if link.rel == "enclosure"]


def test_english_feed_lists_english_episodes_at_an_english_url(client, locales, series):
    swedish = factories.WebinarEpisodePageFactory(parent=series, title="Avsnitt på svenska")
    translate(series.get_parent().get_parent(), locales["en"])
    translate(series.get_parent(), locales["en"])
    translate(series, locales["en"])
    english = translate(swedish, locales["en"])
    english.title = "Episode in English"
    english.save_revision().publish()

    _response, feed = parse(client, "/en/webinars/feed.rss")
    assert feed.feed.title == "New webinars from SKL"
    assert feed.feed.language == "en"
    assert [entry.title for entry in feed.entries] == ["Episode in English"]
    assert feed.entries[0].link == f"http://testserver{english.url}"
    _response, swedish_feed = parse(client, "/webbinarier/flode.rss")
    assert [entry.title for entry in swedish_feed.entries] == ["Avsnitt på svenska"]
    assert client.get("/en/webbinarier/flode.rss").status_code == 404


def test_an_empty_feed_is_still_a_valid_feed(client, catalogue):
    _response, feed = parse(client, "/webbinarier/flode.atom")
    assert feed.entries == []


def queries_for(client, url):
    client.get(url)  # the first view of a new image creates its renditions
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("url", ["/webbinarier/flode.rss", "/webbinarier/flode.atom"])
def test_feed_queries_do_not_grow_with_episodes(client, series, url):
    topic = factories.TopicFactory()

    def add(count):
        for _ in range(count):
            factories.WebinarEpisodePageFactory(
                parent=series, video_url="", video_file=factories.VideoFactory(), topics=[topic]
            )

    add(1)
    few = queries_for(client, url)
    add(6)
    many = queries_for(client, url)
    assert many == few
    assert many <= 12


def test_pages_announce_the_feeds_in_the_head_and_show_subscribe_links(
    client, home, catalogue, series
):
    episode = factories.WebinarEpisodePageFactory(parent=series)
    rss = '<link rel="alternate" type="application/rss+xml" title="Nya webbinarier från SKL (RSS)"'
    atom = (
        '<link rel="alternate" type="application/atom+xml" '
        'title="Nya webbinarier från SKL (Atom)" href="/webbinarier/flode.atom">'
    )
    for page in (home, catalogue, series, episode):
        html = client.get(page.url).content.decode()
        head = html.split("</head>")[0]
        assert f'{rss} href="/webbinarier/flode.rss">' in head, page
        assert atom in head, page
    html = client.get(catalogue.url).content.decode()
    body = html.split("</head>")[1]
    assert "Prenumerera på nya webbinarier" in body
    assert '<a href="/webbinarier/flode.rss" type="application/rss+xml">RSS-flöde</a>' in body
    assert '<a href="/webbinarier/kalender.ics" type="text/calendar">' in body
