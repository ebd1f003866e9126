"""Issue #23, case 5: input an attacker sends is a 4xx with a message, never a 5xx, and nothing
is stored. The URLs and bodies are the ones from the issue: a NUL byte in any query parameter or
token, a JSON number that is no number, a honeypot that is not text, a lone surrogate in a
comment or a name, a search of 500 words, a NUL byte in a comment (400, not "try again").

Under /api/ the answer is problem+json; elsewhere a Swedish message (JSON `{"error": ...}` for
the forms' scripts, an HTML page for a plain form post)."""

import json

import pytest
from django.core.cache import cache

from base.models import PagePreview
from comments.models import Comment
from feedback.models import Feedback

PROBLEM_JSON = "application/problem+json"
SWEDISH_NUL = "nolltecken"  # core.input_guard: "…tecken som inte kan sparas (ett nolltecken)."


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


def assert_refused(response, *, api=False):
    """A 4xx with a message, never a 5xx; problem+json under /api/."""
    assert 400 <= response.status_code < 500, (response.status_code, response.content[:300])
    if api:
        assert response["Content-Type"] == PROBLEM_JSON, response["Content-Type"]
        problem = response.json()
        assert problem["status"] == response.status_code
        assert problem.get("detail") or problem.get("errors")
    elif response["Content-Type"].startswith("application/json"):
        assert response.json()["error"]
    else:
        assert response.content.strip()
    body = response.content.decode()
    assert "Traceback" not in body
    assert "\x00" not in body


def post_json(client, url, body, **headers):
    """POST a raw JSON text (so `Infinity`, `1e400` and lone surrogates go out as written)."""
    return client.post(url, body, content_type="application/json", **headers)


# --- A NUL byte in any query parameter or token -------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "/api/v3/pages/?search=a%00b",
        "/api/v3/pages/find/?html_path=/a%00/",
        "/api/v3/webinars/episodes/?series=a%00",
        "/api/v3/webinars/series/?locale=sv%00",
        "/api/v3/images/?search=a%00b",
        "/api/v3/documents/?search=a%00b",
        "/api/v3/site/find/?path=/a%00/",
        "/api/v3/search/?q=a%00b",
        "/api/v3/comments/?page=1%00",
        "/api/v3/pages/?a%00b=1",  # in a parameter's name
    ],
)
def test_a_nul_byte_in_an_api_query_is_a_400_problem(client, episode, query):
    path, _, query_string = query.partition("?")
    response = client.get(path, QUERY_STRING=query_string)
    assert response.status_code == 400
    assert_refused(response, api=True)
    if "locale" not in query:  # (the unknown locale is named first: a 400 all the same)
        assert SWEDISH_NUL in response.json()["detail"]


def test_a_nul_byte_in_a_preview_token_is_a_400(client, episode):
    token = PagePreview.snapshot(episode).token
    response = client.get("/api/v3/site/preview/", QUERY_STRING=f"token={token}%00")
    assert response.status_code == 400
    assert_refused(response, api=True)


def test_a_nul_byte_on_the_search_page_is_a_swedish_400(client, home):
    response = client.get("/sok/", QUERY_STRING="q=abc&serie=a%00")
    assert response.status_code == 400
    assert_refused(response)
    assert SWEDISH_NUL in response.content.decode()


def test_a_lone_surrogate_in_a_query_is_a_client_error(client, home):
    """`%ED%A0%80` is a surrogate's UTF-8 form: Django decodes it as a replacement character,
    so it is a harmless search or a 400, never a 500."""
    for path, query in [
        ("/api/v3/pages/", "search=a%ED%A0%80b"),
        ("/api/v3/webinars/episodes/", "series=%ED%A0%80"),
        ("/sok/", "q=abc&serie=%ED%A0%80"),
    ]:
        response = client.get(path, QUERY_STRING=query)
        assert response.status_code in (200, 400), (path, response.status_code)


# --- JSON numbers that are no numbers, honeypots that are not text ------------------------


