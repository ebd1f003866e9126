"""schema.org JSON-LD: the types and the properties search engines require for each."""

import json
import re

from tests import factories

LD_JSON = re.compile(
    r'<script id="structured-data" type="application/ld\+json">(.*?)</script>', re.S
)


def structured_data(client, page):
    html = client.get(page.url).content.decode()
    return json.loads(LD_JSON.search(html).group(1))


def test_a_recorded_episode_is_a_video_object(client, series):
    episode = factories.WebinarEpisodePageFactory(
        parent=series, transcript="<p>Välkomna.</p>", title="Inledning </script>"
    )
    data = structured_data(client, episode)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "VideoObject"
    for required in ("name", "description", "thumbnailUrl", "uploadDate"):
        assert data[required], required
    assert data["name"] == "Inledning </script>"  # escaped in HTML, intact as data
    assert data["duration"] == "PT20M0S"
    assert data["embedUrl"] == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    assert data["caption"]["encodingFormat"] == "text/vtt"
    assert data["transcript"] == "Välkomna."
    assert data["publisher"]["@type"] == "Organization"


def test_an_upcoming_webinar_is_an_online_event(client, series):
    episode = factories.WebinarEpisodePageFactory(parent=series, upcoming=True)
    data = structured_data(client, episode)
    assert data["@type"] == "Event"
    assert data["startDate"] == episode.starts_at.isoformat()
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {"@type": "VirtualLocation", "url": episode.registration_url}


def test_a_press_release_is_a_news_article(client, press_index):
    release = factories.PressReleasePageFactory(parent=press_index)
    data = structured_data(client, release)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == release.title
    assert data["datePublished"] == release.published_at.isoformat()
    assert data["author"] == {"@type": "Organization", "name": release.publisher.name}
