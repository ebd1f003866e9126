import pytest
from django.core.cache import cache
from django.db import connection

from feedback import services, statements


@pytest.fixture
def fresh_feedback_state():
    """Rate limits and the pages a process remembers start empty, and are forgotten after."""
    cache.clear()
    services.forget_pages()
    yield
    services.forget_pages()


@pytest.fixture
def prepared_statements(monkeypatch):
    """This test's connection prepares the feedback POST's statements (feedback/statements.py)
    after one run, production after two; closed after the test, which drops them."""
    monkeypatch.setitem(connection.settings_dict["OPTIONS"], "prepare_threshold", 1)
    connection.ensure_connection()
    monkeypatch.setattr(connection.connection, "prepare_threshold", 1)
    assert statements.prepares()
    yield
    connection.close()
