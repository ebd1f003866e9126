"""The episode listing reads its cards as values (no page instances) and keeps its count in the
shared cache under the page cache's content generation: the same answers as the models give,
and a count that follows every publish, unpublish, restriction and scheduled change."""

from datetime import timedelta

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page, Site

import webinars.api
from home.api_serializers import PageRow, page_urls
from home.page_cache import current_generation
from tests import factories
from tests.api.conftest import restrict

LIST = "/api/v3/webinars/episodes/"


@pytest.fixture
def shared_cache(monkeypatch):
    """The test settings' local-memory cache, treated as one all app servers share."""
    cache = caches["default"]
    cache.clear()
    monkeypatch.setattr(webinars.api, "shared_generation", lambda: current_generation(cache))
    return cache


def count(client, **params):
    response = client.get(LIST, params)
    assert response.status_code == 200
    return response.json()["count"]


def test_count_is_cached_and_follows_publishing(client, shared_cache, series, episode):
    assert count(client) == 1
    with CaptureQueriesContext(connection) as cached:
        assert count(client) == 1
    assert not any("COUNT(" in query["sql"] for query in cached.captured_queries)

    other = factories.WebinarEpisodePageFactory(parent=series)
    assert count(client) == 2
    other.unpublish()
    assert count(client) == 1
    restrict(episode, "login")
    assert count(client) == 0


def test_cached_count_never_shows_drafts_or_restricted_episodes(
    client, shared_cache, hidden_episodes, episode
):
    assert count(client) == 1
    assert count(client) == 1
    ids = [item["id"] for item in client.get(LIST).json()["items"]]
    assert ids == [episode.pk]
    detail = client.get(f"{LIST}{episode.pk}/").json()  # its series' hidden episodes neither
    assert (detail["position"], detail["episode_count"]) == (1, 1)
    assert detail["previous"] is None and detail["next"] is None


def test_last_modified_follows_a_new_publication(client, shared_cache, series, episode):
    Page.objects.filter(pk=episode.pk).update(last_published_at=timezone.now() - timedelta(days=9))
    before = client.get(LIST)["Last-Modified"]
    assert client.get(LIST)["Last-Modified"] == before
    factories.WebinarEpisodePageFactory(parent=series).save_revision().publish()
    assert client.get(LIST)["Last-Modified"] != before


def test_count_is_kept_no_longer_than_the_next_expiry_or_start(
    client, shared_cache, monkeypatch, series
):
    now = timezone.now()
    factories.WebinarEpisodePageFactory(parent=series, expire_at=now + timedelta(minutes=5))
    factories.WebinarEpisodePageFactory(
        parent=series, upcoming=True, starts_at=now + timedelta(minutes=2)
    )
    timeouts = []
    original_set = shared_cache.set

    def set_(key, value, timeout=None, **kwargs):
        if key.startswith("api:episode-totals:"):
            timeouts.append(timeout)
        original_set(key, value, timeout, **kwargs)

    monkeypatch.setattr(shared_cache, "set", set_)
    assert count(client) == 2
    assert count(client, state="upcoming") == 1
    assert count(client, state="recorded") == 1  # gains episodes as they start: not kept
    assert len(timeouts) == 2
    assert 200 < timeouts[0] <= 300
    assert 60 < timeouts[1] <= 120


def test_filters_have_their_own_counts(client, shared_cache, catalogue, series, episode):
    other_series = factories.WebinarSeriesPageFactory(parent=catalogue, slug="andra")
    factories.WebinarEpisodePageFactory(parent=other_series)
    assert count(client) == 2
    assert count(client, series="andra") == 1
    assert count(client, series=series.slug) == 1
    assert count(client, series="andra", limit=1, offset=1) == 1


def test_without_a_shared_cache_the_count_is_read_each_time(client, episode):
    # The test settings' local-memory cache belongs to one process.
    for _ in range(2):
        with CaptureQueriesContext(connection) as context:
            assert count(client) == 1
        assert any("COUNT(" in query["sql"] for query in context.captured_queries)


def test_a_cache_outage_is_no_error(client, monkeypatch, episode):
    def unreachable():
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(webinars.api, "shared_generation", unreachable)
    assert count(client) == 1


def test_row_urls_are_wagtails_own_with_several_sites(settings, home, series, episode):
    # The series is also the root of a second site: its pages belong to two sites, which
    # home/page_urls leaves to Wagtail, and URLs carry the host when the site differs.
    settings.ALLOWED_HOSTS = ["testserver", "serie.example"]
    Site.objects.create(hostname="serie.example", port=80, root_page=series)
    pages = list(Page.objects.filter(depth__gt=1).specific())
    rows = [PageRow({"id": page.pk, "url_path": page.url_path}) for page in pages]
    for host in ("testserver", "serie.example"):
        expected = {
            page.pk: page.get_url(RequestFactory().get("/", HTTP_HOST=host)) for page in pages
        }
        assert page_urls(rows, RequestFactory().get("/", HTTP_HOST=host)) == expected
        assert len(set(expected.values())) == len(pages)
    assert page_urls(rows) == {page.pk: page.get_url() for page in pages}
