import socket
import time
from contextlib import contextmanager

import psycopg
import pytest
from django.db import OperationalError, connection


def closed_port() -> int:
    """A local port nothing listens on (bound once by us, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def terminate_backend(connection_params: dict, pid: int, seconds=10) -> None:
    """End a server connection as a restart does (pg_terminate_backend) and wait until the
    backend has closed it: the function only signals the backend."""
    with psycopg.connect(**connection_params, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])
        deadline = time.monotonic() + seconds
        while admin.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid]).fetchone():
            assert time.monotonic() < deadline, "the backend did not end"
            time.sleep(0.01)


@contextmanager
def database_down():
    """Every query fails as it does when PostgreSQL is unreachable (Django's execute hook)."""

    def refuse(execute, sql, params, many, context):
        raise OperationalError('connection to server at "db" failed: Connection refused')

    with connection.execute_wrapper(refuse):
        yield


@pytest.fixture
def redis_down_cache():
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
