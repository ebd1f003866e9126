"""Slow uploads hold no web server thread: nginx with deploy/nginx/skl.conf reads request
bodies before they reach Django (real nginx and the real web server on 127.0.0.1)."""

import socket
import threading
import time
import urllib.request

import pytest

from .conftest import nginx_in_front_of, require_nginx
from .test_bounded_time import start_server

SLOW_CLIENTS = 13  # more than the web server's threads (1 process × 4 threads here)


@pytest.fixture
def nginx_in_front(tmp_path):
    require_nginx()
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'slow.sqlite3'}"}
    app, app_url = start_server(tmp_path, **env)
    try:
        with nginx_in_front_of(app_url, tmp_path, tmp_path / "media") as port:
            yield port
    finally:
        app.terminate()
        app.wait(timeout=30)


def trickle(port, stop):
    """A client that announces a large body and sends one byte every two seconds."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(
            b"POST /api/v3/comments/ HTTP/1.1\r\nHost: innovation.example.se\r\n"
            b"X-Forwarded-Proto: https\r\nContent-Type: application/json\r\n"
            b"Content-Length: 100000\r\n\r\n{"
        )
        while not stop.wait(2):
            try:
                sock.sendall(b" ")
            except OSError:
                return


def test_slow_uploads_do_not_stall_other_visitors(nginx_in_front):
    stop = threading.Event()
    clients = [
        threading.Thread(target=trickle, args=(nginx_in_front, stop), daemon=True)
        for _ in range(SLOW_CLIENTS)
    ]
    for client in clients:
        client.start()
    try:
        time.sleep(3)  # the slow clients are all in the middle of their bodies
        for _ in range(5):
            started = time.monotonic()
            request = urllib.request.Request(  # noqa: S310 - a local test server
                f"http://127.0.0.1:{nginx_in_front}/healthz",
                headers={"Host": "innovation.example.se"},
            )
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                assert response.status == 200
            assert time.monotonic() - started < 2
    finally:
        stop.set()
        for client in clients:
            client.join(timeout=5)
