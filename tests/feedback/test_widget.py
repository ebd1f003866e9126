"""The public side of "Hjälpte informationen på sidan dig?": with and without JavaScript."""

import json
import re
import threading
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import OperationalError, connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from feedback.models import Feedback, FeedbackMonth
from feedback.services import comment_token
from tests import factories

ANSWER_URL = "/feedback/"
COMMENT_URL = "/feedback/kommentar/"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


@pytest.fixture
def article(home):
    return factories.GuidanceArticlePageFactory(parent=home, slug="anvandardriven-innovation")


def post_json(client, url, data, **headers):
    return client.post(url, json.dumps(data), content_type="application/json", **headers)


def test_every_content_page_asks_the_question(client, article):
    html = client.get(article.url).content.decode()
    assert "Hjälpte informationen på sidan dig?" in html
    assert f'action="{ANSWER_URL}"' in html
    assert 'name="helpful" value="ja"' in html and 'name="helpful" value="nej"' in html


def test_editors_can_switch_the_question_off_per_page(client, article):
    article.feedback_enabled = False
    article.save_revision().publish()
    assert "Hjälpte informationen" not in client.get(article.url).content.decode()
    response = client.post(ANSWER_URL, {"page": article.pk, "helpful": "ja"})
    assert response.status_code == 404
    assert not Feedback.objects.exists()


def test_without_javascript_an_answer_returns_to_the_page_with_thanks_and_a_comment_form(
    client, article
):
    response = client.post(ANSWER_URL, {"page": article.pk, "helpful": "nej"})
    assert response.status_code == 303
    assert response["Location"].startswith(f"{article.url}?feedback=")
    assert response["Location"].endswith("#feedback")

    html = client.get(response["Location"].split("#")[0] + "").content.decode()
    assert "Tack för att du hjälper oss!" in html
    assert "Vad kan vi göra bättre?" in html
    assert "Skriv inte personuppgifter" in html and "Högst 1000 tecken" in html

    feedback = Feedback.objects.get()
    assert feedback.helpful is False
    assert feedback.page_id == article.pk
    assert feedback.page_title == article.title
    assert feedback.page_url == article.url
    assert feedback.locale_id == article.locale_id
    assert feedback.revision_id == article.live_revision_id


def test_without_javascript_a_comment_is_attached_to_the_answer_it_follows(client, article):
    answered = client.post(ANSWER_URL, {"page": article.pk, "helpful": "nej"})
    token = parse_qs(urlsplit(answered["Location"]).query)["feedback"][0]
    response = client.post(COMMENT_URL, {"token": token, "comment": "Fler exempel, tack."})
    assert response.status_code == 303
    assert response["Location"] == f"{article.url}?feedback=kommentar#feedback"
    assert Feedback.objects.get().comment == "Fler exempel, tack."
    html = client.get(f"{article.url}?feedback=kommentar").content.decode()
    assert "Tack för din kommentar!" in html
    assert "data-feedback-comment hidden" in html


def test_the_optional_comment_field_is_not_required(client, article):
    """The label says "(frivilligt)": no `required`, so no English browser bubble either."""
    answered = client.post(ANSWER_URL, {"page": article.pk, "helpful": "nej"})
    html = client.get(answered["Location"].split("#")[0]).content.decode()
    textarea = re.search(r"<textarea[^>]*>", html).group(0)
    assert 'name="comment"' in textarea
    assert "required" not in textarea


def test_without_javascript_a_failed_comment_comes_back_with_its_text_and_token(client, article):
    answered = client.post(ANSWER_URL, {"page": article.pk, "helpful": "nej"})
    token = parse_qs(urlsplit(answered["Location"]).query)["feedback"][0]
    too_long = "Mer om kostnaderna. " * 60
    response = client.post(COMMENT_URL, {"token": token, "comment": too_long})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kommentaren får vara högst 1000 tecken." in html
    assert f'name="token" value="{token}"' in html
    assert f">{too_long}</textarea>" in html
    assert 'aria-describedby="feedback-error feedback-comment-hint"' in html
    assert Feedback.objects.get().comment == ""

    # The same form, shortened, goes through.
    retry = client.post(COMMENT_URL, {"token": token, "comment": too_long[:100]})
    assert retry.status_code == 303
    assert Feedback.objects.get().comment == too_long[:100].strip()


