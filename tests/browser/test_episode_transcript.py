"""The episode's transcript in a real browser: keyboard seeking, the current cue marked as the
video plays, ?t= without JavaScript, and the YouTube/Vimeo players driven by postMessage (the
players are stand-ins served by Playwright: this machine has no internet)."""

import json

import pytest
from django.core.files.base import ContentFile

from tests import factories
from tests.home.test_html_validity import run_vnu
from webinars.models import WebinarEpisodePage, WebinarSeriesPage

from .conftest import axe_violations
from .test_search import wait_until

pytestmark = pytest.mark.browser

VIDEO = "document.getElementById('episode-video')"
CURRENT = "document.querySelector('.transcript__cues a[aria-current=\"true\"]')"
CAPTIONS = (
    "WEBVTT\n\n00:00:01.000 --> 00:00:05.000\nFörsta raden.\n\n"
    "00:00:30.000 --> 00:00:35.000\nAndra raden om trygghet.\n\n"
    "00:01:15.000 --> 00:01:20.000\nTredje raden.\n"
)
# Stand-ins for the providers' players: they record the messages they get and answer the way
# the real players do (YouTube: infoDelivery with currentTime; Vimeo: ready and timeupdate).
FAKE_PLAYER = """<!DOCTYPE html><html lang="en"><title>Stand-in player</title><script>
window.received = [];
function reply(message) { parent.postMessage(%(encode)s(message), "*"); }
addEventListener("message", function (event) {
  var data = typeof event.data === "string" ? JSON.parse(event.data) : event.data;
  received.push(data);
  %(answer)s
});
%(start)s
</script></html>"""
YOUTUBE = FAKE_PLAYER % {
    "encode": "JSON.stringify",
    "answer": "if (data.event === 'listening') "
    "reply({event: 'initialDelivery', info: {currentTime: 0}});"
    "if (data.func === 'seekTo') "
    "reply({event: 'infoDelivery', info: {currentTime: data.args[0]}});",
    "start": "",
}
VIMEO = FAKE_PLAYER % {
    "encode": "",
    "answer": "if (data.method === 'setCurrentTime') "
    "reply({event: 'timeupdate', data: {seconds: data.value}});",
    "start": "reply({event: 'ready'});",
}


def seeded_episode():
    return WebinarEpisodePage.objects.get(slug="inledning", locale__language_code="sv")


def current_cue_time(page):
    return page.evaluate(f"{CURRENT} && {CURRENT}.textContent.trim()")


def test_keyboard_seeks_the_uploaded_video_and_the_current_cue_follows(seeded_site, page, shoot):
    episode = seeded_episode()
    page.emulate_media(reduced_motion="reduce")
    page.goto(seeded_site + episode.url)
    wait_until(page, f"{VIDEO}.readyState >= 1")
    transcript = page.get_by_role("region", name="Transkribering")
    first = transcript.get_by_role("link", name="Spela från 0:00")
    second = transcript.get_by_role("link", name="Spela från 0:10")
    assert first.get_attribute("href") == "?t=0#player"
    assert second.get_attribute("href") == "?t=10#player"

    # Keyboard only: Tab from the first line to the second, Enter seeks there.
    first.focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "?t=10#player"
    page.keyboard.press("Enter")
    wait_until(page, f"Math.abs({VIDEO}.currentTime - 10) < 1.5")
    assert current_cue_time(page) == "Spela från 0:10"
    assert page.evaluate("document.activeElement.getAttribute('href')") == "?t=10#player"
    assert page.evaluate("location.search") == "?t=10"
    shoot("second-cue-current")

    # Back to the start with Enter; as the video plays on, aria-current moves by itself.
    first.focus()
    page.keyboard.press("Enter")
    wait_until(page, f"{VIDEO}.currentTime < 5")
    assert current_cue_time(page) == "Spela från 0:00"
    page.evaluate(f"{VIDEO}.muted = true; {VIDEO}.currentTime = 9.6; {VIDEO}.play()")
    wait_until(page, f"{CURRENT} && {CURRENT}.getAttribute('href') === '?t=10#player'")
    assert page.locator('.transcript__cues a[aria-current="true"]').count() == 1
    assert axe_violations(page) == []


