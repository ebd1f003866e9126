"""A comment the server refuses, posted without JavaScript: the error page leads with a summary
that takes focus and brings the form back with what the visitor wrote, ready to send again."""

from datetime import timedelta

from django.utils import timezone

from comments.models import Comment

from .conftest import SUBMIT_URL, post_json


def test_a_refused_comment_comes_back_with_its_name_and_text_to_send_again(client, release):
    response = client.post(SUBMIT_URL, {"page": release.pk, "name": "Anna <b>", "body": "   "})
    assert response.status_code == 400
    html = response.content.decode()
    summary = html[html.index('<div class="error-summary"') :]
    assert 'role="alert" tabindex="-1" autofocus' in summary[: summary.index(">")]
    assert '<a href="#comment-body">Skriv en kommentar innan du skickar.</a>' in summary
    assert f'<input type="hidden" name="page" value="{release.pk}">' in html
    assert 'value="Anna &lt;b&gt;"' in html
    assert not Comment.objects.exists()


def test_a_rate_limited_comment_keeps_its_text_for_later(client, release, settings):
    settings.RATE_LIMIT_SCALE = 0
    body = "Bra initiativ – hur anmäler vi oss?\nMvh"
    response = client.post(SUBMIT_URL, {"page": release.pk, "body": body})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Du har skickat många kommentarer på kort tid." in html
    assert f">{body}</textarea>" in html
    settings.RATE_LIMIT_SCALE = 1
    assert client.post(SUBMIT_URL, {"page": release.pk, "body": body}).status_code == 303
    assert Comment.objects.get().body == body


def test_no_form_comes_back_where_comments_are_closed_or_the_page_is_unknown(client, release):
    release.comments_close_at = timezone.now() - timedelta(minutes=1)
    release.save_revision().publish()
    html = client.post(SUBMIT_URL, {"page": release.pk, "body": "Sent"}).content.decode()
    assert "Kommentarerna på den här sidan är stängda." in html
    assert "<textarea" not in html
    html = client.post(SUBMIT_URL, {"page": 999999, "body": "Hej"}).content.decode()
    assert "Sidan finns inte." in html and "<textarea" not in html


def test_scripts_still_get_json_errors(client, release):
    response = post_json(client, SUBMIT_URL, {"page": release.pk, "body": ""})
    assert response.status_code == 400
    assert response.json() == {"error": "Skriv en kommentar innan du skickar."}


def test_the_retry_page_speaks_english_for_english_pages(client, locales, release):
    from tests.information.conftest import translate

    translate(release.get_parent().get_parent(), locales["en"])
    translate(release.get_parent(), locales["en"])
    english = translate(release, locales["en"])
    html = client.post(SUBMIT_URL, {"page": english.pk, "body": " "}).content.decode()
    assert '<html lang="en">' in html
    assert "There is a problem" in html
    assert "is still here below" in html
