"""The catalogue, a series and an episode as the public sees them."""

from datetime import timedelta

import pytest

from tests import factories
from webinars.models import EpisodeChapter, EpisodeRelatedCase, EpisodeSpeaker


@pytest.fixture
def speaker():
    return factories.PersonFactory(
        name="Catharina Fredriksson",
        role="kommunstyrelsens ordförande",
        organisation=factories.OrganisationFactory(name="Oxelösunds kommun"),
    )


def test_episode_page_plays_an_uploaded_video_with_captions_chapters_and_transcript(
    client, series, speaker
):
    episode = factories.WebinarEpisodePageFactory(
        parent=series,
        title="Inledning",
        video_url="",
        video_file=factories.VideoFactory(),
        duration=timedelta(minutes=24, seconds=30),
        transcript="<p>Välkomna till webbinariet.</p>",
        speakers=[EpisodeSpeaker(person=speaker)],
        chapters=[
            EpisodeChapter(start=timedelta(minutes=1, seconds=30), title="Tjänstedesign"),
            EpisodeChapter(start=timedelta(0), title="Välkommen"),
        ],
    )
    html = client.get(episode.url).content.decode()
    assert '<video id="episode-video"' in html and "autoplay" not in html
    assert 'type="video/webm"' in html
    assert f'<track kind="captions" src="{episode.captions.url}" srclang="sv"' in html
    # Chapters in time order, as links that seek the player.
    assert html.index("Välkommen") < html.index("Tjänstedesign")
    assert 'href="?t=90#player" data-seek="90"' in html
    assert "Välkomna till webbinariet." in html
    assert (
        "Catharina Fredriksson" in html and "kommunstyrelsens ordförande, Oxelösunds kommun" in html
    )
    assert '<time datetime="PT24M30S">24 min 30 s</time>' in html
    assert "29 juni 2017" in html


def test_external_video_uses_the_privacy_enhanced_player_titled_by_the_episode(client, episode):
    html = client.get(episode.url).content.decode()
    assert (
        '<iframe id="episode-player-frame" src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'
        '?enablejsapi=1&amp;origin=http%3A%2F%2Ftestserver" title="Inledning"' in html
    )


def test_upcoming_episode_shows_start_time_in_swedish_and_registration(client, series):
    episode = factories.WebinarEpisodePageFactory(parent=series, upcoming=True, title="Del 2")
    html = client.get(episode.url).content.decode()
    assert "Kommande webbinarium" in html
    assert 'href="https://example.org/anmalan"' in html
    assert "<video" not in html and "<iframe" not in html


def test_episode_shows_its_place_in_the_series_and_neighbours(client, series):
    first, second, third = (
        factories.WebinarEpisodePageFactory(parent=series, title=f"Del {n}") for n in (1, 2, 3)
    )
    html = client.get(second.url).content.decode()
    assert "Del 2 av 3" in html
    assert f'rel="prev" href="{first.url}"' in html
    assert f'rel="next" href="{third.url}"' in html


def test_series_lists_its_episodes_in_editor_order(client, series):
    factories.WebinarEpisodePageFactory(parent=series, title="Första")
    factories.WebinarEpisodePageFactory(parent=series, title="Andra")
    factories.WebinarEpisodePageFactory(parent=series, title="Utkastet", live=False, captions=None)
    html = client.get(series.url).content.decode()
    assert html.index("Första") < html.index("Andra")
    assert "Utkastet" not in html


def test_episode_links_to_related_cases_both_ways(client, series, case_index):
    case = factories.CaseStoryPageFactory(parent=case_index, title="Göteborgs stad")
    episode = factories.WebinarEpisodePageFactory(parent=series, title="Arbetskrävande")
    EpisodeRelatedCase.objects.create(page=episode, case=case)
    assert "Göteborgs stad" in client.get(episode.url).content.decode()
    assert "Arbetskrävande" in client.get(case.url).content.decode()
