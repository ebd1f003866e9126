"""What only published content decides (the menu, the home page in each language, a
catalogue's filter choices, years and count, its series links) is remembered per process for
the page cache's content generation when that lives in Redis (home/per_request.py
`remembered`), even with the page cache off: a publish, unpublish or snippet change shows on
the very next page view."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home import per_request
from tests import factories
from webinars.models import EpisodeSpeaker


@pytest.fixture
def shared_cache(shared_cache, settings):
    """The default cache in Redis (tests/conftest.py), as in production, with the page cache
    off."""
    settings.PAGE_CACHE_SECONDS = 0
    per_request.forget_remembered()
    yield shared_cache
    per_request.forget_remembered()


def view(client, url, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    assert "X-Cache" not in response  # rendered, not served from the page cache
    return len(queries.captured_queries), response.content.decode()


def menu(html):
    return html.split('class="main-nav"')[1].split("</nav>")[0]


def test_catalogue_reads_its_choices_and_menu_once_per_generation(
    shared_cache, client, catalogue, series, episode
):
    view(client, catalogue.url)  # renditions
    per_request.forget_remembered()
    first, html = view(client, catalogue.url)
    again, same = view(client, catalogue.url)
    assert again <= first - 5  # menu, home translations, series, topics, speakers, years
    assert same == html


def test_a_publish_shows_in_the_choices_count_and_menu_at_once(
    shared_cache, client, catalogue, series, episode
):
    _queries, html = view(client, catalogue.url)
    assert '<option value="2011">' not in html
    assert "1 avsnitt" in html
    assert catalogue.url not in menu(html)
    view(client, catalogue.url)

    person = factories.PersonFactory(name="Ny Medverkande")
    newer = factories.WebinarEpisodePageFactory(
        parent=series, recorded_on=date(2011, 5, 1), speakers=[EpisodeSpeaker(person=person)]
    )
    newer.save_revision().publish()
    catalogue.show_in_menus = True
    catalogue.save_revision().publish()

    _queries, html = view(client, catalogue.url)
    assert '<option value="2011">2011</option>' in html
    assert "Ny Medverkande" in html
    assert "2 avsnitt" in html
    assert f'<a href="{catalogue.url}" aria-current="page">' in menu(html)

    newer.unpublish()
    _queries, html = view(client, catalogue.url)
    assert '<option value="2011">' not in html
    assert "Ny Medverkande" not in html
    assert "1 avsnitt" in html


def test_a_renamed_topic_shows_at_once(shared_cache, client, catalogue, series):
    topic = factories.TopicFactory(name="Gammalt namn")
    factories.WebinarEpisodePageFactory(parent=series, topics=[topic]).save_revision().publish()
    assert "Gammalt namn" in view(client, catalogue.url)[1]
    topic.name = "Nytt namn"
    topic.save()
    html = view(client, catalogue.url)[1]
    assert "Nytt namn" in html
    assert "Gammalt namn" not in html


def test_without_a_shared_cache_each_request_reads_them_again(client, catalogue, episode):
    view(client, catalogue.url)
    first, _html = view(client, catalogue.url)
    again, _html = view(client, catalogue.url)
    assert again == first


def test_a_redis_outage_only_means_reading_everything_again(settings, db):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    calls = []
    per_request._open()
    try:
        assert per_request.shared_generation() is None
        assert per_request.remembered("key", lambda: calls.append(1) or "value") == "value"
        assert per_request.remembered("key", lambda: calls.append(1) or "value") == "value"
    finally:
        per_request._close()
    assert calls == [1]  # kept for the request only
