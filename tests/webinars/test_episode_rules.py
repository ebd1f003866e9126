"""What makes an episode valid, publishable and playable, on every path (not just the admin)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from tests import factories
from webinars.models import EpisodeChapter, WebinarEpisodePage


def unsaved_episode(series, **fields):
    fields.setdefault("title", "Avsnitt")
    fields.setdefault("slug", "avsnitt")
    fields.setdefault("summary", "Sammanfattning.")
    episode = WebinarEpisodePage(**fields)
    episode.set_url_path(series)
    return episode


def errors_of(episode):
    with pytest.raises(ValidationError) as error:
        episode.full_clean()
    return error.value.message_dict


def test_an_episode_needs_a_video_or_a_start_time(series):
    messages = errors_of(unsaved_episode(series))
    assert "video" in messages["video_url"][0]


def test_an_upcoming_episode_needs_no_video_and_no_captions(series):
    episode = factories.WebinarEpisodePageFactory(parent=series, upcoming=True)
    assert episode.live
    assert episode.is_upcoming and not episode.is_recorded


def test_a_recorded_episode_cannot_be_published_without_captions(series):
    with pytest.raises(ValidationError) as error:
        factories.WebinarEpisodePageFactory(parent=series, captions=None)
    assert "textning" in str(error.value)
    assert not WebinarEpisodePage.objects.exists()


def test_a_recorded_episode_without_captions_can_be_kept_as_a_draft(series):
    episode = factories.WebinarEpisodePageFactory(parent=series, captions=None, live=False)
    episode.save_revision()
    assert WebinarEpisodePage.objects.get(pk=episode.pk).live is False
    # Publishing the draft later is still refused.
    with pytest.raises(ValidationError):
        episode.save_revision().publish()


def test_a_caption_file_that_is_not_webvtt_is_refused(series):
    bad = factories.CaptionsFactory(file=ContentFile(b"hej hopp", "textning.vtt"))
    messages = errors_of(
        unsaved_episode(series, video_url="https://youtu.be/dQw4w9WgXcQ", captions=bad)
    )
    assert messages["captions"] == [
        "Textningsfilen är inte giltig: Filen måste börja med raden “WEBVTT”."
    ]


def test_a_caption_file_with_the_wrong_extension_is_refused(series):
    srt = factories.CaptionsFactory(
        file=ContentFile(b"1\n00:00:01,000 --> 00:00:02,000\n", "a.srt")
    )
    messages = errors_of(
        unsaved_episode(series, video_url="https://youtu.be/dQw4w9WgXcQ", captions=srt)
    )
    assert "WebVTT" in messages["captions"][0]


def test_a_chapter_past_the_end_of_the_video_is_refused(series):
    episode = unsaved_episode(
        series,
        video_url="https://youtu.be/dQw4w9WgXcQ",
        duration=timedelta(minutes=10),
        captions=factories.CaptionsFactory(),
    )
    episode.chapters = [
        EpisodeChapter(start=timedelta(minutes=2), title="Början"),
        EpisodeChapter(start=timedelta(minutes=12), title="Efter slutet"),
    ]
    messages = errors_of(episode)
    assert messages["duration"] == [
        "Kapitlet “Efter slutet” börjar 12:00, men videon är bara 10:00 lång."
    ]


def test_an_unsupported_video_link_is_refused_with_advice(series):
    messages = errors_of(unsaved_episode(series, video_url="https://example.com/film.mp4"))
    assert "YouTube eller Vimeo" in messages["video_url"][0]


def test_a_link_and_an_uploaded_file_at_once_is_refused(series):
    episode = unsaved_episode(
        series, video_url="https://youtu.be/dQw4w9WgXcQ", video_file=factories.VideoFactory()
    )
    assert "antingen" in errors_of(episode)["video_url"][0]


def test_recorded_and_upcoming_querysets_split_the_catalogue(series):
    recorded = factories.WebinarEpisodePageFactory(parent=series)
    upcoming = factories.WebinarEpisodePageFactory(parent=series, upcoming=True)
    assert list(WebinarEpisodePage.objects.recorded()) == [recorded]
    assert list(WebinarEpisodePage.objects.upcoming()) == [upcoming]
