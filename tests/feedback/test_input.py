"""Input an attacker or a broken client sends: a clear 400 in Swedish, never a 500 or 503, and
never any effect on another visitor's answer; and the refusals when a page stops taking
answers or a service is down."""

import datetime
import json
import threading

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from feedback.models import Feedback, FeedbackMonth
from tests import factories
from tests.ops.conftest import closed_port, database_down

ANSWER_URL = "/feedback/"
COMMENT_URL = "/feedback/kommentar/"
API_URL = "/api/v3/feedback/"

pytestmark = pytest.mark.usefixtures("fresh_feedback_state")


@pytest.fixture
def article(home):
    return factories.GuidanceArticlePageFactory(parent=home, slug="svar-in")


def post_raw(client, url, body, **headers):
    return client.post(url, body, content_type="application/json", **headers)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('{"page": PAGE, "helpful": true, "website": 1}', "ska vara text"),
        ('{"page": PAGE, "helpful": true, "website": [1]}', "ska vara text"),
        ('{"page": PAGE, "helpful": true, "website": {"a": 1}}', "ska vara text"),
        ('{"page": PAGE, "helpful": true, "website": true}', "ska vara text"),
        ('{"page": PAGE.5, "helpful": true}', "Sidan kunde inte identifieras"),
        ('{"page": PAGE.0, "helpful": true}', "Sidan kunde inte identifieras"),
        ('{"page": true, "helpful": true}', "Sidan kunde inte identifieras"),
        ('{"page": "sida", "helpful": true}', "Sidan kunde inte identifieras"),
    ],
)
def test_bad_input_is_a_clear_400_and_stores_nothing(client, article, body, message):
    response = post_raw(client, ANSWER_URL, body.replace("PAGE", str(article.pk)))
    assert response.status_code == 400
    assert message in response.json()["error"]
    assert not Feedback.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        '{"page": PAGE, "helpful": true, "comment": "a\\u0000b"}',
        '{"page": PAGE, "helpful": true, "comment": "a\\ud800b"}',
        '{"page": Infinity, "helpful": true}',
        '{"page": 1e400, "helpful": true}',
        '{"page": PAGE.5, "helpful": true}',
        '{"page": PAGE.0, "helpful": true}',
        '{"page": true, "helpful": true}',
        '{"page": "sida", "helpful": true}',
    ],
)
def test_the_api_refuses_bad_input_as_a_client_error(client, article, body):
    response = post_raw(client, API_URL, body.replace("PAGE", str(article.pk)))
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("comment", ["a\x00b", "a\ud800b"])
def test_a_comment_that_cannot_be_stored_is_a_400(client, article, comment):
    answered = post_raw(client, ANSWER_URL, json.dumps({"page": article.pk, "helpful": False}))
    token = answered.json()["comment_token"]
    body = json.dumps({"token": token, "comment": comment})
    assert post_raw(client, COMMENT_URL, body).status_code == 400
    assert (
        post_raw(client, COMMENT_URL, json.dumps({"token": "\ud800", "comment": "x"})).status_code
        == 400
    )
    assert Feedback.objects.get().comment == ""


@pytest.mark.parametrize(
    "fields",
    ['"comment": "a\\u0000b"', '"comment": "a\\ud800b"', '"page": Infinity', '"page": 1e400'],
)
def test_input_that_cannot_be_stored_is_refused_at_the_edge(client, article, fields):
    """core.input_guard refuses a NUL byte, a lone surrogate or a number that is no number
    before the view runs."""
    body = f'{{"page": {article.pk}, "helpful": true, {fields}}}'
    assert post_raw(client, ANSWER_URL, body).status_code == 400
    form = {"page": article.pk, "helpful": "ja", "comment": "a\x00"}
    assert client.post(ANSWER_URL, form).status_code == 400
    assert not Feedback.objects.exists()


def test_expired_pages_do_not_accept_feedback(client, home):
    expired = factories.GuidanceArticlePageFactory(parent=home, slug="utgangen")
    expired.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    expired.save()
    response = post_raw(client, ANSWER_URL, json.dumps({"page": expired.pk, "helpful": True}))
    assert response.status_code == 404
    assert response.json()["error"] == "Sidan finns inte eller tar inte emot svar."
    assert not Feedback.objects.exists()


def test_feedback_switched_off_or_unpublished_since_is_refused_at_once(client, home):
    unpublished = factories.GuidanceArticlePageFactory(parent=home, slug="avpubliceras")
    switched_off = factories.GuidanceArticlePageFactory(parent=home, slug="stangs-av")
    for page in (unpublished, switched_off):
        body = json.dumps({"page": page.pk, "helpful": True})
        assert post_raw(client, ANSWER_URL, body).status_code == 201
    unpublished.unpublish()
    switched_off.feedback_enabled = False
    switched_off.save_revision().publish()
    for page in (unpublished, switched_off):
        body = json.dumps({"page": page.pk, "helpful": True})
        assert post_raw(client, ANSWER_URL, body).status_code == 404
        assert post_raw(client, API_URL, body).status_code == 404
        assert Feedback.objects.filter(page=page).count() == 1


def test_an_answer_while_the_database_is_down_is_a_503_and_keeps_nothing(client, article):
    body = json.dumps({"page": article.pk, "helpful": True})
    with database_down():
        page = client.post(ANSWER_URL, {"page": article.pk, "helpful": "ja"})
        api = post_raw(client, API_URL, body)
    assert page.status_code == 503 and page["Retry-After"]
    assert api.status_code == 503 and api["Content-Type"] == "application/problem+json"
    assert not Feedback.objects.exists()


def test_an_answer_while_redis_is_down_is_a_503(client, article, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    body = json.dumps({"page": article.pk, "helpful": True})
    assert post_raw(client, ANSWER_URL, body).status_code == 503
    response = post_raw(client, API_URL, body)
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert not Feedback.objects.exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_bad_answers_from_some_clients_never_touch_the_others(home, settings):
    """4 clients post answers with a NUL byte or a lone surrogate while 8 others post 40 valid
    answers each: every valid answer is confirmed and stored, every bad one refused (400)."""
    article = factories.GuidanceArticlePageFactory(parent=home, slug="blandat")
    settings.RATE_LIMIT_SCALE = 1000
    confirmed, refused, failures = [], [], []
    poison = ["a\x00b", "a\ud800b"]

    def worker(number, bad):
        client = Client()
        try:
            for i in range(40):
                data = {"page": article.pk, "helpful": True}
                if bad:
                    data["comment"] = poison[i % 2]
                response = client.post(
                    ANSWER_URL,
                    json.dumps(data),
                    content_type="application/json",
                )
                if bad and response.status_code == 400:
                    refused.append(1)
                elif not bad and response.status_code == 201:
                    confirmed.append(1)
                else:
                    failures.append((bad, response.status_code))
        except Exception as error:  # noqa: BLE001 - any failure in a thread must fail the test
            failures.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(n, n < 4)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert (len(confirmed), len(refused)) == (320, 160)
    assert Feedback.objects.filter(page=article).count() == len(confirmed)
    assert FeedbackMonth.objects.get(page=article).answers == len(confirmed)