@pytest.mark.parametrize("url", ["/api/v3/feedback/", "/feedback/"])
@pytest.mark.parametrize("page", ["Infinity", "-Infinity", "NaN", "1e400", "-1e400"])
def test_a_page_number_that_is_no_number_is_a_400(client, article, url, page):
    response = post_json(client, url, f'{{"page": {page}, "helpful": true}}')
    assert response.status_code == 400
    assert_refused(response, api=url.startswith("/api/"))
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("url", ["/api/v3/feedback/", "/feedback/"])
@pytest.mark.parametrize("honeypot", ["1", "1.5", "[1]", "[]", '{"a": 1}', "{}", "true", "false"])
def test_a_honeypot_that_is_not_text_is_a_client_error(client, article, url, honeypot):
    body = f'{{"page": {article.pk}, "helpful": true, "website": {honeypot}}}'
    response = post_json(client, url, body)
    assert response.status_code in (400, 422)  # 422: the API's schema says what is wrong
    assert_refused(response, api=url.startswith("/api/"))
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("honeypot", ["1", "[1]", '{"a": 1}', "true"])
def test_a_comment_honeypot_that_is_not_text_is_a_client_error(client, release, honeypot):
    for url in ("/kommentarer/", "/api/v3/comments/"):
        body = f'{{"page": {release.pk}, "body": "Hej", "website": {honeypot}}}'
        response = post_json(client, url, body)
        assert response.status_code in (400, 422), url
        assert_refused(response, api=url.startswith("/api/"))
    assert not Comment.objects.exists()


@pytest.mark.parametrize("url", ["/api/v3/feedback/", "/feedback/", "/api/v3/comments/"])
def test_a_number_too_long_to_read_is_a_400(client, article, url):
    """Python refuses to read an integer of over 4,300 digits (a ValueError): found by the
    fuzz test (tests/api/test_fuzz.py)."""
    response = post_json(client, url, '{"page": ' + "9" * 5000 + ', "helpful": true}')
    assert response.status_code == 400
    assert_refused(response, api=url.startswith("/api/"))
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("offset", ["%C2%B2", "9" * 5000, "%D9%A3"])
@pytest.mark.parametrize("path", ["/api/v3/pages/", "/api/v3/webinars/episodes/"])
def test_an_offset_that_is_no_plain_number_is_a_400(client, episode, path, offset):
    """`²` is a digit to str.isdigit() but not to int(); 5,000 digits are too many for int()."""
    response = client.get(path, QUERY_STRING=f"offset={offset}")
    assert response.status_code == 400
    assert_refused(response, api=True)


@pytest.mark.parametrize(
    "path", ["/api/v3/webinars/episodes/", "/api/v3/site/breadcrumbs/", "/api/v3/media/"]
)
def test_an_id_larger_than_the_database_takes_is_a_400(client, episode, path):
    """SQLite cannot compare a number past 2**63 - 1 at all: it was an OverflowError, a 500."""
    response = client.get(f"{path}{2**63}/")
    assert response.status_code == 400
    assert_refused(response, api=True)


@pytest.mark.parametrize("value", [2**63, 2**64, 10**30])
@pytest.mark.parametrize(
    "query",
    [
        "/api/v3/webinars/episodes/?speaker={}",
        "/api/v3/webinars/episodes/?organisation={}",
        "/api/v3/search/?q=webbinarium&organisation={}",
        "/api/v3/comments/?page={}",
        "/api/v3/site/cards/?child_of={}",
    ],
)
def test_an_id_filter_larger_than_the_database_takes_is_a_400(client, episode, query, value):
    """The same bound as an id in the path (core.api_params.QueryId), not an OverflowError."""
    response = client.get(query.format(value))
    assert response.status_code == 400
    assert_refused(response, api=True)


@pytest.mark.parametrize("path", ["/api/v3/feedback/", "/api/v3/comments/"])
def test_a_page_id_larger_than_the_database_takes_is_a_400_in_a_body(client, episode, path):
    body = json.dumps({"page": 2**64, "helpful": True, "body": "Hej"})
    response = client.post(path, body, content_type="application/json")
    assert response.status_code == 400
    assert_refused(response, api=True)


@pytest.mark.parametrize(
    "path",
    [
        "/webbinarier/kalender/{}.ics",
        "/webbinarier/transkribering/{}.txt",
        "/en/webinars/transcript/{}.txt",
    ],
)
def test_an_episode_file_by_an_id_larger_than_the_database_takes_is_not_found(
    client, episode, path
):
    """A number no row can have matches no route (core.converters); SQLite could not compare it."""
    for value in (2**63, 2**64, 10**30):
        assert client.get(path.format(value)).status_code == 404
    assert client.get(path.format(2**63 - 1)).status_code == 404  # the largest: no such row


