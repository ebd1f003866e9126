"""Search inside the video: words said in a recording (its captions) are found, and the hit links
to that moment with its time, on the search page and in the API."""

import pytest
from django.core.files.base import ContentFile
from wagtail.search import index

from tests import factories
from webinars.models import WebinarEpisodePage

CAPTIONS = (
    "WEBVTT\n\n"
    "00:00:02.000 --> 00:00:06.000\nVälkomna allihop.\n\n"
    "00:12:34.500 --> 00:12:39.000\nSedan införde vi <i>nattkameror</i> i hemtjänsten.\n\n"
    "01:02:03.000 --> 01:02:08.000\nNattkamerorna sparar mycket tid.\n"
)

pytestmark = pytest.mark.search_index


@pytest.fixture
def spoken(series):
    document = factories.CaptionsFactory(file=ContentFile(CAPTIONS.encode(), "textning.vtt"))
    return factories.WebinarEpisodePageFactory(
        parent=series,
        title="Trygg hemtjänst",
        slug="trygg-hemtjanst",
        summary="Om kvällar och nätter i hemtjänsten.",
        captions=document,
    )


def test_words_said_in_the_video_find_the_episode_and_link_to_the_moment(client, spoken):
    response = client.get("/sok/", {"q": "nattkameror"})
    (card,) = response.context["cards"]
    assert card.page.pk == spoken.pk
    assert card.found_in == "transcript"
    assert card.found_in_label == "I transkriberingen, 12:34"
    assert card.url.endswith("/trygg-hemtjanst/?t=754#player")
    assert "<mark>nattkameror</mark>" in card.excerpt
    html = response.content.decode()
    assert '<p class="search-result__where">I transkriberingen, 12:34:</p>' in html
    assert "/trygg-hemtjanst/?t=754#player" in html


def test_api_search_gives_the_moment_with_its_time_and_address(client, spoken):
    (item,) = client.get("/api/v3/search/", {"q": "nattkameror"}).json()["items"]
    assert item["found_in"] == "transcript"
    assert item["found_in_label"] == "I transkriberingen, 12:34"
    assert item["url"].endswith("/trygg-hemtjanst/?t=754#player")
    assert item["moment"] == {"seconds": 754, "clock": "12:34", "url": item["url"]}


def test_a_hit_outside_the_video_has_no_moment(client, spoken):
    (item,) = client.get("/api/v3/search/", {"q": "kvällar"}).json()["items"]
    assert item["found_in"] == "" and item["moment"] is None
    assert "?t=" not in item["url"]


def test_captions_replaced_by_an_unreadable_file_do_not_break_search(client, spoken):
    document = spoken.captions
    document.file.save("trasig.vtt", ContentFile(b"\xff\xfe not webvtt"), save=True)
    index.insert_or_update_object(WebinarEpisodePage.objects.get(pk=spoken.pk))
    response = client.get("/sok/", {"q": "Trygg"})
    assert response.status_code == 200
    assert [card.page.pk for card in response.context["cards"]] == [spoken.pk]