def test_without_javascript_transcript_and_chapter_links_start_the_video(
    seeded_site, browser, shoot
):
    episode = seeded_episode()
    context = browser.new_context(java_script_enabled=False, locale="sv-SE")
    page = context.new_page()
    try:
        page.goto(seeded_site + episode.url)
        page.get_by_role("region", name="Transkribering").get_by_role(
            "link", name="Spela från 0:10"
        ).click()
        page.wait_for_url("**/inledning/?t=10#player")
        source = page.locator("#episode-video source").get_attribute("src")
        assert source == f"{episode.video_file.url}#t=10"
        wait_until(page, f"{VIDEO}.readyState >= 1 && Math.round({VIDEO}.currentTime) === 10")
        page.get_by_role("navigation", name="Kapitel").get_by_role("link").first.click()
        page.wait_for_url("**/inledning/?t=0#player")
        download = page.get_by_role("link", name="Ladda ner transkriberingen")
        text = page.request.get(seeded_site + download.get_attribute("href"))
        assert text.headers["content-type"] == "text/plain; charset=utf-8"
        assert "[0:10] " + episode.title in text.text()
    finally:
        context.close()


def test_a_long_transcript_follows_the_video_and_the_reader_can_stop_it(seeded_site, page, shoot):
    seeded = seeded_episode()
    lines = "".join(
        f"00:00:{second:02d}.000 --> 00:00:{second:02d}.900\nRad {second} av transkriberingen.\n\n"
        for second in range(20)
    )
    captions = factories.CaptionsFactory(
        file=ContentFile(f"WEBVTT\n\n{lines}".encode(), "lang.vtt")
    )
    episode = factories.WebinarEpisodePageFactory(
        parent=seeded.get_parent(), slug="lang-transkribering", video_url="",
        video_file=seeded.video_file, captions=captions,
    )  # fmt: skip
    page.emulate_media(reduced_motion="reduce")
    page.goto(seeded_site + episode.url)
    follow = page.get_by_label("Följ med i texten medan videon spelas")
    assert follow.is_visible() and follow.is_checked()
    cues = ".transcript__cues"
    assert page.evaluate(f"document.querySelector('{cues}').scrollTop") == 0

    # Playing from 0:15 (the player's own controls, not a line): the list scrolls to it.
    page.evaluate(f"{VIDEO}.muted = true; {VIDEO}.currentTime = 15; {VIDEO}.play()")
    wait_until(page, f"{CURRENT} && {CURRENT}.getAttribute('href') === '?t=15#player'")
    wait_until(page, f"document.querySelector('{cues}').scrollTop > 0")
    visible = (
        f"(() => {{ const list = document.querySelector('{cues}').getBoundingClientRect();"
        f" const cue = {CURRENT}.getBoundingClientRect();"
        " return cue.top >= list.top && cue.bottom <= list.bottom; })()"
    )
    assert page.evaluate(visible)
    shoot("followed")

    # Switched off, the list stays where the reader left it.
    page.evaluate(f"{VIDEO}.pause()")
    follow.uncheck()
    page.evaluate(f"document.querySelector('{cues}').scrollTop = 0")
    page.evaluate(f"{VIDEO}.currentTime = 18; {VIDEO}.play()")
    wait_until(page, f"{CURRENT} && {CURRENT}.getAttribute('href') === '?t=18#player'")
    assert page.evaluate(f"document.querySelector('{cues}').scrollTop") == 0

    # A line chosen with the mouse plays from there and the list keeps following.
    follow.check()
    page.get_by_role("link", name="Spela från 0:02").click()
    wait_until(page, f"{CURRENT} && {CURRENT}.getAttribute('href') === '?t=2#player'")
    page.wait_for_timeout(4100)  # the reader's own click counts as moving the list for 4 s
    page.evaluate(f"{VIDEO}.currentTime = 17")
    wait_until(page, f"document.querySelector('{cues}').scrollTop > 0")
    assert page.evaluate(visible)

    # Printed, the whole transcript is on paper, not a scrolling box.
    page.emulate_media(media="print")
    assert page.evaluate(f"getComputedStyle(document.querySelector('{cues}')).maxHeight") == "none"
    page.emulate_media(media="screen")

    # At 320 px the transcript is one column under the video, nothing scrolls sideways.
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    # No scrolling list of its own, so nothing to follow (a ResizeObserver hides the switch
    # after the resize, not at once).
    wait_until(page, "document.getElementById('transcript-follow').parentNode.hidden")
    assert not follow.is_visible()
    shoot("narrow")


