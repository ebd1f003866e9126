"""The page cache (home/page_cache.py): anonymous reads come from the shared cache, every
content change is visible at once, and nothing personal is ever cached or served to others."""

import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import PageViewRestriction

from home import page_cache
from home.models import PagePreview
from tests import factories

API = "/api/v3"


pytestmark = pytest.mark.usefixtures("page_cache_on")


def get(client, url, **kwargs):
    response = client.get(url, **kwargs)
    return response, response.get("X-Cache")


def test_anonymous_page_view_is_cached_and_a_publish_shows_at_once(client, episode):
    first, state = get(client, episode.url)
    assert (first.status_code, state) == (200, "MISS")
    again, state = get(client, episode.url)
    assert state == "HIT"
    assert again.content == first.content

    episode.title = "Ett nytt namn på avsnittet"
    episode.save_revision().publish()
    fresh, state = get(client, episode.url)
    assert state == "MISS"
    assert "Ett nytt namn på avsnittet" in fresh.content.decode()


def test_unpublished_page_disappears_from_its_url_and_from_listings(client, series, episode):
    assert get(client, episode.url)[0].status_code == 200
    assert get(client, series.url)[1] == "MISS"
    assert get(client, series.url)[1] == "HIT"
    url = episode.url

    episode.unpublish()
    assert client.get(url).status_code == 404
    listing, state = get(client, series.url)
    assert state == "MISS"
    assert episode.title not in listing.content.decode()


def test_moved_page_redirects_from_its_old_url_at_once(client, catalogue, series, episode):
    other = factories.WebinarSeriesPageFactory(parent=catalogue, slug="annan-serie")
    old_url = episode.url
    assert get(client, old_url)[0].status_code == 200
    assert get(client, old_url)[1] == "HIT"

    episode.move(other, pos="last-child")
    episode.refresh_from_db()
    redirect = client.get(old_url)  # Wagtail keeps a redirect from the old address
    assert (redirect.status_code, redirect["Location"]) == (301, episode.url)
    moved, state = get(client, episode.url)
    assert (moved.status_code, state) == (200, "MISS")


def test_deleted_page_is_gone_at_once(client, episode):
    url = episode.url
    assert get(client, url)[0].status_code == 200
    episode.delete()
    assert client.get(url).status_code == 404


def test_snippet_change_shows_on_the_pages_that_use_it(client, series):
    topic = factories.TopicFactory(name="Tjänstedesign")
    episode = factories.WebinarEpisodePageFactory(parent=series, topics=[topic])
    assert "Tjänstedesign" in get(client, episode.url)[0].content.decode()
    assert get(client, episode.url)[1] == "HIT"

    topic.name = "Tjänsteutveckling"
    topic.save()
    page, state = get(client, episode.url)
    assert state == "MISS"
    assert "Tjänsteutveckling" in page.content.decode()


def test_redirects_images_and_sites_invalidate_too(home):
    before = page_cache.current_generation()
    Redirect.objects.create(old_path="/gammal", redirect_page=home)
    after_redirect = page_cache.current_generation()
    assert after_redirect > before
    factories.wagtail_factories.ImageFactory()
    assert page_cache.current_generation() > after_redirect


def test_saving_a_draft_does_not_empty_the_cache(client, episode):
    get(client, episode.url)
    episode.title = "Ett utkast som inte är publicerat"
    episode.save_revision()
    page, state = get(client, episode.url)
    assert state == "HIT"
    assert "Ett utkast som inte är publicerat" not in page.content.decode()


def test_logged_in_editor_never_gets_nor_fills_the_cache(client, admin_client, episode, settings):
    from django.test import Client

    anonymous = Client()
    assert get(anonymous, episode.url)[1] == "MISS"
    editor_view, state = get(admin_client, episode.url)
    assert state == "BYPASS"
    assert editor_view.status_code == 200
    assert b"wagtail-userbar" in editor_view.content  # the editor's own page, not the cache

    cache.clear()
    assert get(admin_client, episode.url)[1] == "BYPASS"
    anonymous_view, state = get(anonymous, episode.url)
    assert state == "MISS"
    assert b"wagtail-userbar" not in anonymous_view.content


def test_any_session_cookie_bypasses_the_cache(client, episode, settings):
    get(client, episode.url)
    client.cookies[settings.SESSION_COOKIE_NAME] = "någon-session"
    assert get(client, episode.url)[1] == "BYPASS"


def test_admin_preview_is_never_cached(admin_client, episode):
    url = f"/admin/pages/{episode.pk}/view_draft/"
    assert admin_client.get(url).status_code == 200
    assert get(admin_client, url)[1] == "BYPASS"


def test_headless_preview_endpoint_is_never_cached(client, episode):
    snapshot = PagePreview.snapshot(episode)
    url = f"{API}/site/preview/?token={snapshot.token}"
    for _ in range(2):
        response, state = get(client, url)
        assert (response.status_code, state) == (200, "BYPASS")


def test_feedback_thanks_is_never_cached_and_never_shown_to_others(client, episode):
    done, state = get(client, f"{episode.url}?feedback=klar")
    assert state == "BYPASS"
    assert "data-feedback-answer hidden" in done.content.decode()

    page, state = get(client, episode.url)
    assert state == "MISS"
    assert "data-feedback-answer hidden" not in page.content.decode()
    assert "data-feedback-thanks hidden" in page.content.decode()
    # A cached page never answers a thanks URL either.
    assert get(client, f"{episode.url}?feedback=klar")[1] == "BYPASS"
    assert get(client, f"{episode.url}?kommentar=klar")[1] == "BYPASS"


