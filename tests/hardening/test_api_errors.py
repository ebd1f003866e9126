"""Issue #23, cases 6 and 7: outages and formats.

- 6: with the database or Redis down, the API answers a 503 problem with `Retry-After` and
  nothing internal (no host, port or exception name), never 400 "Validation failed".
- 7: every error under /api/ is `application/problem+json` (404, 405, 413, 429, 500, 503),
  with `Retry-After` on 429 and 503; HEAD works wherever GET does, OPTIONS answers; the public
  forms' 429 and 503 say `Retry-After`; a preview answer is `no-store`; a refused `next=`
  lands on the home page. (The issue's page cache keyed on `?utm_x=N` is gone: the project
  keeps no page cache any more, so there is nothing left to test there.)"""

import json

import pytest
from django.core.cache import cache

from base.models import PagePreview
from comments.models import Comment
from feedback.models import Feedback
from tests import factories
from tests.api.conftest import restrict
from tests.ops.conftest import closed_port, database_down

pytestmark = pytest.mark.search_index

PROBLEM_JSON = "application/problem+json"
# What must never reach a client: the closed port's host, driver and exception names.
INTERNAL = (
    "127.0.0.1",
    "localhost",
    "Connection refused",
    "OperationalError",
    "ConnectionError",
    "Error ",
    "Traceback",
    "redis",
    "psycopg",
    "Validation failed",
)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


@pytest.fixture
def redis_down(settings):
    """The default cache is a Redis nothing listens on (as tests/ops/conftest.py's
    `redis_down_cache`), short time-outs."""
    port = closed_port()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    return port


def assert_problem(response, status, *, secret=""):
    assert response.status_code == status, (response.status_code, response.content[:300])
    assert response["Content-Type"] == PROBLEM_JSON, response["Content-Type"]
    problem = response.json()
    assert problem["status"] == status
    assert problem.get("title")
    assert problem.get("detail") or problem.get("errors")
    if status in (429, 503):
        assert int(response["Retry-After"]) > 0
    text = response.content.decode()
    for word in (*INTERNAL, *([secret] if secret else [])):
        assert word not in text, word
    return problem


# --- Case 6: outages ----------------------------------------------------------------------

OUTAGE_PATHS = ["/api/v3/pages/", "/api/v3/webinars/episodes/"]


@pytest.mark.parametrize("path", OUTAGE_PATHS)
def test_with_the_database_down_the_api_is_a_503_problem(client, episode, path):
    with database_down():
        response = client.get(path)
    problem = assert_problem(response, 503, secret='"db"')
    assert problem["detail"].startswith("Tjänsten är tillfälligt otillgänglig")


@pytest.mark.parametrize("path", OUTAGE_PATHS)
def test_with_redis_down_the_api_is_a_503_problem(client, episode, redis_down, path):
    """The listings read the site's root paths through the cache: that fails inside a
    response field, and the answer is a 503 problem without the Redis address, never 400
    "Validation failed" with it."""
    assert_problem(client.get(path), 503, secret=str(redis_down))


def test_with_redis_down_a_post_is_a_503_problem_and_keeps_nothing(client, article, redis_down):
    response = client.post(
        "/api/v3/feedback/",
        json.dumps({"page": article.pk, "helpful": True}),
        content_type="application/json",
    )
    assert_problem(response, 503, secret=str(redis_down))
    assert not Feedback.objects.exists()


def test_an_outage_inside_a_response_field_is_a_503_not_validation_failed(client, episode):
    """register_error_handlers: an OperationalError raised while a field is read (pydantic
    reports it as a validation error) is a 503 problem without its text."""
    with database_down():
        response = client.get(f"/api/v3/webinars/episodes/{episode.pk}/")
    assert_problem(response, 503, secret='"db"')


# --- Case 7: every /api/ error is problem+json --------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/api/v3/finns-inte/",
        "/api/v3/webinars/finns-inte/",
        "/api/v3/pages/99999999/",
        "/api/v3/webinars/episodes/99999999/",
        "/api/v3/images/99999999/",
        "/api/v3/documents/99999999/",
        "/api/v3/media/99999999/",
        "/api/v4/",
    ],
)
def test_unknown_paths_and_ids_are_a_404_problem(client, home, path):
    assert_problem(client.get(path), 404)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("delete", "/api/v3/webinars/episodes/"),
        ("put", "/api/v3/webinars/series/"),
        ("patch", "/api/v3/site/navigation/"),
        ("delete", "/api/v3/search/"),
        ("get", "/api/v3/feedback/"),
        ("get", "/api/v3/feedback/comment/"),
        ("delete", "/api/v3/comments/"),
    ],
)
def test_a_method_an_endpoint_does_not_take_is_a_405_problem(client, home, method, path):
    response = getattr(client, method)(path)
    assert_problem(response, 405)
    assert response["Allow"]