# --- Lone surrogates and NUL bytes in what a visitor writes -------------------------------


@pytest.mark.parametrize("text", ["a\\ud800b", "\\udfff", "a\\u0000b"])
@pytest.mark.parametrize("url", ["/feedback/", "/api/v3/feedback/"])
def test_an_answer_with_a_comment_that_cannot_be_stored_is_a_400(client, article, url, text):
    body = f'{{"page": {article.pk}, "helpful": false, "comment": "{text}"}}'
    response = post_json(client, url, body)
    assert response.status_code == 400
    assert_refused(response, api=url.startswith("/api/"))
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("text", ["a\\ud800b", "a\\u0000b"])
@pytest.mark.parametrize(
    ("answer_url", "comment_url"),
    [("/feedback/", "/feedback/kommentar/"), ("/api/v3/feedback/", "/api/v3/feedback/comment/")],
)
def test_a_follow_up_comment_that_cannot_be_stored_is_a_400_not_a_503(
    client, article, answer_url, comment_url, text
):
    """A NUL byte used to give "try again" (503), where a retry can never succeed."""
    answered = post_json(client, answer_url, json.dumps({"page": article.pk, "helpful": False}))
    token = answered.json()["comment_token"]
    response = post_json(client, comment_url, f'{{"token": "{token}", "comment": "{text}"}}')
    assert response.status_code == 400
    assert_refused(response, api=comment_url.startswith("/api/"))
    assert Feedback.objects.get().comment == ""