def test_feedback_posts_are_never_cached(client, episode):
    response = client.post("/feedback/", {"page": episode.pk, "helpful": "ja"})
    assert response.status_code == 303
    assert response.get("X-Cache") in {None, "BYPASS"}


def test_password_protected_page_is_never_cached(client, episode):
    PageViewRestriction.objects.create(page=episode, restriction_type="password", password="x")
    for _ in range(2):
        response, state = get(client, episode.url)
        assert response.status_code == 200  # the password form
        assert state == "BYPASS"
        assert episode.summary not in response.content.decode()


def test_protecting_a_cached_page_takes_effect_at_once(client, episode):
    get(client, episode.url)
    assert get(client, episode.url)[1] == "HIT"
    PageViewRestriction.objects.create(page=episode, restriction_type="password", password="x")
    response, state = get(client, episode.url)
    assert state == "BYPASS"
    assert episode.summary not in response.content.decode()


def test_api_reads_are_cached_per_language_and_invalidated(client, series, episode):
    url = f"{API}/webinars/episodes/"
    first, state = get(client, url)
    assert (first.status_code, state) == (200, "MISS")
    assert first.json()["count"] == 1
    hit, state = get(client, url)
    assert state == "HIT"
    # Cache-Control and ETag as the API set them; If-None-Match is answered from the cache.
    assert "public" in hit["Cache-Control"]
    assert hit["ETag"] == first["ETag"]
    not_modified, state = get(client, url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert (not_modified.status_code, state) == (304, "HIT")
    # English is a different answer.
    assert get(client, url, HTTP_ACCEPT_LANGUAGE="en")[1] == "MISS"

    factories.WebinarEpisodePageFactory(parent=series)
    fresh, state = get(client, url)
    assert state == "MISS"
    assert fresh.json()["count"] == 2


def test_api_reads_with_a_token_are_not_cached(client, episode):
    url = f"{API}/webinars/episodes/{episode.pk}/"
    get(client, url)
    response, state = get(client, url, HTTP_AUTHORIZATION="Bearer något")
    assert state == "BYPASS"


def test_cached_copy_stops_at_the_next_expiry(client, series, episode):
    factories.WebinarEpisodePageFactory(
        parent=series, expire_at=timezone.now() + timedelta(seconds=1.5)
    )
    expiring = series.get_children().live().last().specific
    assert get(client, expiring.url)[1] == "MISS"
    assert get(client, expiring.url)[1] == "HIT"
    time.sleep(1.6)
    assert client.get(expiring.url).status_code == 404


def test_cache_is_off_with_zero_seconds(client, settings, episode):
    settings.PAGE_CACHE_SECONDS = 0
    get(client, episode.url)
    assert get(client, episode.url)[1] is None


# --- a caching proxy in front (Varnish): what Django tells it ---------------------------------


@pytest.fixture
def frontend_cache(settings):
    settings.FRONTEND_CACHE_SECONDS = 120
    return settings


def test_shared_answers_tell_the_proxy_how_long_and_personal_ones_do_not(
    client, frontend_cache, django_user_model, episode
):
    first = client.get(episode.url)
    again = client.get(episode.url)
    assert (first["X-Cache"], again["X-Cache"]) == ("MISS", "HIT")
    assert first["CDN-Cache-Control"] == again["CDN-Cache-Control"] == "max-age=120"
    assert client.get(f"{API}/webinars/episodes/")["CDN-Cache-Control"] == "max-age=120"

    assert "CDN-Cache-Control" not in client.get(f"{episode.url}?feedback=klar")
    assert "CDN-Cache-Control" not in client.get("/finns-inte/")
    assert "CDN-Cache-Control" not in client.get(f"{API}/search/?q=inledning")
    editor = django_user_model.objects.create_superuser("r", "r@example.invalid", "x")
    client.force_login(editor)
    assert "CDN-Cache-Control" not in client.get(episode.url)


def test_proxy_keeps_nothing_past_the_next_scheduled_change(client, frontend_cache, series):
    factories.WebinarEpisodePageFactory(
        parent=series, expire_at=timezone.now() + timedelta(seconds=30)
    )
    seconds = int(client.get(series.url)["CDN-Cache-Control"].removeprefix("max-age="))
    assert 0 < seconds <= 30
    # The same limit on a hit from Django's own cache.
    seconds = int(client.get(series.url)["CDN-Cache-Control"].removeprefix("max-age="))
    assert 0 <= seconds <= 30


def test_proxy_alone_without_djangos_cache(client, frontend_cache, episode):
    frontend_cache.PAGE_CACHE_SECONDS = 0
    response = client.get(episode.url)
    assert response["CDN-Cache-Control"] == "max-age=120"
    assert response["X-Cache"] == "BYPASS"


def test_an_unreachable_proxy_never_fails_a_publish(
    frontend_cache, episode, caplog, django_capture_on_commit_callbacks
):
    from tests.ops.conftest import closed_port

    frontend_cache.VARNISH_URLS = [f"http://127.0.0.1:{closed_port()}/"]
    episode.title = "Publicerad ändå"
    revision = episode.save_revision()
    with django_capture_on_commit_callbacks(execute=True):
        revision.publish()
    episode.refresh_from_db()
    assert episode.title == "Publicerad ändå"
    assert "kunde inte tömmas" in caplog.text
