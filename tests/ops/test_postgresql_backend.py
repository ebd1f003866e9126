"""ops/postgresql: the health check looks at the socket before it asks the server."""

import time

import pytest
from django.db import connection, connections

from ops.postgresql.base import quietly_idle
from tests.ops.conftest import terminate_backend

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("the backend is PostgreSQL's")
    connection.ensure_connection()
    yield connection
    connection.close()


def test_settings_use_the_projects_backend(postgresql):
    assert type(connections["default"]).__module__ == "ops.postgresql.base"


def test_an_idle_quiet_connection_is_usable_without_a_round_trip(postgresql, monkeypatch):
    sent = []
    real_cursor = postgresql.connection.cursor
    monkeypatch.setattr(
        postgresql.connection, "cursor", lambda *a, **k: sent.append(1) or real_cursor(*a, **k)
    )
    assert quietly_idle(postgresql.connection)
    assert postgresql.is_usable()
    assert sent == []


def test_a_connection_inside_a_transaction_is_asked(postgresql):
    postgresql.connection.execute("BEGIN")
    try:
        assert not quietly_idle(postgresql.connection)
        assert postgresql.is_usable()  # SELECT 1 inside the open transaction
    finally:
        postgresql.connection.execute("ROLLBACK")


def test_a_connection_the_server_ended_is_not_usable(postgresql):
    pid = postgresql.connection.info.backend_pid
    terminate_backend(postgresql.get_connection_params(), pid)
    deadline = time.monotonic() + 5
    while quietly_idle(postgresql.connection) and time.monotonic() < deadline:
        time.sleep(0.01)  # the end of the stream reaches the socket just after the backend ends
    assert not quietly_idle(postgresql.connection)
    assert not postgresql.is_usable()


def test_a_closed_connection_is_not_usable(postgresql):
    raw = postgresql.connection
    raw.close()
    assert not quietly_idle(raw)
    assert not postgresql.is_usable()
