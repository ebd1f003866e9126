"""Error tracking with SENTRY_DSN: an error in a view reaches Sentry (a local collector here)
with its traceback, and nothing personal goes with it: no address, cookie, body or query."""

import gzip
import textwrap
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from .test_production import run

SCRIPT = textwrap.dedent(
    """
    import django
    django.setup()
    import sentry_sdk
    from django.test import Client, override_settings
    from django.urls import path

    def boom(request):
        comment = request.POST["comment"]  # a local variable with what a visitor wrote
        raise RuntimeError(f"kaputt i vyn efter {len(comment)} tecken")

    urlpatterns = [path("boom/", boom)]
    with override_settings(ROOT_URLCONF=__name__, ALLOWED_HOSTS=["testserver"]):
        client = Client(raise_request_exception=False, HTTP_X_FORWARDED_PROTO="https")
        client.cookies["sessionid"] = "hemlig-session"
        response = client.post(
            "/boom/?q=19121212-1212", {"comment": "Ring mig på 070-1234567"}, secure=True
        )
    print(response.status_code, sentry_sdk.get_client().options["send_default_pii"])
    sentry_sdk.flush(timeout=10)
    """
)


@pytest.fixture
def collector():
    received = []

    class Envelope(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            if self.headers.get("Content-Encoding") == "gzip":
                body = gzip.decompress(body)
            received.append(body.decode())
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Envelope)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://public@127.0.0.1:{server.server_port}/1", received
    server.shutdown()


def test_an_error_reaches_sentry_without_personal_data(collector):
    dsn, received = collector
    result = run(["-c", SCRIPT], {"SENTRY_DSN": dsn})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["500", "False"]
    events = "\n".join(received)
    assert "kaputt i vyn" in events and "RuntimeError" in events
    for personal in ("19121212", "070-1234567", "hemlig-session", "127.0.0.1"):
        assert personal not in events.replace(dsn, ""), personal


def test_without_dsn_no_error_tracking_starts():
    code = "import django; django.setup(); import sentry_sdk; print(sentry_sdk.is_initialized())"
    result = run(["-c", code], {"SENTRY_DSN": ""})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "False"
