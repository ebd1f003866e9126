"""Listing pages issue the same number of SQL queries whatever the number of items."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail_factories import ImageFactory

from tests import factories
from webinars.models import EpisodeSpeaker


def queries_for(client, url):
    # The first view of a new image creates its renditions; count a warm page view.
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def add_episodes(series, count):
    topic = factories.TopicFactory()
    for _ in range(count):
        factories.WebinarEpisodePageFactory(
            parent=series,
            topics=[topic],
            speakers=[EpisodeSpeaker(person=factories.PersonFactory())],
        )


@pytest.mark.parametrize("url_of", ["home", "catalogue", "series"])
def test_webinar_listings_do_not_grow_with_episodes(client, home, catalogue, series, url_of):
    url = {"home": home.url, "catalogue": catalogue.url, "series": series.url}[url_of]
    add_episodes(series, 2)
    few = queries_for(client, url)
    add_episodes(series, 10)
    many = queries_for(client, url)
    assert many == few
    assert many <= 40


def test_case_index_does_not_grow_with_cases(client, case_index):
    factories.CaseStoryPageFactory.create_batch(2, parent=case_index)
    few = queries_for(client, case_index.url)
    factories.CaseStoryPageFactory.create_batch(8, parent=case_index)
    assert queries_for(client, case_index.url) == few


def test_press_room_does_not_grow_with_releases(client, press_index):
    factories.PressReleasePageFactory.create_batch(2, parent=press_index)
    few = queries_for(client, press_index.url)
    factories.PressReleasePageFactory.create_batch(8, parent=press_index)
    assert queries_for(client, press_index.url) == few


def test_episode_page_does_not_grow_with_speakers_and_chapters(client, series):
    def speaker():  # with a portrait, whose rendition must not cost a query per person
        return EpisodeSpeaker(person=factories.PersonFactory(portrait=ImageFactory()))

    episode = factories.WebinarEpisodePageFactory(parent=series, speakers=[speaker()])
    few = queries_for(client, episode.url)
    episode.speakers = [speaker() for _ in range(6)]
    episode.save()
    factories.WebinarEpisodePageFactory.create_batch(5, parent=series)
    assert queries_for(client, episode.url) == few
