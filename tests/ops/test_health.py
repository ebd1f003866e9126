"""/healthz: database and cache status for load balancers, 200 or 503, never cached."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.ops.conftest import database_down


@pytest.mark.django_db
def test_health_reports_ok_for_database_and_cache_without_writing(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["cache"] == "ok"
    assert "no-store" in response["Cache-Control"]
    assert [query["sql"] for query in queries] == ["SELECT 1"]


@pytest.mark.django_db
def test_health_names_the_database_when_it_is_down_without_leaking_details(client):
    with database_down():
        response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["database"] == "error: OperationalError"
    assert body["cache"] == "ok"
    assert "Connection refused" not in response.content.decode()


@pytest.mark.django_db
def test_health_names_the_cache_when_redis_is_down(client, settings, redis_down_cache):
    settings.CACHES = redis_down_cache
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["database"] == "ok"
    assert body["cache"] == "error: ConnectionError"


@pytest.mark.django_db
def test_health_works_against_a_real_redis(client, settings):
    redis = pytest.importorskip("redis")
    try:
        redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
            "KEY_PREFIX": "skl-test-health",
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["cache"] == "ok"


def test_health_accepts_only_reads(client, db):
    assert client.post("/healthz").status_code == 405
