import pytest
from django.core.cache import cache


@pytest.fixture
def fresh_feedback_state():
    """Rate limits start empty."""
    cache.clear()
    yield
    cache.clear()
