"""Issue #25, item 4: for a YouTube or Vimeo recording the captions rule says where captions
must also go (their players show only their own), not only "required for WCAG"."""

import pytest

from tests import factories
from webinars.models import WebinarEpisodePage

pytestmark = pytest.mark.django_db


def unsaved(series, **fields):
    episode = factories.WebinarEpisodePageFactory.build(captions=None, **fields)
    episode.path, episode.depth = series.path + "0001", series.depth + 1
    return episode


def test_an_external_recording_without_captions_is_told_where_they_go(series):
    episode = unsaved(series, video_url="https://vimeo.com/76979871")

    [problem] = episode.publish_problems()

    assert "YouTube eller Vimeo" in problem
    assert "transkribering" in problem


def test_an_uploaded_recording_gets_the_plain_rule(series):
    episode = unsaved(series, video_url="", video_file=factories.VideoFactory())

    [problem] = episode.publish_problems()

    assert "YouTube" not in problem


def test_an_upcoming_webinar_needs_no_captions_until_it_is_a_recording(series):
    episode = factories.WebinarEpisodePageFactory(parent=series, upcoming=True)

    assert episode.publish_problems() == []
    assert isinstance(episode, WebinarEpisodePage)