def external_episode(video_url, slug):
    series = WebinarSeriesPage.objects.get(locale__language_code="sv")
    captions = factories.CaptionsFactory(file=ContentFile(CAPTIONS.encode(), "textning.vtt"))
    return factories.WebinarEpisodePageFactory(
        parent=series, slug=slug, title=f"Extern video {slug}", video_url=video_url,
        captions=captions,
    )  # fmt: skip


def player_frame(page, host):
    frame = next(frame for frame in page.frames if host in frame.url)
    wait_until(frame, "window.received !== undefined")
    return frame


@pytest.mark.parametrize(
    ("provider", "video_url", "host", "player_html"),
    [
        ("youtube", "https://youtu.be/dQw4w9WgXcQ", "www.youtube-nocookie.com", YOUTUBE),
        ("vimeo", "https://vimeo.com/76979871", "player.vimeo.com", VIMEO),
    ],
    ids=["youtube", "vimeo"],
)
def test_external_player_is_seeked_and_followed_through_post_message(
    seeded_site, page, shoot, provider, video_url, host, player_html
):
    episode = external_episode(video_url, provider)
    requested = []

    def fake_player(route):
        requested.append(route.request.url)
        route.fulfill(status=200, content_type="text/html; charset=utf-8", body=player_html)

    page.route(f"https://{host}/**", fake_player)
    page.goto(seeded_site + episode.url)
    frame = player_frame(page, host)
    if provider == "youtube":
        assert "enablejsapi=1" in requested[0] and "origin=http" in requested[0]
        wait_until(frame, "received.some(m => m.event === 'listening')")
        # Once the player has answered, the page stops repeating "listening".
        page.wait_for_timeout(600)
        listened = frame.evaluate("received.filter(m => m.event === 'listening').length")
        page.wait_for_timeout(600)
        assert frame.evaluate("received.filter(m => m.event === 'listening').length") == listened
    else:
        assert "dnt=1" in requested[0]
        wait_until(frame, "received.some(m => m.method === 'addEventListener')")

    line = page.get_by_role("region", name="Transkribering").get_by_role(
        "link", name="Spela från 0:30"
    )
    line.focus()
    page.keyboard.press("Enter")
    if provider == "youtube":
        wait_until(frame, "received.some(m => m.func === 'seekTo')")
        seek = next(m for m in frame.evaluate("received") if m.get("func") == "seekTo")
        assert seek["args"] == [30, True]
        assert any(m.get("func") == "playVideo" for m in frame.evaluate("received"))
    else:
        wait_until(frame, "received.some(m => m.method === 'setCurrentTime')")
        seek = next(m for m in frame.evaluate("received") if m.get("method") == "setCurrentTime")
        assert seek["value"] == 30
    assert current_cue_time(page) == "Spela från 0:30"
    shoot(f"{provider}-seeked")

    # The player reports playback: the marked line follows, only from the player's origin.
    if provider == "youtube":
        message = {"event": "infoDelivery", "info": {"currentTime": 76}}
    else:
        message = {"event": "timeupdate", "data": {"seconds": 76}}
    page.evaluate(f"window.postMessage({json.dumps(json.dumps(message))}, '*')")
    page.wait_for_timeout(200)
    assert current_cue_time(page) == "Spela från 0:30"  # the page itself is not the player
    frame.evaluate(f"reply({json.dumps(message)})")
    wait_until(page, f"{CURRENT} && {CURRENT}.getAttribute('href') === '?t=75#player'")
    assert axe_violations(page) == []


def test_episode_pages_with_each_player_are_valid_html(seeded_site, page, tmp_path):
    pages = {
        "uploaded": seeded_episode().url + "?t=10",
        "youtube": external_episode("https://youtu.be/dQw4w9WgXcQ", "youtube").url,
        "vimeo": external_episode("https://vimeo.com/76979871", "vimeo").url + "?t=30",
    }
    for name, path in pages.items():
        response = page.request.get(seeded_site + path)
        assert response.status == 200, path
        (tmp_path / f"{name}.html").write_text(response.text())
    errors = [m for m in run_vnu(sorted(tmp_path.glob("*.html"))) if m["type"] != "info"]
    assert errors == []
