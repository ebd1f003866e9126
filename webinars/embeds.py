"""YouTube and Vimeo players that set no tracking cookies (youtube-nocookie.com, Vimeo's dnt=1),
also for Wagtail embeds, which then never call the provider nor fall back to its tracking player."""

import re
from urllib.parse import parse_qs, urlparse

from django.template.loader import render_to_string
from wagtail.embeds.finders.base import EmbedFinder

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_YOUTUBE_HOSTS = {"youtube.com", "m.youtube.com", "youtube-nocookie.com"}
_VIMEO_HOSTS = {"vimeo.com", "player.vimeo.com"}


def privacy_embed_url(url: str) -> str | None:
    """The privacy-enhanced player URL for a YouTube or Vimeo link, or None if unsupported."""
    try:
        parsed = urlparse(url.strip())
    except ValueError:
        return None
    if parsed.scheme not in {"http", "https"}:
        return None
    host = (parsed.hostname or "").removeprefix("www.")  # hostname is lowercased already
    path_parts = [part for part in parsed.path.split("/") if part]

    video_id = None
    if host == "youtu.be" and path_parts:
        video_id = path_parts[0]
    elif host in _YOUTUBE_HOSTS:
        if parsed.path == "/watch":
            video_id = (parse_qs(parsed.query).get("v") or [None])[0]
        elif len(path_parts) == 2 and path_parts[0] in {"embed", "shorts", "live", "v"}:
            video_id = path_parts[1]
    if video_id is not None:
        if not _YOUTUBE_ID.match(video_id):
            return None
        return f"https://www.youtube-nocookie.com/embed/{video_id}"

    if host in _VIMEO_HOSTS:
        numeric = [part for part in path_parts if part.isdigit()]
        if numeric:
            return f"https://player.vimeo.com/video/{numeric[0]}?dnt=1"
    return None


class PrivacyEnhancedVideoFinder(EmbedFinder):
    def accept(self, url):
        return privacy_embed_url(url) is not None

    def find_embed(self, url, max_width=None, max_height=None):
        size = {"width": 640, "height": 360}
        src = privacy_embed_url(url)
        provider = "YouTube" if "youtube" in src else "Vimeo"
        html = render_to_string("webinars/embed.html", {"src": src, "provider": provider, **size})
        return {
            "title": "",
            "author_name": "",
            "provider_name": provider,
            "type": "video",
            "thumbnail_url": None,
            "html": html.strip(),
            **size,
        }
