"""A real Varnish (Debian's package, installed by scripts/test.sh) in front of the live test
server, with the project's own deploy/varnish/default.vcl: anonymous reads come from Varnish,
every content change is visible through it at once, and nothing personal is ever kept."""

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests import factories

from .conftest import closed_port

VCL = Path(__file__).resolve().parents[2] / "deploy" / "varnish" / "default.vcl"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def varnish(live_server, settings):
    if not Path(VARNISHD).exists():
        if os.environ.get("CI"):
            pytest.fail("varnishd saknas: scripts/test.sh installerar Debians varnish")
        pytest.skip("varnishd saknas (scripts/test.sh installerar det)")
    workdir = Path(tempfile.mkdtemp(prefix="skl-varnish-"))
    workdir.chmod(0o755)
    backend_port = live_server.url.rsplit(":", 1)[1]
    (workdir / "default.vcl").write_text(
        VCL.read_text().replace('.port = "8000"', f'.port = "{backend_port}"')
    )
    port = closed_port()
    process = subprocess.Popen(  # noqa: S603
        [VARNISHD, "-F", "-n", str(workdir / "n"), "-a", f"127.0.0.1:{port}"]
        + ["-f", str(workdir / "default.vcl"), "-s", "malloc,32m"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    settings.FRONTEND_CACHE_SECONDS = 300
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": url,
        }
    }
    try:
        deadline = time.time() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.time() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)


def fetch(url, method="GET", data=None, headers=None):
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - local
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def state(url, **kwargs):
    status, headers, body = fetch(url, **kwargs)
    return status, headers.get("X-Frontend-Cache"), body


def test_page_comes_from_varnish_until_a_publish_which_shows_at_once(varnish, episode):
    url = f"{varnish}{episode.url}"
    assert state(url)[:2] == (200, "MISS")
    status, cache_state, body = state(url)
    assert (status, cache_state) == (200, "HIT")
    assert "Inledning" in body

    episode.title = "Inledning, andra utgåvan"
    episode.save_revision().publish()
    status, cache_state, body = state(url)
    assert (status, cache_state) == (200, "MISS")
    assert "Inledning, andra utgåvan" in body


def test_unpublished_page_is_gone_from_varnish_at_once(varnish, series, episode):
    assert state(f"{varnish}{episode.url}")[0] == 200
    assert state(f"{varnish}{series.url}")[1] == "MISS"
    assert state(f"{varnish}{series.url}")[1] == "HIT"
    url = episode.url

    episode.unpublish()
    assert state(f"{varnish}{url}")[0] == 404
    assert episode.title not in state(f"{varnish}{series.url}")[2]


def test_a_changed_snippet_shows_at_once_on_every_page(varnish, episode):
    person = factories.PersonFactory(name="Anna Andersson")
    episode.speakers.create(person=person)
    episode.save_revision().publish()
    url = f"{varnish}{episode.url}"
    assert "Anna Andersson" in state(url)[2]
    assert state(url)[1] == "HIT"

    person.name = "Anna Berg"
    person.save()
    status, cache_state, body = state(url)
    assert cache_state == "MISS"
    assert "Anna Berg" in body


def test_api_is_cached_per_language_and_search_never(varnish, episode):
    url = f"{varnish}/api/v3/webinars/episodes/"
    assert state(url)[1] == "MISS"
    assert state(url)[1] == "HIT"
    assert state(url, headers={"Accept-Language": "en"})[1] == "MISS"
    assert state(f"{varnish}/api/v3/search/?q=inledning")[1] == "PASS"
    assert state(f"{varnish}/api/v3/search/?q=inledning")[1] == "PASS"


def test_editors_and_personal_states_are_never_served_from_varnish(varnish, episode):
    url = f"{varnish}{episode.url}"
    state(url)
    assert state(url)[1] == "HIT"
    # Someone with a session (an editor) goes past Varnish to Django.
    assert state(url, headers={"Cookie": "sessionid=abc"})[1] == "PASS"
    # The feedback widget's thanks state belongs to one visitor.
    thanks = state(f"{url}?feedback=klar")
    assert thanks[1] == "PASS"
    assert state(f"{url}?feedback=klar")[1] == "PASS"
    # Other cookies (analytics, a csrftoken) do not split or bypass the cache.
    assert state(url, headers={"Cookie": "csrftoken=x; _ga=1"})[1] == "HIT"


def test_feedback_posts_pass_through_and_are_all_stored(varnish, episode):
    from feedback.models import Feedback

    body = json.dumps({"page": episode.pk, "helpful": True}).encode()
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    for _ in range(3):
        status, cache_state, _body = state(
            f"{varnish}/feedback/", method="POST", data=body, headers=headers
        )
        assert (status, cache_state) == (201, "PASS")
    assert Feedback.objects.filter(page=episode).count() == 3


def test_only_what_django_marks_is_cached(varnish, episode, home):
    # A 404 carries no s-maxage: Varnish keeps nothing.
    assert state(f"{varnish}/finns-inte/")[:2] == (404, "PASS")
    assert state(f"{varnish}/finns-inte/")[:2] == (404, "PASS")
    # Browsers always ask again; only the shared cache keeps the page.
    status, headers, _body = fetch(f"{varnish}{episode.url}")
    assert "max-age=0" in headers["Cache-Control"]
    assert "s-maxage=300" in headers["Cache-Control"]
    assert "X-Url" not in headers


def test_an_expiry_is_never_served_from_varnish(varnish, episode):
    from datetime import timedelta

    from django.utils import timezone

    episode.expire_at = timezone.now() + timedelta(seconds=2)
    episode.save(update_fields=["expire_at"])
    status, headers, _body = fetch(f"{varnish}{episode.url}")
    assert status == 200
    assert int(headers["Cache-Control"].split("s-maxage=")[1].split(",")[0]) <= 2
    time.sleep(2.5)
    assert state(f"{varnish}{episode.url}")[0] == 404
