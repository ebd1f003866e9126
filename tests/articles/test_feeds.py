"""RSS and Atom feeds of press releases, parsed with the real feedparser."""

from datetime import timedelta

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests import factories


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return response, feed


@pytest.fixture
def releases(press_index):
    now = timezone.now().replace(microsecond=0)
    older = factories.PressReleasePageFactory(
        parent=press_index,
        title="Innovationsguiden startar",
        lead="Kommuner och landsting får stöd.",
        published_at=now - timedelta(days=30),
    )
    newer = factories.PressReleasePageFactory(
        parent=press_index, title="Nya kommuner med", published_at=now - timedelta(days=1)
    )
    factories.PressReleasePageFactory(parent=press_index, title="Utkast", live=False)
    private = factories.PressReleasePageFactory(parent=press_index, title="Privat")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    factories.PressReleasePageFactory(
        parent=press_index, title="Utgånget", expire_at=now - timedelta(minutes=1)
    )
    return {"older": older, "newer": newer}


@pytest.mark.parametrize(
    ("url", "version", "content_type"),
    [
        ("/press/flode.rss", "rss20", "application/rss+xml; charset=utf-8"),
        ("/press/flode.atom", "atom10", "application/atom+xml; charset=utf-8"),
    ],
)
def test_press_feed_lists_live_public_releases_newest_first(
    client, press_index, releases, url, version, content_type
):
    response, feed = parse(client, url)

    assert response["Content-Type"] == content_type
    assert feed.version == version
    assert feed.feed.title == "Pressmeddelanden från SKL"
    assert feed.feed.link == f"http://testserver{press_index.url}"
    assert [entry.title for entry in feed.entries] == [
        "Nya kommuner med",
        "Innovationsguiden startar",
    ]
    older = releases["older"]
    entry = feed.entries[1]
    assert entry.link == f"http://testserver{older.url}"
    assert entry.summary == "Kommuner och landsting får stöd."
    assert entry.published_parsed[:6] == older.published_at.utctimetuple()[:6]
    assert entry.author == older.publisher.name


def test_english_press_feed_is_at_an_english_url(client, press_index, releases):
    _response, feed = parse(client, "/en/press/feed.rss")
    assert feed.feed.title == "Press releases from SKL"
    assert feed.entries == []  # the press releases are in Swedish only


def test_press_feed_queries_do_not_grow_with_releases(client, press_index):
    def count():
        with CaptureQueriesContext(connection) as context:
            assert client.get("/press/flode.atom").status_code == 200
        return len(context.captured_queries)

    factories.PressReleasePageFactory(parent=press_index)
    count()  # the first request fills Wagtail's cache of the sites' root paths
    few = count()
    for _ in range(5):
        factories.PressReleasePageFactory(parent=press_index)
    assert count() == few


def test_press_pages_announce_the_feeds_and_the_press_room_shows_subscribe_links(
    client, press_index
):
    release = factories.PressReleasePageFactory(parent=press_index)
    for page in (press_index, release):
        head = client.get(page.url).content.decode().split("</head>")[0]
        assert (
            '<link rel="alternate" type="application/rss+xml" '
            'title="Pressmeddelanden från SKL (RSS)" href="/press/flode.rss">'
        ) in head
        assert 'type="application/atom+xml" title="Pressmeddelanden från SKL (Atom)"' in head
    body = client.get(press_index.url).content.decode().split("</head>")[1]
    assert "Prenumerera på pressmeddelanden" in body
    assert '<a href="/press/flode.atom" type="application/atom+xml">Atom-flöde</a>' in body
