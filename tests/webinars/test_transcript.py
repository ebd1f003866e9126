"""The episode's transcript built from its captions, the ?t= start time the server applies, and
the transcript as a text file."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from tests import factories
from tests.api.conftest import restrict
from webinars.captions import cue_plain_text
from webinars.models import EpisodeChapter, WebinarEpisodePage
from webinars.player import StartTimeError, parse_start

CAPTIONS = (
    "WEBVTT\n\n"
    "1\n00:00:01.000 --> 00:00:04.500\n<v Anna Berg>Välkomna till webbinariet.\n\n"
    "NOTE a comment is not a line of the transcript\n\n"
    "00:12:34.000 --> 00:12:40.000 align:start\nVi pratar om <i>tjänstedesign</i> &amp; behov.\n\n"
    "01:02:03.250 --> 01:02:05.000\nTack för i dag.\n"
)


def captions(text=CAPTIONS):
    return factories.CaptionsFactory(file=ContentFile(text.encode(), "textning.vtt"))


@pytest.fixture
def recording(series):
    return factories.WebinarEpisodePageFactory(
        parent=series,
        title="Tjänstedesign på riktigt: Åre & Öckerö",
        video_url="",
        video_file=factories.VideoFactory(),
        duration=timedelta(hours=1, minutes=10),
        captions=captions(),
        chapters=[EpisodeChapter(start=timedelta(minutes=12, seconds=34), title="Behoven")],
    )


def cue_lines(html):
    """(href, visible time, text) of each transcript line, read from the page."""
    pattern = re.compile(
        r'<li data-start="[^"]*"><a href="([^"]+)" data-seek="[^"]*">'
        r'<span class="visually-hidden">[^<]*</span>([^<]+)</a> <span>([^<]*)</span></li>'
    )
    return [(unescape(h), t, unescape(x)) for h, t, x in pattern.findall(html)]


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("754", 754),
        ("754s", 754),
        ("12:34", 754),
        ("1:02:03", 3723),
        ("12m34s", 754),
        ("1h2m3s", 3723),
        ("", None),
        (None, None),
    ],
)
def test_start_times_are_read_in_the_forms_people_write_them(value, seconds):
    assert parse_start(value) == seconds


@pytest.mark.parametrize("value", ["abc", "-5", "12:99", "1.5", "٣", "9999999", "1:2:3:4"])
def test_start_times_that_are_not_times_are_refused(value):
    with pytest.raises(StartTimeError):
        parse_start(value)


def test_cue_text_for_reading_names_the_voice_and_drops_markup():
    assert cue_plain_text("<v.loud Anna Berg>Hej <b>alla</b> &lt;3\nrad två") == (
        "Anna Berg: Hej alla <3 rad två"
    )
    assert cue_plain_text("<00:00:01.000>Ord <c.gul>för</c> ord") == "Ord för ord"


def test_uploaded_recording_shows_every_cue_as_a_timed_link_to_that_moment(client, recording):
    html = client.get(recording.url).content.decode()
    assert cue_lines(html) == [
        ("?t=1#player", "0:01", "Anna Berg: Välkomna till webbinariet."),
        ("?t=754#player", "12:34", "Vi pratar om tjänstedesign & behov."),
        ("?t=3723#player", "1:02:03", "Tack för i dag."),
    ]
    assert '<li data-start="754.000"><a href="?t=754#player" data-seek="754.000">' in html
    # Chapters use the same no-JavaScript links.
    assert 'href="?t=754#player" data-seek="754"' in html
    assert 'id="player"' in html
    # No position is claimed before anything plays.
    assert 'aria-current="true"' not in html.split('id="transcript"')[1].split("</section>")[0]
    assert "js/player.js" in html


def test_start_time_in_the_address_starts_an_uploaded_video_there(client, recording):
    html = client.get(recording.url + "?t=12:34").content.decode()
    assert f'<source src="{recording.video_file.url}#t=754"' in html
    assert f'<source src="{recording.video_file.url}"' in client.get(recording.url).content.decode()


def test_youtube_player_takes_api_messages_from_this_site_and_the_start_time(client, series):
    episode = factories.WebinarEpisodePageFactory(parent=series, captions=captions())
    response = client.get(episode.url + "?t=754")
    html = unescape(response.content.decode())
    assert (
        'src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'
        '?enablejsapi=1&origin=http%3A%2F%2Ftestserver&start=754"'
    ) in html
    assert 'data-player="youtube" data-player-origin="https://www.youtube-nocookie.com"' in html
    assert [line[0] for line in cue_lines(html)] == [
        "?t=1#player",
        "?t=754#player",
        "?t=3723#player",
    ]
    # The page allows that player in a frame, and nothing else from the provider.
    policy = response["Content-Security-Policy"]
    assert "frame-src https://www.youtube-nocookie.com https://player.vimeo.com" in policy
    assert "script-src 'self';" in policy


def test_vimeo_player_keeps_do_not_track_and_starts_at_the_fragment(client, series):
    episode = factories.WebinarEpisodePageFactory(
        parent=series, video_url="https://vimeo.com/76979871", captions=captions()
    )
    html = unescape(client.get(episode.url + "?t=90").content.decode())
    assert 'src="https://player.vimeo.com/video/76979871?dnt=1#t=90s"' in html
    assert 'data-player="vimeo" data-player-origin="https://player.vimeo.com"' in html
    assert len(cue_lines(html)) == 3


@pytest.mark.parametrize("value", ["abc", "12:99", "<script>"])
def test_a_start_time_that_is_not_a_time_is_a_clear_400(client, recording, value):
    response = client.get(recording.url, {"t": value})
    assert response.status_code == 400
    assert "Starttiden" in response.content.decode()


def test_upcoming_episode_has_no_player_and_no_transcript(client, series):
    episode = factories.WebinarEpisodePageFactory(parent=series, upcoming=True)
    html = client.get(episode.url + "?t=30").content.decode()
    assert 'id="player"' not in html and "transcript__cues" not in html
    assert "js/player.js" not in html


def test_transcript_downloads_as_plain_text_with_times_and_a_safe_file_name(client, recording):
    html = client.get(recording.url).content.decode()
    url = f"/webbinarier/transkribering/{recording.pk}.txt"
    assert f'href="{url}" download' in html
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="tjanstedesign-pa-riktigt-are-ockero-transkribering.txt"'
    )
    text = response.content.decode()
    assert text.startswith("Tjänstedesign på riktigt: Åre & Öckerö\n")
    assert "[0:01] Anna Berg: Välkomna till webbinariet.\n" in text
    assert "[12:34] Vi pratar om tjänstedesign & behov.\n" in text
    assert "[1:02:03] Tack för i dag." in text
    assert recording.full_url in text


def test_english_transcript_file_has_an_english_address_and_name(client, recording, locales):
    english = recording.copy_for_translation(locales["en"], copy_parents=True)
    english.save_revision().publish()
    response = client.get(f"/en/webinars/transcript/{english.pk}.txt")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('-transcript.txt"')
    # Each language's address serves that language's episodes only.
    assert client.get(f"/en/webinars/transcript/{recording.pk}.txt").status_code == 404
    assert client.get(f"/webbinarier/transkribering/{english.pk}.txt").status_code == 404


def test_transcript_of_a_draft_expired_private_or_captionless_episode_is_not_found(client, series):
    draft = factories.WebinarEpisodePageFactory(parent=series, live=False, captions=captions())
    expired = factories.WebinarEpisodePageFactory(
        parent=series, captions=captions(), expire_at=timezone.now() - timedelta(minutes=1)
    )
    private = factories.WebinarEpisodePageFactory(parent=series, captions=captions())
    restrict(private, "password")
    upcoming = factories.WebinarEpisodePageFactory(parent=series, upcoming=True)
    for episode in (draft, expired, private, upcoming):
        assert client.get(f"/webbinarier/transkribering/{episode.pk}.txt").status_code == 404
    assert client.get("/webbinarier/transkribering/0.txt").status_code == 404


def test_api_episode_detail_gives_the_transcript_cues_with_their_moments(client, recording):
    data = client.get(f"/api/v3/webinars/episodes/{recording.pk}/").json()
    assert data["transcript_cues"] == [
        {
            "start_seconds": 1.0,
            "end_seconds": 4.5,
            "text": "Anna Berg: Välkomna till webbinariet.",
            "url": f"{recording.url}?t=1#player",
        },
        {
            "start_seconds": 754.0,
            "end_seconds": 760.0,
            "text": "Vi pratar om tjänstedesign & behov.",
            "url": f"{recording.url}?t=754#player",
        },
        {
            "start_seconds": 3723.25,
            "end_seconds": 3725.0,
            "text": "Tack för i dag.",
            "url": f"{recording.url}?t=3723#player",
        },
    ]


def test_api_episode_without_captions_has_no_cues(client, series):
    episode = factories.WebinarEpisodePageFactory(parent=series, upcoming=True)
    data = client.get(f"/api/v3/webinars/episodes/{episode.pk}/").json()
    assert data["transcript_cues"] == []


def test_english_episode_page_offers_the_transcript_in_english(client, db, seed_content):
    episode = WebinarEpisodePage.objects.filter(locale__language_code="en").first()
    html = client.get(episode.url).content.decode()
    assert '<h2 id="transcript-heading" tabindex="-1">Transcript</h2>' in html
    assert '<span class="visually-hidden">Play from </span>0:10</a>' in html
    download = f'href="/en/webinars/transcript/{episode.pk}.txt" download>Download the transcript'
    assert download in html


def test_editor_is_told_to_upload_the_captions_to_youtube_or_vimeo_too(admin_client, episode):
    html = admin_client.get(f"/admin/pages/{episode.pk}/edit/").content.decode()
    assert "Ladda upp textningen även hos YouTube eller Vimeo" in html
