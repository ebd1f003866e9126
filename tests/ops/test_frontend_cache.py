"""CDN / caching proxy purge on publish (wagtail.contrib.frontend_cache with the HTTP backend):
publishing a page sends a PURGE for exactly its URL to the configured cache."""

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from tests import factories


@pytest.fixture
def purge_server():
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_PURGE(self):  # noqa: N802 (the HTTP method's name)
            received.append((self.headers["Host"], self.path))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", received
    server.shutdown()
    server.server_close()


def test_publishing_a_page_purges_its_url_from_the_front_end_cache(
    settings, catalogue, purge_server
):
    location, received = purge_server
    settings.WAGTAILFRONTENDCACHE = {
        "http": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": location,
        }
    }
    series = factories.WebinarSeriesPageFactory(parent=catalogue, slug="ny-serie", live=False)
    series.save_revision().publish()
    assert ("testserver", "/webbinarier/ny-serie/") in received

    received.clear()
    series.refresh_from_db()
    series.unpublish()
    assert ("testserver", "/webbinarier/ny-serie/") in received


def test_nothing_is_purged_unless_configured(settings, catalogue, purge_server):
    _, received = purge_server
    assert settings.WAGTAILFRONTENDCACHE == {}
    factories.WebinarSeriesPageFactory(parent=catalogue, slug="tyst").save_revision().publish()
    assert received == []
