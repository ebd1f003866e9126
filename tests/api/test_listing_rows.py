"""The episode listing's count, dates, URLs and language: what the listing answers after every
publish, unpublish, restriction and expiry, and in the episode's own language."""

from datetime import timedelta

from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import Page, Site

from tests import factories
from tests.api.conftest import restrict
from tests.home.test_i18n import translate
from webinars.models import EpisodeSpeaker

LIST = "/api/v3/webinars/episodes/"


def count(client, **params):
    response = client.get(LIST, params)
    assert response.status_code == 200
    return response.json()["count"]


def test_count_follows_publishing_restrictions_and_expiry(client, series, episode):
    assert count(client) == 1
    other = factories.WebinarEpisodePageFactory(parent=series)
    assert count(client) == 2
    other.unpublish()
    assert count(client) == 1
    Page.objects.filter(pk=episode.pk).update(expire_at=timezone.now() - timedelta(minutes=1))
    assert count(client) == 0
    Page.objects.filter(pk=episode.pk).update(expire_at=None)
    restrict(episode, "login")
    assert count(client) == 0


def test_hidden_episodes_are_neither_counted_nor_neighbours(client, hidden_episodes, episode):
    assert count(client) == 1
    ids = [item["id"] for item in client.get(LIST).json()["items"]]
    assert ids == [episode.pk]
    detail = client.get(f"{LIST}{episode.pk}/").json()  # its series' hidden episodes neither
    assert (detail["position"], detail["episode_count"]) == (1, 1)
    assert detail["previous"] is None and detail["next"] is None
    for hidden in hidden_episodes.values():
        assert client.get(f"{LIST}{hidden.pk}/").status_code == 404


def test_an_expired_neighbour_is_no_longer_linked(client, series):
    first, second = (factories.WebinarEpisodePageFactory(parent=series) for _ in range(2))
    assert client.get(f"{LIST}{second.pk}/").json()["previous"]["id"] == first.pk
    Page.objects.filter(pk=first.pk).update(expire_at=timezone.now() - timedelta(seconds=1))
    detail = client.get(f"{LIST}{second.pk}/").json()
    assert detail["previous"] is None and detail["position"] == 1
    assert client.get(f"{LIST}{first.pk}/").status_code == 404


def test_last_modified_follows_a_new_publication(client, series, episode):
    Page.objects.filter(pk=episode.pk).update(last_published_at=timezone.now() - timedelta(days=9))
    before = client.get(LIST)["Last-Modified"]
    assert client.get(LIST)["Last-Modified"] == before
    factories.WebinarEpisodePageFactory(parent=series).save_revision().publish()
    assert client.get(LIST)["Last-Modified"] != before


def test_filters_have_their_own_counts(client, catalogue, series, episode):
    other_series = factories.WebinarSeriesPageFactory(parent=catalogue, slug="andra")
    factories.WebinarEpisodePageFactory(parent=other_series)
    assert count(client) == 2
    assert count(client, series="andra") == 1
    assert count(client, series=series.slug) == 1
    assert count(client, series="andra", limit=1, offset=1) == 1


def test_urls_are_wagtails_own_with_several_sites(client, settings, home, series, episode):
    # The series is also the root of a second site: its pages belong to two sites, and URLs
    # carry the host when the site differs from the request's.
    settings.ALLOWED_HOSTS = ["testserver", "serie.example"]
    Site.objects.create(hostname="serie.example", port=80, root_page=series)
    for host in ("testserver", "serie.example"):
        card = client.get(LIST, HTTP_HOST=host).json()["items"][0]
        request = RequestFactory().get("/", HTTP_HOST=host)
        assert card["url"] == episode.get_url(request)
        assert card["series"]["url"] == series.get_url(request)


def english_catalogue(locales, series, episode):
    for page in (series.get_parent().get_parent(), series.get_parent(), series):
        translate(page, locales["en"])
    english = translate(episode, locales["en"])
    english.save_revision().publish()
    return english


def test_english_cards_have_english_topics_and_speaker_roles(client, locales, series, episode):
    topic = factories.TopicFactory(name="Användardriven innovation", slug="anvandardriven")
    english_topic = topic.copy_for_translation(locales["en"])
    english_topic.name, english_topic.slug = "User-driven innovation", "user-driven-innovation"
    english_topic.save()
    person = factories.PersonFactory(name="Catharina Fredriksson", role="Förbundsordförande")
    english_person = person.copy_for_translation(locales["en"])
    english_person.role = "Chair"
    english_person.save()
    episode.topics = [topic]
    episode.speakers = [EpisodeSpeaker(person=person)]
    episode.save_revision().publish()
    english = english_catalogue(locales, series, episode)
    english.topics = [topic]  # pages share their topics and people across languages
    english.speakers = [EpisodeSpeaker(person=person)]
    english.save_revision().publish()

    card = client.get(LIST, {"locale": "en"}).json()["items"][0]
    assert card["id"] == english.pk and card["locale"] == "en"
    assert [t["slug"] for t in card["topics"]] == ["user-driven-innovation"]
    assert card["speakers"][0]["role"] == "Chair"
    swedish = client.get(LIST, {"locale": "sv"}).json()["items"][0]
    assert [t["name"] for t in swedish["topics"]] == ["Användardriven innovation"]
    assert swedish["speakers"][0]["role"] == "Förbundsordförande"
    # Either language's slug finds the episode: a topic and its translations are one topic.
    for slug in ("user-driven-innovation", "anvandardriven"):
        assert count(client, locale="en", topic=slug) == 1
        assert count(client, locale="sv", topic=slug) == 1
    detail = client.get(f"{LIST}{english.pk}/").json()
    assert [t["name"] for t in detail["topics"]] == ["User-driven innovation"]
