"""/api/v3/media/: uploaded video and audio, never from a restricted collection."""

from wagtail.models import Collection, CollectionViewRestriction

from tests import factories

from .conftest import API


def test_media_lists_videos_with_playable_urls_and_hides_restricted_collections(client, db):
    visible = factories.VideoFactory(title="Demovideo")
    internal = Collection.get_first_root_node().add_child(name="Internt")
    CollectionViewRestriction.objects.create(collection=internal, restriction_type="login")
    hidden = factories.VideoFactory(title="Intern video", collection=internal)
    series = factories.WebinarSeriesPageFactory()
    for video in (visible, hidden):
        factories.WebinarEpisodePageFactory(parent=series, video_file=video, video_url="")

    body = client.get(f"{API}/media/", {"type": "video"}).json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["id"] == visible.pk and item["type"] == "video"
    assert item["mime_type"] == "video/webm"
    assert item["url"].startswith("http://testserver/media/")
    assert client.get(f"{API}/media/{visible.pk}/").status_code == 200
    assert client.get(f"{API}/media/{hidden.pk}/").status_code == 404


def test_media_rejects_bad_queries(client, db):
    for params in ({"limit": 1000}, {"offset": -1}, {"type": "film"}, {"okänd": 1}):
        assert client.get(f"{API}/media/", params).status_code == 400, params


def test_media_only_lists_files_that_a_visible_episode_plays(client, db):
    from datetime import timedelta

    from django.utils import timezone

    series = factories.WebinarSeriesPageFactory()
    unused = factories.VideoFactory(title="Ingen använder den")
    draft = factories.VideoFactory(title="Utkastets video")
    factories.WebinarEpisodePageFactory(parent=series, video_file=draft, video_url="", live=False)
    expired = factories.VideoFactory(title="Utgången video")
    past = timezone.now() - timedelta(days=1)
    factories.WebinarEpisodePageFactory(
        parent=series, video_file=expired, video_url="", expire_at=past
    )

    assert client.get(f"{API}/media/").json()["count"] == 0
    for media in (unused, draft, expired):
        assert client.get(f"{API}/media/{media.pk}/").status_code == 404
