"""An episode's player and transcript. Every moment is a link `?t=SECONDS#player` at which the
server starts the player; static/js/player.js seeks in place instead (no provider script)."""

import re
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlencode, urlsplit

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .captions import clock, cue_plain_text, document_cues
from .embeds import privacy_embed_url

# The longest start time accepted in ?t= (a webinar is never 100 hours long).
MAX_START_SECONDS = 100 * 3600
_CLOCK = re.compile(r"^(?:(\d{1,2}):)?(\d{1,2}):(\d{2})$")
_UNITS = re.compile(r"^(?:(\d{1,2})h)?(?:(\d{1,4})m)?(?:(\d{1,6})s?)?$")
PROVIDERS = {"www.youtube-nocookie.com": "youtube", "player.vimeo.com": "vimeo"}


class StartTimeError(ValueError):
    pass


def parse_start(value: str | None) -> int | None:
    """Seconds from ?t=: `754`, `754s`, `12:34`, `1:02:03` or `12m34s`; None when absent."""
    value = (value or "").strip().lower()
    if not value:
        return None
    as_clock = _CLOCK.match(value)
    # `isascii`: \d also matches other scripts' digits, which int() would take.
    match = value.isascii() and (as_clock or _UNITS.match(value))
    if not match or not any(match.groups()):
        raise StartTimeError(_("Starttiden ska vara sekunder, till exempel ?t=90 eller ?t=1:30."))
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    if as_clock and (seconds > 59 or (hours and minutes > 59)):
        raise StartTimeError(_("Starttiden “%(value)s” är ingen giltig tid.") % {"value": value})
    total = hours * 3600 + minutes * 60 + seconds
    if total > MAX_START_SECONDS:
        raise StartTimeError(_("Starttiden ligger efter videons slut."))
    return total


@dataclass(frozen=True)
class TranscriptCue:
    start: float  # seconds
    end: float
    text: str  # plain text; the template escapes it
    seconds: int  # the whole second a link to the cue starts at
    clock: str  # 12:34
    url: str  # ?t=754#player


def clock_of(seconds: int) -> str:
    return clock(timedelta(seconds=seconds))


def moment_url(seconds: int, page_url: str = "") -> str:
    """A link to a moment of an episode: the page starts its player there (no JavaScript needed)."""
    return f"{page_url}?t={int(seconds)}#player"


def transcript_cues(episode) -> list[TranscriptCue]:
    return cue_lines(episode.captions if episode.captions_id else None)


def cue_lines(document) -> list[TranscriptCue]:
    """A WebVTT document's cues (captions or audio description) as lines, in time order, with
    what a line shows worked out once (an hour of captions is over a thousand lines)."""
    lines = []
    for cue in document_cues(document):
        text = cue_plain_text(cue.text)
        start, end = cue.start.total_seconds(), cue.end.total_seconds()
        if text:
            second = int(start)
            lines.append(
                TranscriptCue(start, end, text, second, clock_of(second), moment_url(second))
            )
    return lines


@dataclass
class EpisodePlayer:
    provider: str  # "file", "youtube", "vimeo" or ""
    src: str  # the <source> or <iframe> address, with the start time applied
    cues: list[TranscriptCue] = field(default_factory=list)
    descriptions: list[TranscriptCue] = field(default_factory=list)
    download_url: str = ""

    @property
    def provider_origin(self) -> str:
        parts = urlsplit(self.src)
        return f"{parts.scheme}://{parts.netloc}" if self.provider in {"youtube", "vimeo"} else ""


def player_source(episode, start: int | None, origin: str) -> tuple[str, str]:
    """(provider, address) of the episode's video with the start time applied."""
    if episode.video_file_id and episode.video_file:
        url = episode.video_file.url
        return "file", f"{url}#t={start}" if start else url
    embed = privacy_embed_url(episode.video_url) if episode.video_url else None
    if not embed:
        return "", ""
    provider = PROVIDERS.get(urlsplit(embed).hostname or "", "")
    if provider == "youtube":
        # enablejsapi and origin let the page drive the player with postMessage.
        params = {"enablejsapi": 1, "origin": origin} | ({"start": start} if start else {})
        return provider, f"{embed}?{urlencode(params)}"  # the embed URL has no query
    return provider, f"{embed}#t={start}s" if start else embed


def episode_player(episode, request) -> EpisodePlayer:
    """What the episode template needs for its player, chapters and transcript."""
    try:
        start = parse_start(request.GET.get("t"))
    except StartTimeError:
        start = None  # a page view answers 400 first (wagtail_hooks); previews ignore it
    provider, src = player_source(episode, start, f"{request.scheme}://{request.get_host()}")
    player = EpisodePlayer(provider, src, cues=transcript_cues(episode))
    player.descriptions = cue_lines(episode.descriptions if episode.descriptions_id else None)
    if player.cues:
        with translation.override(episode.locale.language_code):
            player.download_url = reverse("webinars:transcript", args=[episode.pk])
    return player
