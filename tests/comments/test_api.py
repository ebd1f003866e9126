"""Comments in the JSON API: read the approved ones, post a new one under the same rules."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from comments.models import BODY_MAX_LENGTH, NAME_MAX_LENGTH, Comment
from feedback.models import COMMENT_MAX_LENGTH
from tests import factories

from .conftest import API, post_json


def test_read_lists_only_approved_comments_oldest_first_without_identifying_fields(client, release):
    first = factories.CommentFactory(page=release, name="Karin", body="<b>Först</b>")
    second = factories.CommentFactory(page=release, name="", body="Sedan")
    Comment.objects.filter(pk=first.pk).update(created_at=timezone.now() - timedelta(hours=1))
    factories.CommentFactory(page=release, status="pending", body="Väntar")
    factories.CommentFactory(page=release, status="rejected", body="Avvisad")
    response = client.get(API, {"page": release.pk})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2 and body["comments_open"] is True
    assert [item["id"] for item in body["items"]] == [first.pk, second.pk]
    assert body["items"][0]["body"] == "<b>Först</b>"  # plain text, for the client to escape
    assert body["items"][1]["name"] == "Anonym"
    assert set(body["items"][0]) == {"id", "name", "body", "created_at", "reply"}
    assert "Väntar" not in response.content.decode()
    assert "Avvisad" not in response.content.decode()


def test_read_is_paginated_with_limit_and_offset(client, release):
    factories.CommentFactory.create_batch(5, page=release)
    body = client.get(API, {"page": release.pk, "limit": 2, "offset": 4}).json()
    assert body["count"] == 5 and len(body["items"]) == 1


@pytest.mark.parametrize(
    "params",
    [{}, {"page": "x"}, {"page": 0}, {"limit": 101}, {"offset": -1}, {"hello": 1}],
)
def test_bad_reads_are_400(client, release, params):
    query = {"page": release.pk, **params} if params and "page" not in params else params
    response = client.get(API, query)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


def test_drafts_and_private_pages_are_404(client, press_index):
    draft = factories.PressReleasePageFactory(parent=press_index, slug="utkast", live=False)
    private = factories.PressReleasePageFactory(parent=press_index, slug="privat")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    for page in (draft, private):
        factories.CommentFactory(page=page, body="Hemlig")
        response = client.get(API, {"page": page.pk})
        assert response.status_code == 404
        assert "Hemlig" not in response.content.decode()


def test_post_stores_a_pending_comment_that_is_not_listed(client, release):
    response = post_json(client, API, {"page": release.pk, "name": "Ola", "body": "Fråga?"})
    assert response.status_code == 202
    assert response.json()["message"].startswith("Tack för din kommentar!")
    assert Comment.objects.get().status == "pending"
    assert client.get(API, {"page": release.pk}).json()["count"] == 0


def test_post_follows_the_same_rules_as_the_form(client, release, settings):
    assert post_json(client, API, {"page": release.pk, "body": " "}).status_code == 400
    too_long = post_json(client, API, {"page": release.pk, "body": "x" * 2001})
    assert too_long.status_code == 400
    assert "högst 2000 tecken" in too_long.json()["detail"]
    honeypot = post_json(client, API, {"page": release.pk, "body": "Spam", "website": "x"})
    assert honeypot.status_code == 202
    other_site = post_json(
        client, API, {"page": release.pk, "body": "Hej"}, HTTP_ORIGIN="https://evil.example"
    )
    assert other_site.status_code == 403
    assert not Comment.objects.exists()


@pytest.mark.parametrize("page", [True, 1.0, "sida"])
def test_post_naming_no_page_id_is_a_400(client, release, page):
    """`true` is no page id: it was read as page 1, the root."""
    response = post_json(client, API, {"page": page, "body": "Hej"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert not Comment.objects.exists()


def test_post_to_closed_or_hidden_pages_is_refused_in_swedish(client, release, press_index):
    release.comments_close_at = timezone.now() - timedelta(days=1)
    release.save_revision().publish()
    response = post_json(client, API, {"page": release.pk, "body": "Sent"})
    assert response.status_code == 403
    assert response.json()["detail"] == "Kommentarerna på den här sidan är stängda."
    assert client.get(API, {"page": release.pk}).json()["comments_open"] is False
    draft = factories.PressReleasePageFactory(parent=press_index, slug="utkast", live=False)
    assert post_json(client, API, {"page": draft.pk, "body": "Hej"}).status_code == 404
    assert not Comment.objects.exists()


def test_post_is_rate_limited_together_with_the_form(client, release):
    for number in range(3):
        assert post_json(client, API, {"page": release.pk, "body": f"{number}"}).status_code == 202
    for number in range(2):
        response = client.post("/kommentarer/", {"page": release.pk, "body": f"form {number}"})
        assert response.status_code == 303
    response = post_json(client, API, {"page": release.pk, "body": "en till"})
    assert response.status_code == 429
    assert Comment.objects.count() == 5


def test_api_errors_follow_accept_language(client, release):
    release.comments_enabled = False
    release.save_revision().publish()
    response = post_json(client, API, {"page": release.pk, "body": "Hi"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert response.json()["detail"] == "This page does not take comments."


def test_openapi_documents_the_comments_endpoints(client, home):
    # tests/api/test_http_api.py validates the whole document.
    document = client.get("/api/v3/openapi.json").json()
    assert {"get", "post"} <= set(document["paths"][API])
    # The limits a client reads are the ones the server keeps (the same for feedback's).
    schemas = document["components"]["schemas"]
    assert schemas["NewCommentIn"]["properties"]["body"]["maxLength"] == BODY_MAX_LENGTH
    assert schemas["NewCommentIn"]["properties"]["name"]["maxLength"] == NAME_MAX_LENGTH
    for name in ("AnswerIn", "FeedbackCommentIn"):
        assert schemas[name]["properties"]["comment"]["maxLength"] == COMMENT_MAX_LENGTH
