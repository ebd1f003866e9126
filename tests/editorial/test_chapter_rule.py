"""Issue #25, item 7: chapters are checked against the video's length even when Längd is
empty (an uploaded file's own duration, or Längd is asked for), and the message stands on the
chapter that is wrong, not on Längd."""

from datetime import timedelta

import pytest
from django.utils.html import escape

from tests import factories
from tests.home.test_admin_publishing import (
    add_url,
    all_error_messages,
    episode_form_data,
    publish,
    refuse_to_create,
)
from webinars.models import EpisodeChapter, WebinarEpisodePage

pytestmark = pytest.mark.django_db

CHAPTERS = [
    {"start": "00:01:00", "title": "Inledning"},
    {"start": "05:00:00", "title": "Långt efter slutet"},
]


@pytest.fixture
def captions(db):
    return factories.CaptionsFactory()


def refuse_on_the_chapter(client, series, data):
    """The add form comes back (200) with an error on a chapter only; nothing is created."""
    response = client.post(add_url(series, WebinarEpisodePage), {**data, "action-publish": "1"})
    assert response.status_code == 200
    assert not WebinarEpisodePage.objects.filter(slug=data["slug"]).exists()
    html = response.content.decode()
    for message in all_error_messages(response).splitlines():
        assert escape(message) in html
    return response


def chapter_errors(response):
    formset = response.context["form"].formsets["chapters"]
    return [[str(m) for m in form.errors.get("start", [])] for form in formset.forms]


def test_the_message_stands_on_the_chapter_past_the_end(admin_client, series, captions):
    data = episode_form_data(captions=captions.pk, duration="00:10:00", chapters=CHAPTERS)

    response = refuse_on_the_chapter(admin_client, series, data)

    assert chapter_errors(response) == [
        [],
        ["Kapitlet “Långt efter slutet” börjar 5:00:00, men videon är bara 10:00 lång."],
    ]
    assert "duration" not in response.context["form"].errors


def test_a_linked_video_with_chapters_needs_its_length(admin_client, series, captions):
    data = episode_form_data(captions=captions.pk, duration="", chapters=CHAPTERS)

    response = refuse_to_create(admin_client, series, WebinarEpisodePage, data, action=None)

    assert response.context["form"].errors["duration"] == [
        "Ange videons längd: den behövs för att kontrollera att kapitlen ligger i videon."
    ]


def test_an_uploaded_videos_own_duration_is_used_when_langd_is_empty(
    admin_client, series, captions
):
    video = factories.VideoFactory(duration=600)  # seconds
    data = episode_form_data(
        captions=captions.pk, video_url="", video_file=video.pk, duration="", chapters=CHAPTERS
    )

    response = refuse_on_the_chapter(admin_client, series, data)

    assert "bara 10:00 lång" in all_error_messages(response)
    assert chapter_errors(response)[1]


def test_chapters_inside_an_uploaded_video_publish_without_langd(admin_client, series, captions):
    video = factories.VideoFactory(duration=600)
    data = episode_form_data(
        captions=captions.pk,
        video_url="",
        video_file=video.pk,
        duration="",
        chapters=[{"start": "00:09:00", "title": "Avslutning"}],
    )

    episode = publish(admin_client, series, WebinarEpisodePage, data)

    assert episode.live


def test_the_model_refuses_chapters_without_a_known_length_outside_the_admin(series):
    episode = factories.WebinarEpisodePageFactory(parent=series, duration=None)
    episode.chapters = [EpisodeChapter(start=timedelta(hours=5), title="Efter slutet")]

    with pytest.raises(Exception, match="Ange videons längd"):
        episode.full_clean()


def test_an_upcoming_webinar_may_list_its_programme_without_a_length(series):
    episode = factories.WebinarEpisodePageFactory(parent=series, upcoming=True, duration=None)
    episode.chapters = [EpisodeChapter(start=timedelta(minutes=10), title="Frågestund")]

    episode.full_clean()
