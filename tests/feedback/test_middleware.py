"""Posts that ask for JSON go straight from FeedbackPostMiddleware to their view (no session,
CSRF, messages, page cache or URL resolving), with the same answers, headers that matter,
language and 503 as on the usual way; form posts and the API take the usual way."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from feedback.models import Feedback
from tests import factories
from tests.ops.conftest import database_down

ANSWER_URL = "/feedback/"
COMMENT_URL = "/feedback/kommentar/"


pytestmark = pytest.mark.usefixtures("fresh_feedback_state")


@pytest.fixture
def article(home):
    return factories.GuidanceArticlePageFactory(parent=home, slug="svar-i-json")


def post_json(client, url, data, **headers):
    return client.post(url, json.dumps(data), content_type="application/json", **headers)


def took_the_short_way(response) -> bool:
    """SessionMiddleware, the first the short way skips, gives every request it sees a session."""
    return not hasattr(response.wsgi_request, "session")


def test_a_json_answer_takes_the_short_way_with_the_same_answer_and_headers(client, article):
    response = post_json(client, ANSWER_URL, {"page": article.pk, "helpful": True})

    assert response.status_code == 201
    assert took_the_short_way(response)
    assert response.json()["message"] == "Tack för att du hjälper oss!"
    assert response.json()["comment_token"]
    assert Feedback.objects.get().page_id == article.pk
    # The security headers and the content security policy come from the middleware before.
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.has_header("Content-Security-Policy")
    assert "no-cache" in response["Cache-Control"]
    assert response["Content-Language"] == "sv"


def test_the_widgets_form_asking_for_json_takes_the_short_way(client, article):
    # static/js/feedback.js posts the form's fields with Accept: application/json.
    response = client.post(
        ANSWER_URL, {"page": article.pk, "helpful": "nej"}, HTTP_ACCEPT="application/json"
    )

    assert response.status_code == 201
    assert took_the_short_way(response)
    assert Feedback.objects.get().helpful is False


def test_the_comment_after_an_answer_takes_the_short_way(client, article):
    token = post_json(client, ANSWER_URL, {"page": article.pk, "helpful": False}).json()[
        "comment_token"
    ]

    response = post_json(client, COMMENT_URL, {"token": token, "comment": "Saknar en karta."})

    assert response.status_code == 200
    assert took_the_short_way(response)
    assert Feedback.objects.get().comment == "Saknar en karta."


@pytest.mark.parametrize("accept_language", ["sv", "en", "en-GB,en;q=0.9", ""])
def test_the_language_is_chosen_as_on_the_usual_way(client, article, accept_language):
    headers = {"HTTP_ACCEPT_LANGUAGE": accept_language}
    short = post_json(client, ANSWER_URL, {"page": article.pk, "helpful": True}, **headers)
    usual = client.post(ANSWER_URL, {"page": article.pk, "helpful": "ja"}, **headers)

    assert took_the_short_way(short) and not took_the_short_way(usual)
    assert short["Content-Language"] == usual["Content-Language"]
    assert "Accept-Language" in short["Vary"]


def test_refusals_are_the_same_json_errors(client, article):
    missing = post_json(client, ANSWER_URL, {"page": 10**9, "helpful": True})
    unanswered = post_json(client, ANSWER_URL, {"page": article.pk})

    assert missing.status_code == 404
    assert missing.json()["error"] == "Sidan finns inte eller tar inte emot svar."
    assert unanswered.status_code == 400
    assert unanswered.json()["error"] == "Svara ja eller nej på frågan."
    assert took_the_short_way(missing) and took_the_short_way(unanswered)
    assert not Feedback.objects.exists()


def test_a_json_answer_while_the_database_is_down_is_a_503_and_keeps_nothing(client, article):
    with database_down():
        response = post_json(client, ANSWER_URL, {"page": article.pk, "helpful": True})

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert not Feedback.objects.exists()


def test_the_short_way_costs_no_more_queries_than_the_usual_way(client, article):
    with CaptureQueriesContext(connection) as short:
        json_answer = post_json(client, ANSWER_URL, {"page": article.pk, "helpful": True})
    with CaptureQueriesContext(connection) as usual:
        form_answer = client.post(ANSWER_URL, {"page": article.pk, "helpful": "ja"})

    assert (json_answer.status_code, form_answer.status_code) == (201, 303)
    assert len(short) == len(usual)


def test_form_posts_without_javascript_and_the_api_take_the_usual_way(client, article):
    form = client.post(ANSWER_URL, {"page": article.pk, "helpful": "ja"})
    api = post_json(client, "/api/v3/feedback/", {"page": article.pk, "helpful": True})
    other = client.get(ANSWER_URL, HTTP_ACCEPT="application/json")

    assert form.status_code == 303 and not took_the_short_way(form)
    assert api.status_code == 201 and not took_the_short_way(api)
    assert other.status_code == 405 and not took_the_short_way(other)
