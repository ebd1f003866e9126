"""The catalogue at scale: constant queries whatever the number of episodes, speakers, topics
and series; a dozen series as cards, all of them as a compact list behind a link; the filters
are Django's own <select>s."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from webinars.models import SERIES_CARDS_MAX, EpisodeSpeaker


def queries_for(client, url, params=None):
    client.get(url, params)  # the first view creates the renditions
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(context.captured_queries), response


def add_episodes(series, count, organisation):
    for _ in range(count):
        factories.WebinarEpisodePageFactory(
            parent=series,
            topics=[factories.TopicFactory()],
            speakers=[
                EpisodeSpeaker(person=factories.PersonFactory(organisation=organisation)),
                EpisodeSpeaker(person=factories.PersonFactory()),
            ],
        )


@pytest.fixture
def organisation(db):
    return factories.OrganisationFactory(name="Oxelösunds kommun")


# Every filter on one catalogue (a page of cards and one more, built once), by its query count.
FILTERS = [
    {},
    {"visa": "inspelade"},
    {"sida": "2"},
    {"amne": "TOPIC"},
    {"talare": "PERSON"},
    {"organisation": "ORGANISATION"},
    {"ar": "tjugohundra"},  # a filter error: the unfiltered list
]


def test_catalogue_queries_do_not_grow_with_episodes_speakers_and_topics(
    client, catalogue, series, organisation
):
    def resolved(params):
        episode = series.get_children().specific().last()
        values = {
            "TOPIC": episode.topics.first().slug,
            "PERSON": str(episode.speakers.first().person_id),
            "ORGANISATION": str(organisation.pk),
        }
        return {name: values.get(value, value) for name, value in params.items()}

    add_episodes(series, 13, organisation)
    few = [queries_for(client, catalogue.url, resolved(params))[0] for params in FILTERS]
    add_episodes(series, 12, organisation)  # a full page more of everything
    for params, before in zip(FILTERS, few, strict=True):
        many, response = queries_for(client, catalogue.url, resolved(params))
        assert many == before, params
        assert response.context["episodes"], params


def test_catalogue_shows_a_dozen_series_as_cards_and_the_rest_behind_a_link(client, catalogue):
    factories.WebinarSeriesPageFactory.create_batch(SERIES_CARDS_MAX + 1, parent=catalogue)
    few, _response = queries_for(client, catalogue.url)
    factories.WebinarSeriesPageFactory.create_batch(40, parent=catalogue)
    many, response = queries_for(client, catalogue.url)
    assert many == few
    assert len(response.context["series_cards"]) == SERIES_CARDS_MAX
    html = response.content.decode()
    assert 'href="?serier=alla#serier"' in html
    assert 'class="series-list"' not in html


def test_all_series_are_listed_compactly_in_constant_queries(client, catalogue):
    factories.WebinarSeriesPageFactory.create_batch(SERIES_CARDS_MAX + 1, parent=catalogue)
    few, _response = queries_for(client, catalogue.url, {"serier": "alla"})
    factories.WebinarSeriesPageFactory.create_batch(40, parent=catalogue)
    many, response = queries_for(client, catalogue.url, {"serier": "alla"})
    assert many == few
    html = response.content.decode()
    links = re.findall(r'<ul class="series-list">(.*?)</ul>', html)[0]
    assert links.count("<li>") == SERIES_CARDS_MAX + 41
    first = catalogue.get_children().live().order_by("path").first()
    assert f'<a href="{first.url}">{first.title}</a>' in links
    assert client.get(first.url).status_code == 200


def test_a_few_series_are_shown_as_cards(client, catalogue, series):
    response = client.get(catalogue.url)
    html = response.content.decode()
    assert 'class="series-list"' not in html
    assert "serier=alla" not in html
    assert [item.pk for item in response.context["series_cards"]] == [series.pk]


def test_deep_pages_list_the_same_order_as_the_first(client, catalogue, series):
    for number in range(30):
        factories.WebinarEpisodePageFactory(parent=series, title=f"Avsnitt {number}")
    seen = []
    for number in (1, 2, 3):
        seen += [e.pk for e in client.get(catalogue.url, {"sida": number}).context["episodes"]]
    assert len(seen) == len(set(seen)) == 30


def test_filters_are_selects_that_keep_the_chosen_value_and_escape_names(client, catalogue, series):
    person = factories.PersonFactory(name='Åsa "Citat" <Ö> & Co')
    factories.WebinarEpisodePageFactory(parent=series, speakers=[EpisodeSpeaker(person=person)])
    html = client.get(catalogue.url, {"talare": person.pk}).content.decode()
    select = re.findall(r'<select name="talare"[^>]*>.*?</select>', html, re.DOTALL)[0]
    assert 'id="id_talare"' in select
    name = "Åsa &quot;Citat&quot; &lt;Ö&gt; &amp; Co"
    assert re.search(rf'<option value="{person.pk}" selected>\s*{name}\s*</option>', select)
    assert '<option value="">Alla</option>' in select


def test_the_years_are_counted_once_when_the_filters_are_drawn(client, catalogue, series):
    """Django reads a field's choices to check the chosen value and twice to draw the field;
    the years are the costliest list (every visible episode), so they are read once."""
    from django.core.cache import cache

    factories.WebinarEpisodePageFactory(parent=series, recorded_on=datetime.date(2024, 5, 9))
    cache.clear()  # the filter form's fragment is drawn anew
    with CaptureQueriesContext(connection) as context:
        assert client.get(catalogue.url, {"ar": "2024"}).status_code == 200
    year_queries = [q for q in context.captured_queries if "GROUP BY" in q["sql"]]
    assert len([q for q in year_queries if "recorded_on" in q["sql"]]) == 1
