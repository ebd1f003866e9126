"""The Redis cache backend (ops/redis_cache.py) against the machine's real Redis: Django's
behaviour, with one client per connection pool instead of one per operation."""

import uuid

import pytest

from ops.redis_cache import RedisCache
from tests.conftest import REDIS_URL, require_redis


@pytest.fixture
def redis_cache():
    require_redis()
    cache = RedisCache(REDIS_URL, {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})
    yield cache
    cache.clear()


def test_it_behaves_as_djangos_redis_cache(redis_cache):
    assert redis_cache.get("svar") is None
    assert redis_cache.add("svar", 1, timeout=60)
    assert not redis_cache.add("svar", 5, timeout=60)
    assert redis_cache.incr("svar") == 2
    redis_cache.set("sida", {"titel": "Äldreomsorg"}, timeout=60)
    assert redis_cache.get("sida") == {"titel": "Äldreomsorg"}
    redis_cache.delete("sida")
    assert redis_cache.get("sida", "borta") == "borta"


def test_one_client_serves_every_operation(redis_cache):
    client = redis_cache._cache.get_client()
    redis_cache.set("a", 1)
    redis_cache.get("a")
    assert redis_cache._cache.get_client(write=True) is client
    assert redis_cache._cache.get_client("a") is client
