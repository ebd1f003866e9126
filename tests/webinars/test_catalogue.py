"""Browsing the catalogue: filters with Swedish parameters, bad input, pagination."""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale

from tests import factories
from webinars.models import EpisodeSpeaker, WebinarEpisodePage, WebinarIndexPage


@pytest.fixture
def catalogue_content(catalogue, series):
    other_series = factories.WebinarSeriesPageFactory(parent=catalogue, slug="annan-serie")
    design = factories.TopicFactory(name="Tjänstedesign", slug="tjanstedesign")
    oxelosund = factories.OrganisationFactory(name="Oxelösunds kommun")
    catharina = factories.PersonFactory(name="Catharina Fredriksson", organisation=oxelosund)
    return {
        "design": factories.WebinarEpisodePageFactory(
            parent=series, title="Om tjänstedesign", topics=[design]
        ),
        "speaker": factories.WebinarEpisodePageFactory(
            parent=series,
            title="Politisk vilja",
            recorded_on=date(2018, 3, 1),
            speakers=[EpisodeSpeaker(person=catharina)],
        ),
        "other": factories.WebinarEpisodePageFactory(parent=other_series, title="Annan serie"),
        "upcoming": factories.WebinarEpisodePageFactory(
            parent=other_series,
            title="Kommande del",
            upcoming=True,
            starts_at=timezone.now() + timedelta(days=30),
        ),
        "ids": {"topic": design.slug, "person": catharina.pk, "organisation": oxelosund.pk},
    }


def titles(response):
    return {episode.title for episode in response.context["episodes"]}


def test_catalogue_lists_every_published_episode(client, catalogue, catalogue_content):
    response = client.get(catalogue.url)
    assert response.status_code == 200
    assert titles(response) == {"Om tjänstedesign", "Politisk vilja", "Annan serie", "Kommande del"}
    assert "4 avsnitt" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"serie": "politiskt-ledarskap"}, {"Om tjänstedesign", "Politisk vilja"}),
        ({"amne": "tjanstedesign"}, {"Om tjänstedesign"}),
        ({"ar": "2018"}, {"Politisk vilja"}),
        ({"visa": "kommande"}, {"Kommande del"}),
        ({"visa": "inspelade"}, {"Om tjänstedesign", "Politisk vilja", "Annan serie"}),
        ({"visa": "inspelade", "serie": "annan-serie"}, {"Annan serie"}),
    ],
)
def test_catalogue_filters(client, catalogue, catalogue_content, params, expected):
    assert titles(client.get(catalogue.url, params)) == expected


def test_catalogue_filters_by_speaker_and_organisation(client, catalogue, catalogue_content):
    ids = catalogue_content["ids"]
    assert titles(client.get(catalogue.url, {"talare": ids["person"]})) == {"Politisk vilja"}
    by_org = client.get(catalogue.url, {"organisation": ids["organisation"]})
    assert titles(by_org) == {"Politisk vilja"}


@pytest.mark.parametrize(
    "params",
    [
        {"serie": "finns-inte"},
        {"ar": "tjugohundra"},
        {"talare": "'; DROP TABLE wagtailcore_page; --"},
        {"visa": "allt"},
        {"sida": "999"},
        {"sida": "-1"},
        {"amne": "x" * 3000},
    ],
)
def test_bad_filter_values_are_explained_not_crashed_on(
    client, catalogue, catalogue_content, params
):
    response = client.get(catalogue.url, params)
    assert response.status_code == 200
    if "sida" not in params:
        assert "kunde inte användas" in response.content.decode()
        assert len(titles(response)) == 4


def test_catalogue_paginates_and_keeps_filters_in_page_links(client, catalogue, series):
    for number in range(14):
        factories.WebinarEpisodePageFactory(parent=series, title=f"Avsnitt {number}")
    response = client.get(catalogue.url, {"serie": "politiskt-ledarskap"})
    assert len(response.context["episodes"]) == 12
    assert "?serie=politiskt-ledarskap&amp;sida=2" in response.content.decode()
    assert (
        len(
            client.get(catalogue.url, {"serie": "politiskt-ledarskap", "sida": 2}).context[
                "episodes"
            ]
        )
        == 2
    )


def select(html, name):
    return re.findall(rf'<select name="{name}"[^>]*>.*?</select>', html, re.DOTALL)[0]


def offered(html, name):
    return {int(value) for value in re.findall(r'<option value="(\d+)"', select(html, name))}


def test_english_catalogue_offers_and_finds_the_people_its_episode_pages_show(
    client, db, seed_content
):
    """The seed's English episodes point at Swedish people that have English translations:
    the filters offer (and take) the ids of the translations, as the pages show them."""
    english = Locale.objects.get(language_code="en")
    catalogue = WebinarIndexPage.objects.get(locale=english)
    shown = {}
    for episode in WebinarEpisodePage.objects.visible(english):
        for person in client.get(episode.url).context["speakers"]:
            shown.setdefault(person, set()).add(episode.title)
    assert any(person.locale_id == english.pk for person in shown)
    html = client.get(catalogue.url).content.decode()
    assert offered(html, "talare") == {person.pk for person in shown}
    assert offered(html, "organisation") == {person.organisation_id for person in shown}
    for person, episodes in shown.items():
        by_person = client.get(catalogue.url, {"talare": person.pk})
        assert titles(by_person) == episodes
        by_org = client.get(catalogue.url, {"organisation": person.organisation_id})
        assert episodes <= titles(by_org)


def test_filter_lists_are_kept_until_content_changes(
    client, catalogue, catalogue_content, shared_cache, django_capture_on_commit_callbacks
):
    """With a cache every process reads, the drawn lists are kept (no queries for them) and
    drawn anew, with the new speaker, once an episode is published."""
    first = client.get(catalogue.url)
    with CaptureQueriesContext(connection) as kept:
        again = client.get(catalogue.url)
    assert again.content == first.content
    assert not [q for q in kept.captured_queries if "home_person" in q["sql"]]
    chosen = client.get(catalogue.url, {"visa": "kommande"}).content.decode()
    assert '<option value="kommande" selected>' in select(chosen, "visa")
    assert '<option value="kommande" selected>' not in select(again.content.decode(), "visa")

    person = factories.PersonFactory(name="Ny Talare")
    series = catalogue_content["other"].get_parent()
    with django_capture_on_commit_callbacks(execute=True):
        factories.WebinarEpisodePageFactory(
            parent=series, speakers=[EpisodeSpeaker(person=person)]
        ).save_revision().publish()
    assert "Ny Talare" in select(client.get(catalogue.url).content.decode(), "talare")