def test_with_javascript_the_answer_and_comment_go_as_json(client, article):
    response = client.post(
        ANSWER_URL, {"page": article.pk, "helpful": "ja"}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 201
    body = response.json()
    assert body["message"] == "Tack för att du hjälper oss!"
    comment = client.post(
        COMMENT_URL,
        {"token": body["comment_token"], "comment": "Bra!"},
        HTTP_ACCEPT="application/json",
    )
    assert comment.status_code == 200 and comment.json()["message"] == "Tack för din kommentar!"
    assert Feedback.objects.get().comment == "Bra!"


def test_a_decoupled_front_end_can_post_json_with_the_comment_at_once(client, article):
    response = post_json(
        client, ANSWER_URL, {"page": article.pk, "helpful": False, "comment": "Saknar datum."}
    )
    assert response.status_code == 201
    assert response.json()["comment_token"] is None
    assert Feedback.objects.get().comment == "Saknar datum."


def test_personal_data_is_scrubbed_from_comments(client, article):
    post_json(
        client,
        ANSWER_URL,
        {
            "page": article.pk,
            "helpful": "nej",
            "comment": "Ring mig på 070-123 45 67 eller anna@example.se, pnr 19800101-1234.",
        },
    )
    assert Feedback.objects.get().comment == (
        "Ring mig på [telefonnummer borttaget] eller [e-postadress borttagen], "
        "pnr [personnummer borttaget]."
    )


def test_a_token_cannot_change_someone_elses_answer_or_be_used_twice(client, article):
    mine = Feedback.objects.create(page=article, page_title="x", helpful=True)
    theirs = Feedback.objects.create(page=article, page_title="x", helpful=False)
    forged = comment_token(mine)[:-2] + "xx"
    assert client.post(COMMENT_URL, {"token": forged, "comment": "Hej"}).status_code == 403
    assert client.post(COMMENT_URL, {"token": str(theirs.pk), "comment": "Hej"}).status_code == 403
    token = comment_token(mine)
    assert client.post(COMMENT_URL, {"token": token, "comment": "Första"}).status_code == 303
    assert client.post(COMMENT_URL, {"token": token, "comment": "Andra"}).status_code == 409
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.comment == "Första" and theirs.comment == ""


def test_an_expired_token_is_refused_with_advice(client, article, settings, monkeypatch):
    feedback = Feedback.objects.create(page=article, page_title="x", helpful=True)
    token = comment_token(feedback)
    monkeypatch.setattr("feedback.services.TOKEN_MAX_AGE_SECONDS", -1)
    response = client.post(
        COMMENT_URL, {"token": token, "comment": "Sent"}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 403
    assert "Svara på frågan igen" in response.json()["error"]


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        ({"page": "abc", "helpful": "ja"}, 400, "Sidan kunde inte identifieras"),
        ({"page": 999999, "helpful": "ja"}, 404, "Sidan finns inte"),
        ({"helpful": "ja"}, 400, "Sidan kunde inte identifieras"),
        ({"page": "PAGE", "helpful": "kanske"}, 400, "Svara ja eller nej"),
        ({"page": "PAGE"}, 400, "Svara ja eller nej"),
        ({"page": "PAGE", "helpful": "ja", "comment": "x" * 1001}, 400, "högst 1000 tecken"),
        ({"page": "PAGE", "helpful": "ja", "comment": ["lista"]}, 400, "ska vara text"),
        ({"page": ["PAGE"], "helpful": {"a": 1}}, 400, ""),
    ],
)
def test_bad_answers_get_a_clear_message_and_store_nothing(client, article, data, status, message):
    data = json.loads(json.dumps(data).replace('"PAGE"', str(article.pk)))
    response = post_json(client, ANSWER_URL, data)
    assert response.status_code == status
    assert message in response.json()["error"]
    assert not Feedback.objects.exists()


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("[1, 2]", "application/json"),
        ("x" * 20000, "text/plain"),
    ],
)
def test_malformed_bodies_get_400_or_413(client, article, body, content_type):
    response = client.post(
        ANSWER_URL, body, content_type=content_type, HTTP_ACCEPT="application/json"
    )
    assert response.status_code in (400, 413)
    assert "error" in response.json()


