"""Contract of /api/v3/webinars/: shapes, filters, ordering, pagination, SQL per listing."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests import factories
from webinars.models import EpisodeChapter, EpisodeSpeaker

CARD_KEYS = {
    "id", "type", "title", "url", "locale", "summary", "thumbnail", "series", "state",
    "starts_at", "recorded_on", "duration_seconds", "topics", "speakers",
}  # fmt: skip
DETAIL_KEYS = CARD_KEYS | {
    "position", "episode_count", "previous", "next", "video", "captions_url", "recording_language",
    "registration_url", "chapters", "transcript", "transcript_cues", "related_cases",
    "feedback_enabled", "last_published_at", "calendar_url", "audio_description",
}  # fmt: skip
IMAGE_KEYS = {"id", "title", "alt", "width", "height", "focal_point", "renditions", "sources"}


@pytest.fixture
def topic():
    return factories.TopicFactory(name="Tjänstedesign", slug="tjanstedesign")


@pytest.fixture
def speaker():
    return factories.PersonFactory(name="Catharina Fredriksson")


def test_episode_list_cards_have_every_field(api_get, episode, series, topic, speaker):
    episode.topics = [topic]
    episode.speakers = [EpisodeSpeaker(person=speaker)]
    episode.save_revision().publish()
    response = api_get("/webinars/episodes/")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    card = data["items"][0]
    assert set(card) == CARD_KEYS
    assert card["type"] == "webinars.WebinarEpisodePage"
    assert card["url"] == "/webbinarier/politiskt-ledarskap/inledning/"
    assert card["series"] == {
        "id": series.pk, "type": "webinars.WebinarSeriesPage", "title": series.title,
        "url": "/webbinarier/politiskt-ledarskap/",
    }  # fmt: skip
    assert card["state"] == "recorded"
    assert card["duration_seconds"] == 20 * 60
    assert set(card["thumbnail"]) == IMAGE_KEYS
    assert set(card["thumbnail"]["renditions"]) == {"thumbnail", "small", "medium", "large"}
    rendition = card["thumbnail"]["renditions"]["thumbnail"]
    assert rendition["url"].startswith("http://testserver/media/images/")
    assert 0 < rendition["width"] <= 640 and 0 < rendition["height"] <= 360
    assert card["topics"] == [{"id": topic.pk, "name": "Tjänstedesign", "slug": "tjanstedesign"}]
    assert card["speakers"][0]["name"] == "Catharina Fredriksson"
    assert set(card["speakers"][0]) == {"id", "name", "role", "organisation", "portrait"}


def test_episode_detail_has_series_navigation_video_and_captions(api_get, series):
    first, second, third = (
        factories.WebinarEpisodePageFactory(parent=series, title=f"Del {n}") for n in (1, 2, 3)
    )
    second.chapters = [
        EpisodeChapter(title="Slutsatser", start=timedelta(minutes=10)),
        EpisodeChapter(title="Inledning", start=timedelta(0)),
    ]
    second.transcript = f'<p>Se <a linktype="page" id="{first.pk}">första delen</a>.</p>'
    second.save_revision().publish()
    response = api_get(f"/webinars/episodes/{second.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert set(data) == DETAIL_KEYS
    assert (data["position"], data["episode_count"]) == (2, 3)
    assert data["previous"]["id"] == first.pk and data["next"]["id"] == third.pk
    assert data["video"] == {
        "kind": "embed", "url": "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        "mime_type": None,
    }  # fmt: skip
    assert data["captions_url"].startswith("http://testserver/documents/")
    assert [c["title"] for c in data["chapters"]] == ["Inledning", "Slutsatser"]
    assert data["chapters"][1]["start_seconds"] == 600
    assert f'href="{first.url}"' in data["transcript"] and "linktype" not in data["transcript"]
    assert response["Last-Modified"]


def test_uploaded_video_has_file_url_and_type(api_get, series):
    video = factories.VideoFactory()
    episode = factories.WebinarEpisodePageFactory(parent=series, video_url="", video_file=video)
    data = api_get(f"/webinars/episodes/{episode.pk}/").json()
    assert data["video"]["kind"] == "file"
    assert data["video"]["mime_type"] == "video/webm"
    assert data["video"]["url"].startswith("http://testserver/media/")


def test_upcoming_episode_has_schedule(api_get, series):
    episode = factories.WebinarEpisodePageFactory(parent=series, upcoming=True)
    data = api_get(f"/webinars/episodes/{episode.pk}/").json()
    assert data["state"] == "upcoming"
    assert data["starts_at"] and data["video"] is None and data["captions_url"] is None
    assert data["registration_url"] == "https://example.org/anmalan"


@pytest.fixture
def catalogue_content(catalogue, series, topic, speaker):
    other_series = factories.WebinarSeriesPageFactory(parent=catalogue, slug="andra")
    recorded = factories.WebinarEpisodePageFactory(
        parent=series, title="B inspelad", recorded_on=date(2017, 6, 29), topics=[topic],
        speakers=[EpisodeSpeaker(person=speaker)],
    )  # fmt: skip
    old = factories.WebinarEpisodePageFactory(
        parent=other_series, title="C gammal", recorded_on=date(2016, 3, 1)
    )
    upcoming = factories.WebinarEpisodePageFactory(
        parent=other_series, title="A kommande", upcoming=True
    )
    return {"recorded": recorded, "old": old, "upcoming": upcoming, "other_series": other_series}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"state": "upcoming"}, ["upcoming"]),
        ({"state": "recorded"}, ["recorded", "old"]),
        ({"series": "politiskt-ledarskap"}, ["recorded"]),
        ({"series": "andra"}, ["upcoming", "old"]),
        ({"topic": "tjanstedesign"}, ["recorded"]),
        ({"year": 2016}, ["old"]),
        ({"recorded_after": "2017-01-01"}, ["recorded"]),
        ({"recorded_before": "2017-01-01"}, ["old"]),
        ({"recorded_after": "2016-01-01", "recorded_before": "2018-01-01"}, ["recorded", "old"]),
        ({"locale": "sv"}, ["upcoming", "recorded", "old"]),
        ({"locale": "en"}, []),
        ({"order": "title"}, ["upcoming", "recorded", "old"]),
        ({"order": "-title"}, ["old", "recorded", "upcoming"]),
        ({"order": "date"}, ["upcoming", "old", "recorded"]),
    ],
)
def test_catalogue_filters_and_ordering(api_get, catalogue_content, params, expected):
    data = api_get("/webinars/episodes/", **params).json()
    assert [item["id"] for item in data["items"]] == [catalogue_content[k].pk for k in expected]
    assert data["count"] == len(expected)


def test_catalogue_filters_by_speaker_organisation_and_start_range(
    api_get, catalogue_content, speaker
):
    ids = lambda **p: [i["id"] for i in api_get("/webinars/episodes/", **p).json()["items"]]  # noqa: E731
    assert ids(speaker=speaker.pk) == [catalogue_content["recorded"].pk]
    assert ids(organisation=speaker.organisation_id) == [catalogue_content["recorded"].pk]
    soon = (timezone.now() + timedelta(days=7)).isoformat()
    assert ids(starts_after=soon) == [catalogue_content["upcoming"].pk]
    assert ids(starts_before=soon) == []


@pytest.mark.parametrize(
    "params",
    [
        {"starts_after": "0001-01-01T00:00:00"},
        {"starts_after": "0001-01-01T00:00:00+14:00"},
        {"starts_before": "9999-12-31T23:59:59-14:00"},
        {"starts_after": "0001-01-01", "starts_before": "9999-12-31T23:59:59"},
    ],
)
def test_a_start_range_at_the_ends_of_the_calendar_keeps_every_dated_episode(
    api_get, catalogue_content, params
):
    """Moments UTC cannot hold are before or after every start (core.api_params.as_utc)."""
    response = api_get("/webinars/episodes/", **params)
    assert response.status_code == 200, response.content
    assert [item["id"] for item in response.json()["items"]] == [catalogue_content["upcoming"].pk]


def test_pagination_counts_everything_and_returns_a_slice(api_get, series):
    factories.WebinarEpisodePageFactory.create_batch(5, parent=series)
    data = api_get("/webinars/episodes/", limit=2, offset=4).json()
    assert data["count"] == 5 and len(data["items"]) == 1


def test_series_list(api_get, series, topic):
    series.topics = [topic]
    series.save_revision().publish()
    data = api_get("/webinars/series/").json()
    assert data["count"] == 1
    item = data["items"][0]
    assert set(item) == {"id", "type", "title", "url", "locale", "intro", "image", "topics"}
    assert item["intro"] == "<p>En serie om användardriven innovation.</p>"
    assert api_get("/webinars/series/", topic="tjanstedesign").json()["count"] == 1
    assert api_get("/webinars/series/", topic="annat").json()["count"] == 0


def add_episodes(series, count):
    topic = factories.TopicFactory()
    image = factories.wagtail_factories.ImageFactory()
    for _ in range(count):
        factories.WebinarEpisodePageFactory(
            parent=series,
            thumbnail=factories.wagtail_factories.ImageFactory(),
            topics=[topic],
            speakers=[EpisodeSpeaker(person=factories.PersonFactory(portrait=image))],
        )


def queries_for(client, url):
    client.get(url)  # the first view creates the renditions
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("kind", ["episodes", "series"])
def test_listing_queries_are_the_same_for_10_and_40_items(
    client, settings, catalogue, series, kind
):
    # Locmem's default 300 entries could evict Wagtail's cached site root paths among the
    # rendition entries (two more queries per request, whatever the listing): give it room.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "api-query-counts",
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    }
    url = f"/api/v3/webinars/{kind}/?limit=100"

    def add(count):
        if kind == "episodes":
            add_episodes(series, count)
        else:
            factories.WebinarSeriesPageFactory.create_batch(count, parent=catalogue)

    add(10 if kind == "episodes" else 9)
    ten = queries_for(client, url)
    add(30)
    forty = queries_for(client, url)
    assert len(client.get(url).json()["items"]) == 40
    assert forty == ten
    assert ten <= 15


# Every filter on one set of episodes (built once), by its query count.
FILTERS = [
    {"offset": "5"},
    {"topic": "TOPIC"},
    {"speaker": "PERSON"},
    {"organisation": "ORGANISATION"},
    {"state": "recorded", "order": "title"},
    {"series": "politiskt-ledarskap", "order": "date"},
]


def test_filtered_listing_queries_are_the_same_for_few_and_many_episodes(client, settings, series):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "api-filter-query-counts",
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    }
    organisation = factories.OrganisationFactory()
    topic = factories.TopicFactory()
    person = factories.PersonFactory(organisation=organisation)

    def add(count):
        for _ in range(count):
            factories.WebinarEpisodePageFactory(
                parent=series,
                topics=[topic, factories.TopicFactory()],
                speakers=[
                    EpisodeSpeaker(person=person),
                    EpisodeSpeaker(person=factories.PersonFactory(organisation=organisation)),
                ],
            )

    values = {"TOPIC": topic.slug, "PERSON": str(person.pk), "ORGANISATION": str(organisation.pk)}
    urls = [
        "/api/v3/webinars/episodes/?limit=20&"
        + "&".join(f"{key}={values.get(value, value)}" for key, value in params.items())
        for params in FILTERS
    ]
    add(8)
    few = [queries_for(client, url) for url in urls]
    add(14)  # past the page of 20
    for url, before in zip(urls, few, strict=True):
        assert queries_for(client, url) == before, url
        data = client.get(url).json()
        assert data["items"], url
        # Each episode once, however many of its speakers or topics match.
        assert len({item["id"] for item in data["items"]}) == len(data["items"]), url
