"""The public forms' rate limit in the machine's real Redis, as every app server shares it."""

import json

import pytest

from feedback.services import ANSWER_RATE
from tests import factories


@pytest.fixture
def article(home):
    return factories.GuidanceArticlePageFactory(parent=home, slug="vagledning")


def test_answers_past_the_limit_get_429_with_retry_after(client, article, shared_cache):
    body = json.dumps({"page": article.pk, "helpful": True})
    for _ in range(ANSWER_RATE.limit):
        response = client.post("/api/v3/feedback/", body, content_type="application/json")
        assert response.status_code == 201
    response = client.post("/api/v3/feedback/", body, content_type="application/json")
    assert response.status_code == 429
    assert response["Content-Type"].startswith("application/problem+json")
    assert int(response["Retry-After"]) > 0
    # Another visitor is not affected.
    other = client.post(
        "/api/v3/feedback/", body, content_type="application/json", REMOTE_ADDR="192.0.2.9"
    )
    assert other.status_code == 201
