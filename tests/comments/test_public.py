"""Public comments on a press release: the list, the count and the form, with and without
JavaScript, and what is refused."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from comments.models import BODY_MAX_LENGTH, NAME_MAX_LENGTH, Comment
from tests import factories

from .conftest import SUBMIT_URL, post_json

RECEIVED = "Tack för din kommentar! Den visas på sidan när vi har granskat den."


def html_of(client, page, query=""):
    response = client.get(page.url + query)
    assert response.status_code == 200
    return response.content.decode()


def test_press_releases_invite_comments_and_other_pages_do_not_by_default(client, home, release):
    html = html_of(client, release)
    assert "Kommentarer (0)" in html
    assert f'action="{SUBMIT_URL}"' in html
    assert "Skriv inte personuppgifter som personnummer, telefonnummer eller adress" in html
    assert "Vi frågar inte efter din e-postadress" in html
    assert 'name="email"' not in html
    article = factories.GuidanceArticlePageFactory(parent=home, slug="vagledning")
    assert "Kommentarer (" not in html_of(client, article)


def test_editors_can_switch_comments_on_for_any_page(client, home):
    article = factories.GuidanceArticlePageFactory(parent=home, slug="vagledning")
    article.comments_enabled = True
    article.save_revision().publish()
    assert "Kommentarer (0)" in html_of(client, article)
    response = client.post(SUBMIT_URL, {"page": article.pk, "body": "Tack!"})
    assert response.status_code == 303
    assert Comment.objects.get().page_id == article.pk


def test_without_javascript_a_comment_returns_to_the_page_and_waits_for_review(client, release):
    response = client.post(
        SUBMIT_URL, {"page": release.pk, "name": "Anna", "body": "Vilka kommuner deltar?"}
    )
    assert response.status_code == 303
    assert response["Location"] == f"{release.url}?kommentar=mottagen#kommentarer"
    comment = Comment.objects.get()
    assert (comment.status, comment.name, comment.body) == (
        "pending",
        "Anna",
        "Vilka kommuner deltar?",
    )
    assert comment.locale_id == release.locale_id

    html = html_of(client, release, "?kommentar=mottagen")
    assert RECEIVED in html
    assert "Kommentarer (0)" in html
    assert "Vilka kommuner deltar?" not in html
    # The plain page (what a cache holds for everyone) has no thanks in it.
    assert RECEIVED not in html_of(client, release)


def test_with_javascript_the_same_endpoint_answers_json(client, release):
    response = client.post(
        SUBMIT_URL, {"page": release.pk, "body": "Bra!"}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 202
    assert response.json() == {"message": RECEIVED}
    assert Comment.objects.get().status == "pending"
    response = post_json(client, SUBMIT_URL, {"page": release.pk, "body": ""})
    assert response.status_code == 400
    assert response.json() == {"error": "Skriv en kommentar innan du skickar."}


def test_approved_comments_show_name_or_anonym_date_and_count_only_approved(client, release):
    day = timezone.make_aware(timezone.datetime(2016, 5, 11, 10, 0))
    named = factories.CommentFactory(page=release, name="Karin", body="Första raden\nAndra raden")
    anonymous = factories.CommentFactory(page=release, name="", body="Utan namn")
    Comment.objects.filter(pk__in=[named.pk, anonymous.pk]).update(created_at=day)
    factories.CommentFactory(page=release, status="pending", body="Väntar ännu")
    factories.CommentFactory(page=release, status="rejected", body="Avvisad text")
    html = html_of(client, release)
    assert "Kommentarer (2)" in html
    assert "Karin" in html and "Anonym" in html
    assert "<p>Första raden<br>Andra raden</p>" in html
    assert '<time datetime="2016-05-11">11 maj 2016</time>' in html
    assert "Väntar ännu" not in html and "Avvisad text" not in html


def test_html_and_scripts_are_shown_as_text_and_links_are_not_clickable(client, release):
    attack = (
        '<script>alert("x")</script> <a href="https://evil.example">klicka</a> '
        "https://evil.example/phish <img src=x onerror=alert(1)>"
    )
    response = client.post(
        SUBMIT_URL, {"page": release.pk, "name": "<b>Mallory</b>", "body": attack}
    )
    assert response.status_code == 303
    Comment.objects.update(status="approved")
    html = html_of(client, release)
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "<script>alert" not in html
    assert 'href="https://evil.example' not in html
    assert "<img src=x" not in html
    assert "&lt;b&gt;Mallory&lt;/b&gt;" in html
    assert "https://evil.example/phish" in html  # shown, as text


def test_personal_data_is_scrubbed_before_storing(client, release):
    client.post(
        SUBMIT_URL,
        {
            "page": release.pk,
            "name": "anna@example.se",
            "body": "Ring 070-123 45 67 eller mejla anna@example.se, pnr 19800101-1234.",
        },
    )
    comment = Comment.objects.get()
    assert "070" not in comment.body and "@" not in comment.body and "1980" not in comment.body
    assert "[telefonnummer borttaget]" in comment.body
    assert comment.name == "[e-postadress borttagen]"


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        ({"body": ""}, 400, "Skriv en kommentar innan du skickar."),
        ({"body": "   "}, 400, "Skriv en kommentar innan du skickar."),
        ({"body": "x" * (BODY_MAX_LENGTH + 1)}, 400, f"högst {BODY_MAX_LENGTH} tecken"),
        ({"body": "Hej", "name": "n" * (NAME_MAX_LENGTH + 1)}, 400, f"högst {NAME_MAX_LENGTH}"),
        ({"body": "Hej", "page": "abc"}, 400, "Sidan kunde inte identifieras."),
        ({"body": "Hej", "page": "true"}, 400, "Sidan kunde inte identifieras."),
        ({"body": "Hej", "page": 999999}, 404, "Sidan finns inte."),
    ],
)
def test_bad_input_gets_a_swedish_page_with_a_way_back_and_stores_nothing(
    client, release, data, status, message
):
    response = client.post(SUBMIT_URL, {"page": release.pk, **data})
    assert response.status_code == status
    html = response.content.decode()
    assert "Din kommentar kunde inte tas emot" in html and message in html
    assert not Comment.objects.exists()
    if "page" not in data:  # the form comes back: the field says it is wrong, and why
        assert 'aria-describedby="comment-error comment-hint" aria-invalid="true"' in html


@pytest.mark.parametrize("page", [True, 1.0, [1]])
def test_a_script_naming_no_page_id_gets_a_400(client, release, page):
    """`true` is no page id: it was read as page 1, the root."""
    response = post_json(client, SUBMIT_URL, {"page": page, "body": "Hej"})
    assert response.status_code == 400
    assert response.json() == {"error": "Sidan kunde inte identifieras."}
    assert not Comment.objects.exists()


def test_a_comment_at_the_length_limit_is_accepted(client, release):
    body = "å" * BODY_MAX_LENGTH
    response = client.post(SUBMIT_URL, {"page": release.pk, "body": body, "name": "n" * 80})
    assert response.status_code == 303
    assert Comment.objects.get().body == body


def test_closed_and_disabled_pages_show_no_form_and_refuse_posts(client, release):
    release.comments_close_at = timezone.now() - timedelta(minutes=1)
    release.save_revision().publish()
    factories.CommentFactory(page=release, body="Från när det var öppet")
    html = html_of(client, release)
    assert "Kommentarerna är stängda." in html and "Från när det var öppet" in html
    assert f'action="{SUBMIT_URL}"' not in html
    response = post_json(client, SUBMIT_URL, {"page": release.pk, "body": "Sent"})
    assert response.status_code == 403
    assert response.json()["error"] == "Kommentarerna på den här sidan är stängda."

    release.comments_close_at = timezone.now() + timedelta(days=1)
    release.save_revision().publish()
    assert f'action="{SUBMIT_URL}"' in html_of(client, release)

    release.comments_enabled = False
    release.save_revision().publish()
    assert "Kommentarer (" not in html_of(client, release)
    response = post_json(client, SUBMIT_URL, {"page": release.pk, "body": "Av"})
    assert response.status_code == 403
    assert response.json()["error"] == "Sidan tar inte emot kommentarer."
    assert Comment.objects.count() == 1


def test_drafts_and_private_pages_take_no_comments(client, press_index):
    draft = factories.PressReleasePageFactory(parent=press_index, slug="utkast", live=False)
    private = factories.PressReleasePageFactory(parent=press_index, slug="privat")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    for page in (draft, private):
        assert client.post(SUBMIT_URL, {"page": page.pk, "body": "Hej"}).status_code == 404
    assert not Comment.objects.exists()


def test_bots_filling_the_honeypot_are_thanked_and_ignored(client, release):
    response = client.post(SUBMIT_URL, {"page": release.pk, "body": "Köp!", "website": "spam"})
    assert response.status_code == 303
    response = post_json(client, SUBMIT_URL, {"page": release.pk, "body": "Köp!", "website": "x"})
    assert response.status_code == 202
    assert not Comment.objects.exists()


def test_one_client_is_rate_limited_with_a_swedish_message(client, release):
    statuses = [
        post_json(client, SUBMIT_URL, {"page": release.pk, "body": f"Nr {n}"}).status_code
        for n in range(6)
    ]
    assert statuses == [202] * 5 + [429]
    response = post_json(client, SUBMIT_URL, {"page": release.pk, "body": "Igen"})
    assert response.json()["error"].startswith("Du har skickat många kommentarer")
    assert Comment.objects.count() == 5


def test_feedback_and_comments_share_one_rate_limit_mechanism():
    from comments.services import COMMENT_RATE
    from core import public_forms

    assert isinstance(COMMENT_RATE, public_forms.RateLimit)
    assert COMMENT_RATE.scope == "comment"


def test_posts_from_other_sites_are_refused(client, release, settings):
    response = client.post(
        SUBMIT_URL, {"page": release.pk, "body": "Hej"}, HTTP_ORIGIN="https://evil.example"
    )
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_get_is_not_allowed(client, home):
    assert client.get(SUBMIT_URL).status_code == 405


def test_nothing_identifying_is_stored_in_a_row():
    columns = {field.name for field in Comment._meta.get_fields()}
    assert columns == {
        "id",
        "page",
        "locale",
        "name",
        "body",
        "status",
        "created_at",
        "moderated_at",
        "moderated_by",
        # SKL's reply, signed by the organisation, never by a person.
        "reply",
        "replied_by",
        "replied_at",
    }


def test_page_query_count_does_not_grow_with_comments(client, release):
    def queries_for_page():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(release.url).status_code == 200
        return len(captured)

    factories.CommentFactory(page=release)
    client.get(release.url)  # warm caches (site root, locales)
    few = queries_for_page()
    factories.CommentFactory.create_batch(30, page=release)
    many = queries_for_page()
    assert many == few
    assert "Kommentarer (31)" in html_of(client, release)


def test_english_pages_speak_english(client, release, locales):
    en_release = release.copy_for_translation(locales["en"], copy_parents=True)
    en_release.save_revision().publish()
    html = html_of(client, en_release)
    assert "Comments (0)" in html
    response = client.post(SUBMIT_URL, {"page": en_release.pk, "body": ""})
    assert "Write a comment before you send it." in response.content.decode()
    response = post_json(client, SUBMIT_URL, {"page": en_release.pk, "body": "Nice"})
    assert response.json()["message"].startswith("Thank you for your comment!")
