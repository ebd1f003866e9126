"""The database (or Redis) is down: visitors get a friendly Swedish 503 with Retry-After, never a
traceback, and the site comes back by itself when the service returns."""

import pytest
from django.db import OperationalError, close_old_connections, connection

from tests.ops.conftest import closed_port, database_down, terminate_backend

FRIENDLY = "Tillfälligt avbrott"


def assert_friendly_503(response):
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Content-Type"].startswith("text/html")
    assert "no-store" in response["Cache-Control"]
    assert FRIENDLY in html
    assert "Försök igen om en liten stund" in html
    assert "Traceback" not in html and "OperationalError" not in html
    assert "Connection refused" not in html


def test_public_page_is_a_friendly_503_while_the_database_is_down(client, home):
    with database_down():
        response = client.get("/")
    assert_friendly_503(response)
    assert response.has_header("Content-Security-Policy")


def test_api_answers_a_problem_503_while_the_database_is_down(client, home):
    with database_down():
        response = client.get("/api/v3/pages/", HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert response["Retry-After"] == "30"
    assert response.json()["detail"].startswith("Tjänsten är tillfälligt otillgänglig")


class FailingMiddleware:
    """Stands in for middleware that reads the database or the cache before any view runs."""

    error = OperationalError("the database system is shutting down")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raise self.error


def test_outage_noticed_in_middleware_is_a_503_too(client, settings, db):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "tests.ops.test_unavailable.FailingMiddleware"]
    client.raise_request_exception = False
    assert_friendly_503(client.get("/"))


def test_redis_outage_in_middleware_is_a_503(client, settings, db, monkeypatch):
    from redis.exceptions import ConnectionError as RedisConnectionError

    monkeypatch.setattr(FailingMiddleware, "error", RedisConnectionError("Connection refused"))
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "tests.ops.test_unavailable.FailingMiddleware"]
    client.raise_request_exception = False
    assert_friendly_503(client.get("/"))


def test_other_errors_stay_a_500(client, settings, db, monkeypatch):
    monkeypatch.setattr(FailingMiddleware, "error", ValueError("a bug"))
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "tests.ops.test_unavailable.FailingMiddleware"]
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500
    assert "Något gick fel" in response.content.decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_site_recovers_by_itself_when_the_database_returns(client, home):
    """A real connection failure: the database is pointed at a place nothing answers."""
    assert client.get("/").status_code == 200
    saved = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "postgresql":
        connection.settings_dict.update(HOST="127.0.0.1", PORT=str(closed_port()))
    else:
        connection.settings_dict["NAME"] = "/nonexistent-directory/skl.sqlite3"
    try:
        assert_friendly_503(client.get("/"))
        health = client.get("/healthz")
        assert health.status_code == 503
        assert health.json()["database"] == "error: OperationalError"
    finally:
        connection.close()
        connection.settings_dict.update(saved)

    assert client.get("/").status_code == 200
    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.json()["database"] == "ok"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reused_connection_killed_by_a_database_restart_is_replaced_before_the_next_request(
    client, home
):
    """CONN_HEALTH_CHECKS: a persistent connection that the server dropped (restart, failover)
    is tested at the start of the next request and replaced, so not even one visitor sees it."""
    if connection.vendor != "postgresql":
        pytest.skip("terminating a server connection needs PostgreSQL")
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict.update(CONN_MAX_AGE=60, CONN_HEALTH_CHECKS=True)
    try:
        close_old_connections()  # what the WSGI handler does when a request starts
        assert client.get("/").status_code == 200
        old_pid = connection.connection.info.backend_pid
        terminate_backend(connection.get_connection_params(), old_pid)

        close_old_connections()
        assert client.get("/").status_code == 200
        assert connection.connection.info.backend_pid != old_pid
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)


def test_api_outage_message_follows_the_clients_language(client, home):
    with database_down():
        response = client.get("/api/v3/pages/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 503
    assert response.json()["detail"] == (
        "The service is temporarily unavailable. Please try again in a moment."
    )
