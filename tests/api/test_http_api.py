"""OpenAPI document, CORS, caching headers, the feedback POST."""

import json

import pytest
from openapi_spec_validator import validate

from feedback.models import Feedback

from .conftest import API


def test_openapi_document_is_valid_openapi_3_1(client, home):
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.1")
    validate(document)
    for path in ("/webinars/episodes/", "/site/find/", "/feedback/", "/pages/"):
        assert f"{API}{path}" in document["paths"]
    assert client.get(f"{API}/docs/").status_code == 200


def test_get_has_cache_control_and_etag_and_answers_304(client, episode):
    episode.save_revision().publish()
    url = f"{API}/webinars/episodes/{episode.pk}/"
    response = client.get(url)
    # Browsers revalidate; s-maxage only when a front cache is configured (core/http_cache.py).
    assert "public" in response["Cache-Control"] and "max-age=0" in response["Cache-Control"]
    assert "s-maxage" not in response["Cache-Control"]
    assert response["ETag"] and response["Last-Modified"]
    again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert client.get(f"{API}/pages/{episode.pk}/")["ETag"]


def test_errors_are_not_cached(client, home):
    response = client.get(f"{API}/webinars/episodes/", {"limit": 1000})
    assert "no-store" in response["Cache-Control"]


def test_cors_allows_only_listed_origins(client, settings, home):
    settings.CORS_ALLOWED_ORIGINS = ["https://app.example.se"]
    allowed = client.get(f"{API}/webinars/episodes/", HTTP_ORIGIN="https://app.example.se")
    assert allowed["Access-Control-Allow-Origin"] == "https://app.example.se"
    other = client.get(f"{API}/webinars/episodes/", HTTP_ORIGIN="https://evil.example")
    assert "Access-Control-Allow-Origin" not in other


def post(client, path, data):
    return client.post(f"{API}{path}", json.dumps(data), content_type="application/json")


def test_feedback_post_stores_answer_and_takes_a_comment(client, episode):
    response = post(client, "/feedback/", {"page": episode.pk, "helpful": False})
    assert response.status_code == 201
    token = response.json()["comment_token"]
    feedback = Feedback.objects.get()
    assert (feedback.page_id, feedback.helpful) == (episode.pk, False)
    response = post(client, "/feedback/comment/", {"token": token, "comment": "Ljudet brusar."})
    assert response.status_code == 200
    feedback.refresh_from_db()
    assert feedback.comment == "Ljudet brusar."
    again = post(client, "/feedback/comment/", {"token": token, "comment": "Igen"})
    assert again.status_code == 409


@pytest.mark.parametrize("reason", ["draft", "login"])
def test_feedback_refused_for_hidden_pages(client, hidden_episodes, reason):
    response = post(client, "/feedback/", {"page": hidden_episodes[reason].pk, "helpful": True})
    assert response.status_code == 404
    assert not Feedback.objects.exists()


def test_feedback_honeypot_keeps_nothing(client, episode):
    response = post(client, "/feedback/", {"page": episode.pk, "helpful": True, "website": "x"})
    assert response.status_code == 201
    assert not Feedback.objects.exists()