def test_a_nul_byte_in_a_plain_form_comment_is_a_swedish_400(client, article):
    response = client.post("/feedback/", {"page": article.pk, "helpful": "nej", "comment": "a\x00"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert SWEDISH_NUL in response.content.decode()
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("field", ["name", "body"])
@pytest.mark.parametrize("text", ["a\\ud800b", "\\udc00", "a\\u0000b"])
@pytest.mark.parametrize("url", ["/kommentarer/", "/api/v3/comments/"])
def test_a_comment_or_name_that_cannot_be_stored_is_a_400_as_json(
    client, release, url, field, text
):
    fields = {"name": "Karin", "body": "Bra sida."}
    fields[field] = "TEXT"
    body = json.dumps({"page": release.pk, **fields}).replace("TEXT", text)
    response = post_json(client, url, body)
    assert response.status_code == 400
    assert_refused(response, api=url.startswith("/api/"))
    assert not Comment.objects.exists()


@pytest.mark.parametrize("field", ["name", "body"])
def test_a_nul_byte_in_a_comment_form_is_a_swedish_400(client, release, field):
    fields = {"page": release.pk, "name": "Karin", "body": "Bra sida."}
    fields[field] = "a\x00b"
    response = client.post("/kommentarer/", fields)
    assert response.status_code == 400
    assert_refused(response)
    assert SWEDISH_NUL in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.parametrize("field", ["name", "body"])
def test_a_surrogate_sent_in_a_form_is_never_a_server_error(client, release, field):
    """A form body is bytes: a surrogate's UTF-8 form (`%ED%A0%80`, what a broken script
    sends) is decoded as a replacement character, never a lone surrogate. Kept as text or
    refused, never a 5xx, and never stored as something the database cannot hold."""
    fields = {"page": str(release.pk), "name": "Karin", "body": "Bra sida."}
    fields[field] = "a%ED%A0%80b"
    body = "&".join(f"{key}={value}" for key, value in fields.items())
    response = client.post("/kommentarer/", body, content_type="application/x-www-form-urlencoded")
    assert response.status_code in (303, 400), response.status_code
    for comment in Comment.objects.all():
        (comment.name + comment.body).encode("utf-8")  # storable text


# --- A body sent to the API as anything but JSON -------------------------------------------

NOT_JSON = [
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "application/xml",
    "",  # no Content-Type at all
]


@pytest.mark.parametrize("content_type", NOT_JSON)
def test_a_comment_sent_to_the_api_as_another_type_is_a_415_and_nothing_is_kept(
    client, release, content_type
):
    """ninja reads any body as JSON: sent as text/plain, a NUL byte passed the input guard
    and was stored (on PostgreSQL a DataError, "try again")."""
    body = json.dumps({"page": release.pk, "body": "NULTEST a\x00b", "name": "x\x00y"})
    response = client.post("/api/v3/comments/", body, content_type=content_type)
    assert response.status_code == 415
    assert_refused(response, api=True)
    assert "ska skickas som JSON" in response.json()["detail"]
    assert not Comment.objects.exists()


def test_a_feedback_comment_sent_to_the_api_as_text_is_a_415(client, article):
    answered = post_json(
        client, "/api/v3/feedback/", json.dumps({"page": article.pk, "helpful": False})
    )
    token = answered.json()["comment_token"]
    body = json.dumps({"token": token, "comment": "a\x00b"})
    response = client.post("/api/v3/feedback/comment/", body, content_type="text/plain")
    assert response.status_code == 415
    assert_refused(response, api=True)
    assert Feedback.objects.get().comment == ""


@pytest.mark.parametrize(
    "body",
    ['{"page": ' + "9" * 4400 + ', "helpful": true}', "[" * 100_000 + "]" * 100_000],
)
def test_what_json_cannot_read_sent_as_text_is_a_415_without_internal_text(client, body):
    """It was a 400 with Python's own words ("Exceeds the limit (4300 digits)", "maximum
    recursion depth exceeded")."""
    response = client.post("/api/v3/feedback/", body, content_type="text/plain")
    assert response.status_code == 415
    assert_refused(response, api=True)
    assert "limit" not in response.json()["detail"]
    assert "recursion" not in response.json()["detail"]


def test_the_415_is_in_english_by_accept_language(client):
    response = client.post(
        "/api/v3/comments/", "{}", content_type="text/plain", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 415
    assert response.json()["detail"] == (
        "The content must be sent as JSON (Content-Type: application/json)."
    )


def test_an_api_post_without_a_body_is_no_415(client):
    """Wagtail's page actions (publish) take no body: what an empty body lacks is for the
    endpoint to say."""
    response = client.post("/api/v3/comments/", "", content_type="text/plain")
    assert response.status_code == 400
    assert_refused(response, api=True)


def test_the_public_comment_form_still_takes_a_form_post(client, release):
    response = client.post("/kommentarer/", {"page": release.pk, "name": "Karin", "body": "Bra!"})
    assert response.status_code == 303
    assert Comment.objects.get().body == "Bra!"


def test_an_upload_to_the_api_is_still_taken_as_multipart(client):
    """Wagtail's image and document uploads take multipart/form-data: the token is missing
    here (401), the type is right."""
    response = client.post("/api/v3/images/", {"title": "Bild"})
    assert response.status_code == 401


def test_the_openapi_document_declares_the_types_taken_and_the_415(client, home):
    document = client.get("/api/v3/openapi.json").json()
    operations = [op for item in document["paths"].values() for op in item.values()]
    with_body = [op for op in operations if "requestBody" in op]
    assert with_body
    for operation in with_body:
        taken = set(operation["requestBody"]["content"])
        assert taken <= {"application/json", "multipart/form-data"}, operation["operationId"]
        assert PROBLEM_JSON in operation["responses"]["415"]["content"], operation["operationId"]


# --- A search of 500 words ------------------------------------------------------------------


@pytest.mark.parametrize(
    "words",
    [
        " ".join(["tjänstedesign"] * 500),
        " ".join(f"ord{number}" for number in range(500)),
        " OR ".join(["a"] * 500),
        "(" * 500 + "a" + ")" * 500,
    ],
)
def test_a_search_of_500_words_is_answered_never_a_500(client, episode, words):
    """It used to end in a RecursionError (Wagtail's query parser)."""
    response = client.get("/api/v3/pages/", {"search": words})
    assert response.status_code in (200, 400), response.status_code
    if response.status_code == 400:
        assert_refused(response, api=True)
    for path in ("/api/v3/images/", "/api/v3/documents/"):
        assert client.get(path, {"search": words}).status_code in (200, 400), path


def test_an_over_long_api_search_is_refused_before_the_database_in_the_clients_language(
    client, episode, django_assert_num_queries
):
    words = " ".join(["tjänstedesign"] * 500)
    with django_assert_num_queries(0):
        response = client.get("/api/v3/pages/", {"search": words})
    assert response.status_code == 400
    assert "högst 200 tecken" in response.json()["detail"]
    english = client.get("/api/v3/pages/", {"search": words}, HTTP_ACCEPT_LANGUAGE="en")
    assert "at most 200 characters" in english.json()["detail"]
    # A search of a few words still runs.
    assert client.get("/api/v3/pages/", {"search": "inledning"}).status_code == 200
