"""The front cache's rules (core/http_cache.py): which answers a shared cache may keep, for how
long, and the purge every content change sends through wagtail.contrib.frontend_cache (to a
real HTTP receiver here; tests/ops/test_varnish.py runs a real Varnish)."""

import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from tests import factories
from tests.api.conftest import restrict


@pytest.fixture
def shared_cache_on(settings):
    settings.FRONTEND_CACHE_SECONDS = 300


def shared_seconds(response):
    for part in response.get("Cache-Control", "").split(","):
        name, _, value = part.strip().partition("=")
        if name == "s-maxage":
            return int(value)
    return None


def test_anonymous_pages_and_api_answers_may_be_shared(client, episode, shared_cache_on):
    for url in (episode.url, "/api/v3/webinars/episodes/", f"/api/v3/pages/{episode.pk}/"):
        response = client.get(url)
        assert shared_seconds(response) == 300, url
        assert "max-age=0" in response["Cache-Control"]  # browsers ask again


@pytest.mark.parametrize(
    "url",
    ["{episode}?feedback=token", "/api/v3/search/?q=inledning", "/admin/login/", "/finns-inte/"],
)
def test_personal_counted_and_error_answers_are_never_shared(client, episode, shared_cache_on, url):
    response = client.get(url.format(episode=episode.url))
    assert shared_seconds(response) is None


def test_editors_are_never_served_a_shared_copy(admin_client, episode, shared_cache_on):
    assert shared_seconds(admin_client.get(episode.url)) is None
    assert shared_seconds(admin_client.get("/api/v3/webinars/episodes/")) is None


def test_password_protected_page_is_never_shared(client, episode, shared_cache_on):
    restrict(episode, "password")
    response = client.get(episode.url)
    assert response.status_code == 200  # the password form
    assert shared_seconds(response) is None


def test_shared_copy_never_outlives_the_next_scheduled_change(client, series, shared_cache_on):
    page = factories.WebinarEpisodePageFactory(parent=series)
    factories.WebinarEpisodePageFactory(
        parent=series, expire_at=timezone.now() + timedelta(seconds=90)
    )
    assert 1 <= shared_seconds(client.get(page.url)) <= 90


def test_preview_answers_are_never_stored(client, db):
    response = client.get("/api/v3/site/preview/", {"token": "x" * 30})
    assert "no-store" in response["Cache-Control"]


class PurgeReceiver(BaseHTTPRequestHandler):
    purged = []

    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        self.purged.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purges(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeReceiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    PurgeReceiver.purged = []
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    yield PurgeReceiver.purged
    server.shutdown()


def test_publish_unpublish_and_snippet_changes_purge_the_site(
    episode, purges, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        episode.save_revision().publish()
    assert "/" in purges
    purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        factories.TopicFactory(name="Digitalisering")
    assert purges == ["/"]
    purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        episode.unpublish()
    assert "/" in purges


def test_a_saved_draft_purges_nothing(episode, purges, django_capture_on_commit_callbacks):
    episode.title = "Ett utkast"
    with django_capture_on_commit_callbacks(execute=True):
        episode.save_revision()
    assert purges == []


def test_an_approved_comment_purges_the_site(
    press_index, purges, django_capture_on_commit_callbacks
):
    from comments.models import Comment
    from comments.services import moderate

    release = factories.PressReleasePageFactory(parent=press_index)
    comment = factories.CommentFactory(page=release, status="pending")
    purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        moderate([comment], Comment.Status.APPROVED, None)
    assert purges == ["/"]


def test_every_change_the_purge_follows_gives_fragments_a_new_content_version(
    episode, django_capture_on_commit_callbacks
):
    from core.http_cache import content_version

    versions = [content_version()]
    assert content_version() == versions[0]  # the same until something changes
    with django_capture_on_commit_callbacks(execute=True):
        episode.save_revision().publish()
    versions.append(content_version())
    with django_capture_on_commit_callbacks(execute=True):
        factories.TopicFactory(name="Digitalisering")
    versions.append(content_version())
    with django_capture_on_commit_callbacks(execute=True):
        episode.unpublish()
    versions.append(content_version())
    assert len(set(versions)) == 4


def test_the_content_version_lasts_until_the_next_scheduled_change(series, shared_cache):
    import time

    from core.http_cache import content_version, fragment_seconds

    factories.WebinarEpisodePageFactory(
        parent=series, expire_at=timezone.now() + timedelta(seconds=1.5)
    )
    before = content_version()
    assert content_version() == before
    time.sleep(1.2)
    assert content_version() != before
    assert fragment_seconds() is None  # kept: every process reads this cache


def test_a_per_process_cache_keeps_no_fragments(db):
    from core.http_cache import fragment_seconds

    assert fragment_seconds() == 0