def test_a_body_over_the_size_limit_is_a_413_problem(client, settings, article):
    body = json.dumps({"page": article.pk, "helpful": True, "comment": "x" * 100})
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = len(body) - 1
    for path in ("/api/v3/feedback/", "/api/v3/comments/"):
        response = client.post(path, body, content_type="application/json")
        assert_problem(response, 413)
    assert not Feedback.objects.exists()


def test_a_body_over_the_default_size_limit_is_a_413_problem(client, settings, article):
    body = json.dumps({"page": article.pk, "helpful": True, "comment": "x" * 2_700_000})
    assert len(body) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert_problem(client.post("/api/v3/feedback/", body, content_type="application/json"), 413)


def test_exceeding_the_feedback_rate_limit_is_a_429_problem(client, article):
    body = json.dumps({"page": article.pk, "helpful": True})
    statuses = [
        client.post("/api/v3/feedback/", body, content_type="application/json").status_code
        for _ in range(30)
    ]
    assert statuses == [201] * 30
    response = client.post("/api/v3/feedback/", body, content_type="application/json")
    assert_problem(response, 429)
    assert Feedback.objects.count() == 30


def test_exceeding_the_comment_rate_limit_is_a_429_problem(client, release):
    body = json.dumps({"page": release.pk, "body": "Bra."})
    for _ in range(5):
        assert client.post("/api/v3/comments/", body, content_type="application/json").status_code
    response = client.post("/api/v3/comments/", body, content_type="application/json")
    assert_problem(response, 429)


