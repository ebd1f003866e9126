"""A series page lists its episodes compactly (title, date, length, summary) in a fixed
number of queries: it reads no topics, speakers, people or images it does not show."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from webinars.models import EpisodeSpeaker


def add_episodes(series, count):
    for _ in range(count):
        factories.WebinarEpisodePageFactory(
            parent=series,
            topics=[factories.TopicFactory()],
            speakers=[EpisodeSpeaker(person=factories.PersonFactory())],
        )


def series_page_queries(client, series):
    client.get(series.url)  # warm: the site's root paths and the frame's caches
    with CaptureQueriesContext(connection) as context:
        response = client.get(series.url)
    assert response.status_code == 200
    return [query["sql"] for query in context.captured_queries], response


def test_series_page_lists_episodes_without_loading_topics_or_speakers(client, series):
    add_episodes(series, 2)
    few, _response = series_page_queries(client, series)
    add_episodes(series, 8)
    many, response = series_page_queries(client, series)
    assert len(many) == len(few)
    assert len(response.context["episodes"]) == 10
    unshown = ("webinarepisodepage_topics", "episodespeaker", "base_person")
    assert not [sql for sql in many if any(table in sql.lower() for table in unshown)]
    assert response.content.decode().count('class="episode-row__title"') == 10
