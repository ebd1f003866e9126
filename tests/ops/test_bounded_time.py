"""A lock or a hung dependency gives a quick 503, against the real web server process
(ops/serve.py, granian, production settings) on 127.0.0.1: never a site that hangs."""

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from .conftest import closed_port
from .test_production import PRODUCTION_ENV

ROOT = Path(__file__).resolve().parents[2]
HOST = "innovation.example.se"

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="PostgreSQL's lock_timeout and statement_timeout",
    ),
]


def database_url():
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def start_server(tmp_path, **extra_env):
    port = closed_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL"}
    }
    env.update(
        PRODUCTION_ENV,
        DATABASE_URL=database_url(),
        PORT=str(port),
        WEB_CONCURRENCY="1",
        WEB_THREADS="4",
        WEB_HOST="127.0.0.1",
        WEB_ACCESS_LOG="0",
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
    )
    env.update(extra_env)
    log = (tmp_path / "server.log").open("w+")
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "ops.serve"], cwd=ROOT, env=env, stdout=log, stderr=log
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                log.seek(0)
                raise RuntimeError(log.read()) from None
            time.sleep(0.2)
    return server, f"http://127.0.0.1:{port}"


# Quick, not hung: Redis gives up after 0.5 s and a lock wait after 1.5 s, a hang would reach
# the client's 15 s; the margin is for a CI machine busy with other tests.
QUICK_SECONDS = 5


def timed(url, method="GET", body=None, **headers):
    """(status, headers, body, seconds) of one request, as a visitor behind HTTPS sees it."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(  # noqa: S310 - a local test server
        url,
        data=data,
        method=method,
        headers={"Host": HOST, "X-Forwarded-Proto": "https", **headers},
    )
    if data is not None:
        request.add_header("Content-Type", "application/json")
        request.add_header("Accept", "application/json")
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=15) as response:  # noqa: S310
            result = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        result = error.code, error.headers, error.read()
    return (*result, time.monotonic() - started)


@pytest.fixture
def server(tmp_path):
    process, url = start_server(tmp_path)
    yield url
    process.terminate()
    process.wait(timeout=30)


def test_a_locked_table_gives_a_quick_503_and_the_rest_of_the_site_answers(server, episode):
    assert timed(f"{server}/healthz")[0] == 200
    db = connection.settings_dict
    with psycopg.connect(
        host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432, user=db["USER"], dbname=db["NAME"]
    ) as locker:
        locker.execute("LOCK TABLE feedback_feedback IN ACCESS EXCLUSIVE MODE")
        answers = [None] * 4  # as many as the server has threads: none waits for another

        def answer(index):
            answers[index] = timed(
                f"{server}/api/v3/feedback/", "POST", {"page": episode.pk, "helpful": True}
            )

        threads = [threading.Thread(target=answer, args=(i,)) for i in range(len(answers))]
        for thread in threads:
            thread.start()
        # (JSON only: production's static manifest comes with collectstatic.)
        for path in ("/healthz", "/api/v3/pages/999999/", f"/api/v3/pages/{episode.pk}/"):
            status, _headers, body, seconds = timed(f"{server}{path}")
            assert status in (200, 404), (path, body)
            assert seconds < QUICK_SECONDS, (path, seconds)
        for thread in threads:
            thread.join()
        locker.rollback()
    for status, headers, _body, seconds in answers:
        assert status == 503
        assert headers["Retry-After"]
        assert seconds < QUICK_SECONDS
    # Once the lock is gone, answers are stored again.
    assert (
        timed(f"{server}/api/v3/feedback/", "POST", {"page": episode.pk, "helpful": True})[0] == 201
    )


@pytest.fixture
def hung_redis():
    """A Redis that accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    held = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"redis://127.0.0.1:{listener.getsockname()[1]}/0"
    stop.set()
    thread.join()
    for sock in held:
        sock.close()
    listener.close()


def test_a_hung_redis_gives_a_quick_503(tmp_path, hung_redis, episode):
    process, url = start_server(tmp_path, REDIS_URL=hung_redis)
    try:
        status, headers, body, seconds = timed(f"{url}/healthz")
        assert status == 503
        assert json.loads(body)["cache"].startswith("error")
        assert seconds < QUICK_SECONDS
        status, headers, _body, seconds = timed(
            f"{url}/api/v3/feedback/", "POST", {"page": episode.pk, "helpful": True}
        )
        assert (status, bool(headers["Retry-After"])) == (503, True)
        assert seconds < QUICK_SECONDS
        # A listing reads its image renditions through the cache: it answers, or says 503
        # quickly, never hangs.
        status, _headers, _body, seconds = timed(f"{url}/api/v3/webinars/episodes/")
        assert status in (200, 503)
        assert seconds < QUICK_SECONDS
    finally:
        process.terminate()
        process.wait(timeout=30)
