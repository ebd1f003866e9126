"""Audio description (WCAG 1.2.5, issue #26): a recording is published only with a
descriptions track, a described version or the editor's statement; the player plays the track
and links the described version; the API says which one the episode has."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from tests import factories
from tests.home.test_admin_publishing import (
    add_url,
    episode_form_data,
    publish,
    refuse_to_create,
)
from webinars.models import WebinarEpisodePage

pytestmark = pytest.mark.django_db

DESCRIPTIONS_VTT = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nEn bild med tre staplar visas.\n"
DESCRIBED_URL = "https://www.youtube.com/watch?v=syntolkad1"


def descriptions(content=DESCRIPTIONS_VTT, filename="syntolkning.vtt"):
    return factories.CaptionsFactory(
        title="Syntolkning", file=ContentFile(content.encode(), filename)
    )


def recording(**fields):
    """An unsaved recording with captions and none of the three unless given."""
    fields.setdefault("audio_description_not_needed", False)
    fields.setdefault("captions", factories.CaptionsFactory())
    return factories.WebinarEpisodePageFactory.build(thumbnail=None, **fields)


def add(series, episode):
    series.add_child(instance=episode)
    return WebinarEpisodePage.objects.get(pk=episode.pk)


def test_a_recording_without_audio_description_is_refused_on_the_descriptions_field(series):
    episode = recording()
    with pytest.raises(ValidationError) as error:
        add(series, episode)
    [message] = error.value.message_dict["descriptions"]
    assert "syntolkning" in message and "utkast" in message
    assert not WebinarEpisodePage.objects.filter(title=episode.title).exists()


@pytest.mark.parametrize(
    "fields",
    [
        {"audio_description_not_needed": True},
        {"described_version_url": DESCRIBED_URL},
        {"descriptions": "track"},
    ],
    ids=["statement", "described-version", "descriptions-track"],
)
def test_a_recording_is_published_with_any_one_of_the_three(series, fields):
    if fields.get("descriptions") == "track":
        fields = {"descriptions": descriptions()}
    saved = add(series, recording(**fields))
    assert saved.live and saved.has_audio_description
    assert saved.publish_problems() == []


def test_a_draft_recording_may_lack_audio_description(series):
    saved = add(series, recording(live=False))
    assert not saved.live
    assert saved.publish_problems_by_field().keys() == {"descriptions"}


def test_an_upcoming_webinar_needs_no_audio_description(series):
    episode = factories.WebinarEpisodePageFactory(
        parent=series, upcoming=True, audio_description_not_needed=False
    )
    assert episode.live and not episode.has_audio_description
    assert episode.publish_problems() == []


def test_a_descriptions_file_must_be_valid_webvtt_even_in_a_draft(series):
    episode = recording(descriptions=descriptions("Bara text", "syntolkning.vtt"))
    episode.set_url_path(series)
    with pytest.raises(ValidationError) as error:
        episode.full_clean()
    [message] = error.value.message_dict["descriptions"]
    assert message.startswith("Syntolkningsfilen är inte giltig")

    episode.descriptions = descriptions(filename="syntolkning.txt")
    with pytest.raises(ValidationError) as error:
        episode.full_clean()
    assert error.value.message_dict["descriptions"] == [
        "Syntolkningen måste vara en WebVTT-fil (.vtt)."
    ]


def test_admin_refuses_publishing_without_audio_description_next_to_the_field(admin_client, series):
    data = episode_form_data(captions=factories.CaptionsFactory().pk)
    del data["audio_description_not_needed"]  # an unticked box is not sent
    response = refuse_to_create(admin_client, series, WebinarEpisodePage, data)
    form = response.context["form"]
    assert set(form.errors) == {"descriptions"}
    assert "syntolkad version" in form.errors["descriptions"][0]


def test_admin_saves_a_draft_without_audio_description(admin_client, series):
    data = episode_form_data(captions=factories.CaptionsFactory().pk, slug="utkast")
    del data["audio_description_not_needed"]
    response = admin_client.post(add_url(series, WebinarEpisodePage), data)
    assert response.status_code == 302
    draft = WebinarEpisodePage.objects.get(slug="utkast")
    assert not draft.live and not draft.has_audio_description


def test_admin_publishes_with_a_described_version(admin_client, series):
    data = episode_form_data(
        captions=factories.CaptionsFactory().pk,
        described_version_url=DESCRIBED_URL,
        slug="syntolkad",
    )
    del data["audio_description_not_needed"]
    page = publish(admin_client, series, WebinarEpisodePage, data)
    assert page.live and page.described_version_url == DESCRIBED_URL


def test_uploaded_video_plays_the_descriptions_track_and_links_the_described_version(
    client, series
):
    track = descriptions()
    episode = factories.WebinarEpisodePageFactory(
        parent=series,
        video_url="",
        video_file=factories.VideoFactory(),
        descriptions=track,
        described_version_url=DESCRIBED_URL,
        audio_description_not_needed=False,
    )
    html = client.get(episode.url).content.decode()
    assert f'<track kind="descriptions" src="{track.url}" srclang="sv" label="Syntolkning">' in html
    assert f'<a href="{DESCRIBED_URL}">Se syntolkad version</a>' in html


def test_an_episode_with_only_the_statement_shows_no_track_or_link(client, episode):
    html = client.get(episode.url).content.decode()
    assert 'kind="descriptions"' not in html
    assert "Se syntolkad version" not in html


def test_api_episode_detail_says_how_the_episode_is_described(client, series):
    track = descriptions()
    described = factories.WebinarEpisodePageFactory(
        parent=series, descriptions=track, audio_description_not_needed=False
    )
    stated = factories.WebinarEpisodePageFactory(parent=series)

    data = client.get(f"/api/v3/webinars/episodes/{described.pk}/").json()
    audio_description = data["audio_description"]
    assert audio_description["track_url"].startswith("http")
    assert audio_description["track_url"].endswith(track.url)
    assert audio_description["described_version_url"] is None
    assert audio_description["not_needed"] is False
    data = client.get(f"/api/v3/webinars/episodes/{stated.pk}/").json()
    assert data["audio_description"] == {
        "track_url": None,
        "described_version_url": None,
        "not_needed": True,
    }
