"""Headless preview: the admin's preview opens the front end with a token; only that token
reads the draft, and only for a while."""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

from django.utils import timezone

from base.models import PagePreview
from tests import factories

from .conftest import API


def open_preview(admin_client, episode, **changes):
    """What the admin does: post the edit form to the preview view, then load the preview."""
    from tests.home.test_admin_publishing import page_form_data

    fields = {
        "title": episode.title,
        "slug": episode.slug,
        "summary": episode.summary,
        "video_url": episode.video_url,
        "captions": episode.captions_id,
        "duration": "00:20:00",
        "recorded_on": "2017-06-29",
        **changes,
    }
    url = f"/admin/pages/{episode.pk}/edit/preview/"
    response = admin_client.post(url, page_form_data(type(episode), fields))
    assert response.json()["is_valid"], response.json()
    return admin_client.get(url)


def test_editor_preview_redirects_to_the_front_end_with_a_token_that_reads_the_draft(
    admin_client, client, settings, episode
):
    settings.HEADLESS_PREVIEW_URL = "https://frontend.example/preview"
    response = open_preview(admin_client, episode, summary="Ett osparat utkast.")
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == settings.HEADLESS_PREVIEW_URL
    query = parse_qs(location.query)
    assert query["type"] == ["webinars.WebinarEpisodePage"]

    draft = client.get(f"{API}/site/preview/", {"token": query["token"][0]})
    assert draft.status_code == 200
    body = draft.json()
    assert body["id"] == episode.pk
    assert body["summary"] == "Ett osparat utkast."
    # The live page is untouched.
    live = client.get(f"{API}/webinars/episodes/{episode.pk}/").json()
    assert live["summary"] != "Ett osparat utkast."


def test_preview_needs_a_valid_fresh_token(client, settings, episode):
    snapshot = PagePreview.snapshot(episode)
    assert client.get(f"{API}/site/preview/", {"token": "x" * 43}).status_code == 404
    assert client.get(f"{API}/site/preview/").status_code == 400
    assert client.get(f"{API}/site/preview/", {"token": snapshot.token}).status_code == 200
    PagePreview.objects.filter(pk=snapshot.pk).update(
        created_at=timezone.now() - timedelta(minutes=11)
    )
    expired = client.get(f"{API}/site/preview/", {"token": snapshot.token})
    assert expired.status_code == 404
    assert "för gammal" in str(expired.json())


def test_without_a_front_end_url_the_admin_keeps_wagtails_html_preview(admin_client, episode):
    response = open_preview(admin_client, episode)
    assert response.status_code == 200
    assert episode.title in response.content.decode()


def test_a_preview_is_never_stored_by_a_cache(client, episode):
    snapshot = PagePreview.snapshot(episode)
    response = client.get(f"{API}/site/preview/", {"token": snapshot.token})
    assert "no-store" in response["Cache-Control"] and "public" not in response["Cache-Control"]


def test_a_page_never_saved_can_be_previewed(admin_client, client, settings, series):
    from tests.home.test_admin_publishing import page_form_data
    from webinars.models import WebinarEpisodePage

    settings.HEADLESS_PREVIEW_URL = "https://frontend.example/preview"
    url = f"/admin/pages/add/webinars/webinarepisodepage/{series.pk}/preview/"
    fields = {
        "title": "Ett nytt avsnitt",
        "summary": "Aldrig sparat.",
        "starts_at": "2099-01-01 10:00",
    }
    posted = admin_client.post(url, page_form_data(WebinarEpisodePage, fields))
    assert posted.json()["is_valid"], posted.json()
    token = parse_qs(urlsplit(admin_client.get(url)["Location"]).query)["token"][0]
    draft = client.get(f"{API}/site/preview/", {"token": token})
    assert draft.status_code == 200, draft.content
    assert (draft.json()["id"], draft.json()["title"]) == (0, "Ett nytt avsnitt")
    episode = client.get(f"{API}/webinars/episodes/0/", {"token": token})
    assert episode.status_code == 200, episode.content
    assert episode.json()["summary"] == "Aldrig sparat."


def test_the_episode_endpoint_answers_the_draft_for_its_valid_token_only(client, episode, series):
    episode.summary = "Ett osparat utkast."
    snapshot = PagePreview.snapshot(episode)
    url = f"{API}/webinars/episodes/{episode.pk}/"
    draft = client.get(url, {"token": snapshot.token})
    assert draft.status_code == 200
    assert draft.json()["summary"] == "Ett osparat utkast."
    assert "no-store" in draft["Cache-Control"]
    assert client.get(url).json()["summary"] != "Ett osparat utkast."
    other = factories.WebinarEpisodePageFactory(parent=series)
    assert (
        client.get(f"{API}/webinars/episodes/{other.pk}/", {"token": snapshot.token}).status_code
        == 404
    )
    assert client.get(url, {"token": "x" * 43}).status_code == 404
    PagePreview.objects.filter(pk=snapshot.pk).update(
        created_at=timezone.now() - timedelta(minutes=11)
    )
    assert client.get(url, {"token": snapshot.token}).status_code == 404


def test_a_draft_episode_is_previewed_but_never_listed(client, series):
    draft = factories.WebinarEpisodePageFactory(parent=series, live=False, summary="Hemligt.")
    snapshot = PagePreview.snapshot(draft)
    url = f"{API}/webinars/episodes/{draft.pk}/"
    assert client.get(url).status_code == 404
    assert client.get(url, {"token": snapshot.token}).json()["summary"] == "Hemligt."
    assert draft.pk not in [
        item["id"] for item in client.get(f"{API}/webinars/episodes/").json()["items"]
    ]


def test_a_preview_of_a_page_without_an_address_has_no_canonical_url(client, episode):
    """A page outside every site (no URL) previews with no canonical URL, not a 500."""
    episode.path, episode.url_path = "9999", "/"
    snapshot = PagePreview.snapshot(episode)
    draft = client.get(f"{API}/site/preview/", {"token": snapshot.token})
    assert draft.status_code == 200, draft.content
    assert draft.json()["head"]["canonical_url"] is None