def test_without_javascript_a_bad_answer_shows_a_swedish_page_with_a_way_back(client, article):
    response = client.post(ANSWER_URL, {"page": article.pk, "helpful": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Svara ja eller nej på frågan." in html
    assert f'href="{article.url}#feedback"' in html


def test_get_is_not_allowed(client, home):
    assert client.get(ANSWER_URL).status_code == 405


def test_drafts_and_private_pages_do_not_accept_feedback(client, home):
    draft = factories.GuidanceArticlePageFactory(parent=home, slug="utkast", live=False)
    private = factories.GuidanceArticlePageFactory(parent=home, slug="privat")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    below_private = factories.GuidanceArticlePageFactory(parent=private, slug="under-privat")
    for page in (draft, private, below_private, home.get_parent()):
        assert client.post(ANSWER_URL, {"page": page.pk, "helpful": "ja"}).status_code == 404
    for page_id in (0, -1, 2**63, 999_999_999):
        assert client.post(ANSWER_URL, {"page": page_id, "helpful": "ja"}).status_code == 404
    assert not Feedback.objects.exists()
    # A sibling whose path merely starts like the private page's is still public.
    public = factories.GuidanceArticlePageFactory(parent=home, slug="privat-inte")
    assert client.post(ANSWER_URL, {"page": public.pk, "helpful": "ja"}).status_code == 303


def test_an_answer_costs_a_few_queries_and_counts_its_month(client, article):
    post_json(client, ANSWER_URL, {"page": article.pk, "helpful": True})
    for data in ({"helpful": False}, {"helpful": True, "comment": "Bra"}):
        with CaptureQueriesContext(connection) as queries:
            response = post_json(client, ANSWER_URL, {"page": article.pk, **data})
        assert response.status_code == 201
        statements = [
            query["sql"]
            for query in queries.captured_queries
            if not query["sql"].startswith(("BEGIN", "COMMIT", "SAVEPOINT", "RELEASE"))
        ]
        assert len(statements) <= 6, statements
    (month,) = FeedbackMonth.objects.filter(page=article)
    assert (month.answers, month.helpful, month.comments) == (3, 2, 1)


def test_a_database_that_cannot_take_the_answer_gets_a_503_and_keeps_nothing(
    client, article, monkeypatch
):
    def locked(feedback, **counts):
        raise OperationalError("database is locked")

    monkeypatch.setattr(FeedbackMonth.objects, "add", locked)
    response = post_json(client, ANSWER_URL, {"page": article.pk, "helpful": True})
    assert response.status_code == 503
    assert "Försök igen" in response.json()["error"]
    assert response["Retry-After"]
    assert not Feedback.objects.exists() and not FeedbackMonth.objects.exists()


def test_bots_filling_the_honeypot_are_thanked_and_ignored(client, article):
    response = post_json(client, ANSWER_URL, {"page": article.pk, "helpful": "ja", "website": "x"})
    assert response.status_code == 201
    assert not Feedback.objects.exists()


def test_answers_from_other_sites_are_refused(client, article, settings):
    response = client.post(
        ANSWER_URL, {"page": article.pk, "helpful": "ja"}, HTTP_ORIGIN="https://evil.example"
    )
    assert response.status_code == 403
    settings.FEEDBACK_ALLOWED_ORIGINS = ["https://frontend.example"]
    response = client.post(
        ANSWER_URL, {"page": article.pk, "helpful": "ja"}, HTTP_ORIGIN="https://frontend.example"
    )
    assert response.status_code == 303
    assert Feedback.objects.count() == 1


def test_one_client_is_rate_limited_with_a_message(client, article):
    statuses = [
        post_json(client, ANSWER_URL, {"page": article.pk, "helpful": "ja"}).status_code
        for _ in range(31)
    ]
    assert statuses[:30] == [201] * 30
    assert statuses[30] == 429
    assert Feedback.objects.count() == 30


def test_nothing_identifying_is_stored_in_a_row():
    columns = {field.name for field in Feedback._meta.get_fields()}
    assert columns == {
        "id",
        "page",
        "page_title",
        "page_url",
        "locale",
        "revision",
        "helpful",
        "comment",
        "handled",
        "created_at",
    }


def test_feedback_survives_moving_renaming_unpublishing_and_deleting_the_page(
    client, home, article
):
    Feedback.objects.create(
        page=article, page_title=article.title, page_url=article.url, helpful=True
    )
    article.title = "Nytt namn"
    article.save_revision().publish()
    article.unpublish()
    assert Feedback.objects.get().page_id == article.pk
    last_url = article.get_url()
    article.delete()
    feedback = Feedback.objects.get()
    assert feedback.page_id is None
    assert feedback.page_title == "Nytt namn"
    assert feedback.page_url == last_url


def test_retention_removes_old_comments_and_keeps_the_answers(article, capsys):
    old = Feedback.objects.create(page=article, page_title="x", helpful=False, comment="Gammal")
    new = Feedback.objects.create(page=article, page_title="x", helpful=True, comment="Ny")
    Feedback.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=600))
    call_command("apply_feedback_retention", "--days", "548")
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.comment, old.helpful, new.comment) == ("", False, "Ny")
    assert "Tog bort 1 kommentarer" in capsys.readouterr().out
    call_command("apply_feedback_retention", "--days", "548")
    assert "Tog bort 0 kommentarer" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_answers_are_all_stored(home, settings):
    """16 threads × 20 posts: nothing lost, no "database is locked" reaching anyone."""
    article = factories.GuidanceArticlePageFactory(parent=home, slug="samtidigt")
    settings.RATE_LIMIT_SCALE = 1000
    from django.test import Client

    failures = []

    def worker(number):
        client = Client()
        try:
            for _ in range(20):
                response = client.post(
                    ANSWER_URL,
                    json.dumps({"page": article.pk, "helpful": True}),
                    content_type="application/json",
                )
                if response.status_code != 201:
                    failures.append(response.status_code)
        except Exception as error:  # noqa: BLE001 - any failure in a thread must fail the test
            failures.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(number,)) for number in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert Feedback.objects.filter(page=article).count() == 320
    assert FeedbackMonth.objects.filter(page=article).aggregate(n=Sum("answers"))["n"] == 320


def test_english_pages_get_answers_and_refusals_in_english(client, article, locales):
    """The endpoints are outside the language prefixes: the page answered sets the language."""
    english = article.copy_for_translation(locales["en"], copy_parents=True)
    english.save_revision().publish()
    refused = post_json(client, ANSWER_URL, {"page": english.pk, "helpful": "kanske"})
    assert refused.json()["error"] == "Answer yes or no to the question."
    answer = post_json(client, ANSWER_URL, {"page": english.pk, "helpful": True})
    assert answer.json()["message"] == "Thank you for helping us!"
    token = answer.json()["comment_token"]
    empty = client.post(COMMENT_URL, {"token": token, "comment": " "})  # without JavaScript
    html = empty.content.decode()
    assert '<html lang="en"' in html and "Write a comment before you send it." in html
    comment = post_json(client, COMMENT_URL, {"token": token, "comment": "Good"})
    assert comment.json()["message"] == "Thank you for your comment!"


def test_posts_for_unknown_pages_count_toward_the_rate_limit_too(client, article):
    """The page is looked up first (for its language), but refusing it waits for the limit."""
    statuses = {post_json(client, ANSWER_URL, {"page": 999999}).status_code for _ in range(31)}
    assert statuses == {404, 429}
