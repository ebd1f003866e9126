import pytest
from wagtail.embeds.embeds import get_embed

from webinars.embeds import privacy_embed_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        ("https://youtu.be/dQw4w9WgXcQ?t=10", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        (
            "https://www.youtube.com/embed/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        (
            "https://m.youtube.com/watch?v=dQw4w9WgXcQ&list=x",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?dnt=1"),
        (
            "https://player.vimeo.com/video/76979871",
            "https://player.vimeo.com/video/76979871?dnt=1",
        ),
    ],
)
def test_known_video_links_become_privacy_enhanced_players(url, expected):
    assert privacy_embed_url(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/video.mp4",
        "https://www.youtube.com/watch?v=<script>",
        "https://www.youtube.com/channel/abc",
        "javascript:alert(1)",
        "ftp://youtu.be/dQw4w9WgXcQ",
        "https://vimeo.com/about",
        "",
    ],
)
def test_other_links_are_not_embedded(url):
    assert privacy_embed_url(url) is None


@pytest.mark.django_db
def test_wagtail_embeds_use_the_privacy_enhanced_player_without_network():
    embed = get_embed("https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    assert "youtube-nocookie.com/embed/dQw4w9WgXcQ" in embed.html
    assert 'title="' in embed.html
