"""Headless preview: the admin's preview opens the front end with a token; only that token
reads the draft, and only for a while."""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

from django.utils import timezone

from base.models import PagePreview

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