def test_a_server_error_is_a_500_problem_without_its_text(client, release, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("geheimer interner Zustand")

    monkeypatch.setattr("comments.api.check_params", broken)
    client.raise_request_exception = False
    response = client.get("/api/v3/comments/", {"page": release.pk})
    problem = assert_problem(response, 500, secret="geheimer")
    assert "RuntimeError" not in response.content.decode()
    assert problem["detail"].startswith("Ett oväntat fel uppstod")
    assert "no-store" in response["Cache-Control"]


def test_errors_follow_the_clients_language(client, home):
    swedish = client.get("/api/v3/finns-inte/")
    assert swedish.json()["detail"].startswith("Det finns inget här")
    english = client.get("/api/v3/finns-inte/", HTTP_ACCEPT_LANGUAGE="en")
    assert english.json()["detail"].startswith("Nothing here")
    # Wagtail's own lookups, our routers' and a query that fails validation too.
    for path in ("/api/v3/pages/999999/", "/api/v3/webinars/episodes/999999/"):
        assert (
            client.get(path).json()["detail"] == "Inget publicerat har det id:t eller den adressen."
        )
        english = client.get(path, HTTP_ACCEPT_LANGUAGE="en").json()
        assert english["detail"] == "Nothing published has that id or address."
    assert (
        client.get("/api/v3/site/breadcrumbs/999999/", HTTP_ACCEPT_LANGUAGE="en").json()["detail"]
        == "No published page has id 999999."
    )
    invalid = client.get("/api/v3/webinars/episodes/", {"limit": "många"})
    assert invalid.json()["detail"] == "Förfrågan har fel; se errors."
    refused = client.delete("/api/v3/webinars/episodes/", HTTP_ACCEPT_LANGUAGE="en")
    assert refused.json()["detail"] == "The method is not allowed here."
    nul = client.get("/api/v3/pages/", QUERY_STRING="search=a%00", HTTP_ACCEPT_LANGUAGE="en")
    assert "NUL character" in nul.json()["detail"]
    nul = client.get("/en/sok/", QUERY_STRING="q=a%00")
    assert nul.status_code == 400 and "NUL character" in nul.content.decode()


# --- HEAD and OPTIONS ---------------------------------------------------------------------


@pytest.fixture
def readable(episode, release):
    """Every public GET endpoint with something to read."""
    episode.save_revision().publish()
    factories.CommentFactory(page=release, body="Godkänd")
    return [
        "/api/v3/openapi.json",
        "/api/v3/pages/",
        f"/api/v3/pages/{episode.pk}/",
        "/api/v3/pages/find/?html_path=/",
        "/api/v3/webinars/episodes/",
        f"/api/v3/webinars/episodes/{episode.pk}/",
        "/api/v3/webinars/series/",
        "/api/v3/site/navigation/",
        "/api/v3/site/find/?path=/",
        f"/api/v3/site/breadcrumbs/{episode.pk}/",
        f"/api/v3/comments/?page={release.pk}",
        "/api/v3/search/?q=inledning",
        "/api/v3/search/suggestions/?q=inl",
        "/api/v3/images/",
        "/api/v3/documents/",
        "/api/v3/media/",
        "/api/v3/finns-inte/",
        "/api/v3/webinars/episodes/?limit=1000",
        "/",
        "/sok/?q=inledning",
        "/robots.txt",
        "/sitemap.xml",
        "/healthz",
    ]


def test_head_answers_wherever_get_does_with_the_same_headers_and_no_body(client, readable):
    compared = ("Content-Type", "Cache-Control", "ETag", "Last-Modified", "Vary", "Allow")
    for url in readable:
        path, _, query = url.partition("?")
        got = client.get(path, QUERY_STRING=query)
        head = client.head(path, QUERY_STRING=query)
        assert head.status_code == got.status_code, (url, head.status_code, got.status_code)
        assert got.status_code != 405, url
        assert head.content == b"", url
        for header in compared:
            assert head.get(header) == got.get(header), (url, header)
        if got.status_code in (301, 302, 304) or got.streaming:
            continue
        if head.has_header("Content-Length"):
            assert int(head["Content-Length"]) == len(got.content), url


def test_options_answers_with_the_methods_there_are(client, home):
    for path in ("/api/v3/pages/", "/api/v3/webinars/episodes/", "/api/v3/feedback/"):
        response = client.options(path)
        assert response.status_code in (200, 204), path
        assert "GET" in response["Allow"] and "HEAD" in response["Allow"], path


def test_head_is_conditional_like_get(client, episode):
    episode.save_revision().publish()
    url = f"/api/v3/webinars/episodes/{episode.pk}/"
    etag = client.get(url)["ETag"]
    assert client.head(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


# --- The public forms' 429 and 503 --------------------------------------------------------


def post_form(client, url, data, as_json=True):
    """As the form's script posts it (JSON), or as a plain form post without JavaScript."""
    if as_json:
        return client.post(url, json.dumps(data), content_type="application/json")
    return client.post(url, data)


@pytest.mark.parametrize(
    ("url", "limit", "model"), [("/feedback/", 30, Feedback), ("/kommentarer/", 5, Comment)]
)
@pytest.mark.parametrize("as_json", [True, False])
def test_the_public_forms_429_says_retry_after(
    client, article, release, url, limit, model, as_json
):
    page = article if url == "/feedback/" else release
    data = {"page": page.pk, "helpful": "ja", "name": "Karin", "body": "Bra sida."}
    for _ in range(limit):
        post_form(client, url, data, as_json)
    response = post_form(client, url, data, as_json)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert model.objects.count() == limit


@pytest.mark.parametrize("url", ["/feedback/", "/kommentarer/"])
@pytest.mark.parametrize("as_json", [True, False])
def test_the_public_forms_503_says_retry_after(client, article, release, url, as_json):
    page = article if url == "/feedback/" else release
    data = {"page": page.pk, "helpful": "ja", "body": "Bra sida."}
    with database_down():
        response = post_form(client, url, data, as_json)
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    text = response.content.decode()
    for word in ("Connection refused", "OperationalError", "Traceback"):
        assert word not in text


def test_the_forms_503_with_redis_down_says_retry_after(client, article, release, redis_down):
    for url, page in (("/feedback/", article), ("/kommentarer/", release)):
        data = {"page": page.pk, "helpful": "ja", "body": "Bra sida."}
        response = post_form(client, url, data)
        assert response.status_code == 503, url
        assert int(response["Retry-After"]) > 0, url
        assert str(redis_down) not in response.content.decode()


# --- Preview, next= -----------------------------------------------------------------------


def test_a_preview_answer_is_never_stored_by_a_cache(client, episode):
    token = PagePreview.snapshot(episode).token
    response = client.get("/api/v3/site/preview/", {"token": token})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    assert "s-maxage" not in response["Cache-Control"]
    for params in ({"token": "x" * 43}, {}):
        refused = client.get("/api/v3/site/preview/", params)
        assert refused.status_code in (400, 404)
        assert "no-store" in refused["Cache-Control"]


def test_a_preview_answer_is_never_stored_even_with_a_front_cache(client, settings, episode):
    settings.FRONTEND_CACHE_SECONDS = 3600
    token = PagePreview.snapshot(episode).token
    response = client.get("/api/v3/site/preview/", {"token": token})
    assert "no-store" in response["Cache-Control"]
    assert "s-maxage" not in response["Cache-Control"]


def test_a_refused_next_on_the_page_password_form_lands_on_the_home_page(client, episode):
    restriction = restrict(episode, "password")
    url = f"/_util/authenticate_with_password/{restriction.pk}/{episode.pk}/"
    for unsafe in ("https://evil.example/", "//evil.example/", "javascript:alert(1)"):
        response = client.post(url, {"password": "hemligt", "return_url": unsafe})
        assert (response.status_code, response["Location"]) == (302, "/"), unsafe


def test_a_refused_next_on_the_login_form_lands_on_the_home_page(client, django_user_model):
    django_user_model.objects.create_user("besokare", "b@example.invalid", "rätt-lösen")
    response = client.post(
        "/_util/login/?next=https://evil.example/",
        {"username": "besokare", "password": "rätt-lösen", "next": "https://evil.example/"},
        REMOTE_ADDR="203.0.113.8",
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
