"""webinars/filters/: the catalogue's filter options with counts, in the asked language, each
count the number of episodes the episodes endpoint lists for that option."""

import pytest
from wagtail.models import Locale

from base.models import Organisation, Person, Topic
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/api/v3/webinars/filters/"


def listed(client, **params):
    return client.get("/api/v3/webinars/episodes/", params).json()["count"]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_each_option_counts_what_the_episodes_filter_lists(client, seed_content, language):
    data = client.get(URL, {"locale": language}).json()
    assert data["locale"] == language
    assert data["total"] == listed(client, locale=language) > 0
    assert data["topics"] and data["speakers"] and data["organisations"] and data["years"]
    for topic in data["topics"]:
        assert listed(client, locale=language, topic=topic["slug"]) == topic["count"] > 0
    for speaker in data["speakers"]:
        assert listed(client, locale=language, speaker=speaker["id"]) == speaker["count"] > 0
    for organisation in data["organisations"]:
        count = listed(client, locale=language, organisation=organisation["id"])
        assert count == organisation["count"] > 0
    for year in data["years"]:
        assert listed(client, locale=language, year=year["year"]) == year["count"] > 0


@pytest.fixture
def translated_organisation(seed_content):
    """An English translation of a speaker's organisation, which the speaker's English
    translation points at (as wagtail-localize keeps it); the English pages still point at
    the Swedish person."""
    english = Locale.objects.get(language_code="en")
    person = Person.objects.filter(locale=english, organisation__isnull=False).first()
    organisation = person.organisation.copy_for_translation(english)
    organisation.save()
    person.organisation = organisation
    person.save()
    return organisation


def card_ids(client, language):
    """(speaker ids, organisation ids) that the episode cards in `language` show."""
    params = {"locale": language, "limit": 100}
    items = client.get("/api/v3/webinars/episodes/", params).json()["items"]
    people = [person for item in items for person in item["speakers"]]
    return (
        {person["id"] for person in people},
        {person["organisation"]["id"] for person in people if person["organisation"]},
    )


@pytest.mark.parametrize("language", ["sv", "en"])
def test_speaker_and_organisation_options_carry_the_ids_the_cards_show(
    client, translated_organisation, language
):
    data = client.get(URL, {"locale": language}).json()
    speakers, organisations = card_ids(client, language)
    assert {option["id"] for option in data["speakers"]} == speakers
    assert {option["id"] for option in data["organisations"]} == organisations
    assert (translated_organisation.pk in organisations) == (language == "en")


def test_episodes_filter_by_any_translation_of_a_speaker_or_organisation(
    client, translated_organisation
):
    for language in ("sv", "en"):
        data = client.get(URL, {"locale": language}).json()
        for kind, model, field in [
            ("speakers", Person, "speaker"),
            ("organisations", Organisation, "organisation"),
        ]:
            for option in data[kind]:
                key = model.objects.get(pk=option["id"]).translation_key
                for other in model.objects.filter(translation_key=key):
                    params = {"locale": language, field: other.pk}
                    assert listed(client, **params) == option["count"] > 0, (kind, other)


def test_topic_options_are_named_in_the_asked_language(client, seed_content):
    english = Locale.objects.get(language_code="en")
    data = client.get(URL, {"locale": "en"}).json()
    for option in data["topics"]:
        topic = Topic.objects.get(slug=option["slug"], name=option["name"])
        has_english = Topic.objects.filter(
            translation_key=topic.translation_key, locale=english
        ).exists()
        assert topic.locale_id == english.pk or not has_english


def test_filter_options_cost_the_same_for_more_episodes(
    client, series, django_assert_max_num_queries
):
    def add_episode(number):
        topic = factories.TopicFactory()
        episode = factories.WebinarEpisodePageFactory(parent=series, slug=f"avsnitt-{number}")
        episode.topics.add(topic)
        episode.save_revision().publish()

    add_episode(0)
    with django_assert_max_num_queries(100) as few:
        client.get(URL)
    for number in range(1, 8):
        add_episode(number)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(URL).json()["topics"]) == 8


@pytest.mark.parametrize("params", [{"locale": "xx"}, {"sprak": "en"}])
def test_bad_filter_queries_are_400s(client, home, params):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")


def test_press_release_publisher_has_its_about_text(client, press_index):
    publisher = factories.OrganisationFactory(about="<p>Vi <b>stödjer</b> kommuner.</p>")
    release = factories.PressReleasePageFactory(parent=press_index, publisher=publisher)
    data = client.get(f"/api/v3/pages/{release.pk}/").json()
    assert data["publisher"]["about"] == "<p>Vi <b>stödjer</b> kommuner.</p>"
    assert Organisation.objects.get(pk=data["publisher"]["id"]) == publisher
