"""A real HTTP receiver on 127.0.0.1 (http.server in a thread) and endpoints pointing at it."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from webhooks.models import WebhookEndpoint


class Receiver:
    """Answers every POST with `status` and keeps what it received."""

    def __init__(self):
        self.status = 204
        self.requests = []
        self.received = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                headers = {name.lower(): value for name, value in self.headers.items()}
                receiver.requests.append({"headers": headers, "body": body})
                self.send_response(receiver.status)
                self.end_headers()
                receiver.received.set()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def events(self):
        return [json.loads(request["body"]) for request in self.requests]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver(settings):
    # Plain http to 127.0.0.1 is allowed only where DEBUG or this setting says so.
    settings.WEBHOOKS_ALLOW_LOCAL = True
    receiver = Receiver()
    yield receiver
    receiver.close()


@pytest.fixture
def endpoint(receiver, db):
    return WebhookEndpoint.objects.create(url=receiver.url, description="Testmottagare")


@pytest.fixture
def database_queue(settings):
    """The worker's real queue (django-tasks-db) instead of running tasks at once."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
