"""SKL's official reply to a comment (issue #25, item 9): written by a moderator in the admin,
shown under the comment on the page in the page's language, and in the comments API."""

import re
from datetime import datetime, timedelta

from comments.models import Comment
from tests import factories

from .conftest import API

EDIT_URL = "/admin/kommentarer/edit/{}/"


def edit(client, comment, **fields):
    data = {"status": comment.status, "name": comment.name, "body": comment.body}
    data.update(fields)
    response = client.post(EDIT_URL.format(comment.pk), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    comment.refresh_from_db()
    return comment


def reply_block(html, comment):
    """The reply's group inside the comment's list item, or None."""
    match = re.search(
        rf'<div class="comment__reply" role="group" aria-labelledby="comment-{comment.pk}-reply">'
        r"(.*?)</div>\s*</div>",
        html,
        re.S,
    )
    return match.group(1) if match else None


def test_moderator_answers_and_the_reply_shows_under_the_comment_and_in_the_api(
    client, moderator_client, release
):
    comment = factories.CommentFactory(page=release, body="Vilka kommuner deltar?")
    form = moderator_client.get(EDIT_URL.format(comment.pk)).content.decode()
    assert "Officiellt svar" in form and 'name="reply"' in form

    edit(moderator_client, comment, reply="Tolv kommuner.\nListan kommer i maj.", replied_by="")
    assert comment.replied_at is not None

    html = client.get(release.url).content.decode()
    block = reply_block(html, comment)
    assert block is not None
    assert f'id="comment-{comment.pk}-reply"' in block and "Svar från SKL" in block
    assert "<p>Tolv kommuner.<br>Listan kommer i maj.</p>" in block
    # Inside the comment it answers, after the comment's own text.
    item = html[html.index("Vilka kommuner deltar?") :]
    assert item.index("Svar från SKL") < item.index("</li>")

    items = client.get(API, {"page": release.pk}).json()["items"]
    assert items[0]["reply"]["body"] == "Tolv kommuner.\nListan kommer i maj."
    assert items[0]["reply"]["by"] == "SKL"
    # The API writes milliseconds.
    answered_at = datetime.fromisoformat(items[0]["reply"]["at"])
    assert abs(answered_at - comment.replied_at) < timedelta(milliseconds=1)


def test_the_sender_can_be_a_part_of_the_organisation_and_text_is_escaped(
    client, moderator_client, release
):
    comment = factories.CommentFactory(page=release)
    edit(moderator_client, comment, reply="<script>x</script> Se <b>här</b>", replied_by="SKL Vård")
    html = client.get(release.url).content.decode()
    block = reply_block(html, comment)
    assert "Svar från SKL Vård" in block
    assert "&lt;script&gt;x&lt;/script&gt;" in block and "<script>x" not in html
    reply = client.get(API, {"page": release.pk}).json()["items"][0]["reply"]
    assert reply["by"] == "SKL Vård" and reply["body"].startswith("<script>")


def test_comments_without_a_reply_have_none_and_clearing_the_reply_removes_it(
    client, moderator_client, release
):
    comment = factories.CommentFactory(page=release, body="Bra!")
    assert client.get(API, {"page": release.pk}).json()["items"][0]["reply"] is None
    edit(moderator_client, comment, reply="Tack!", replied_by="SKL")
    assert client.get(API, {"page": release.pk}).json()["items"][0]["reply"]["body"] == "Tack!"

    edit(moderator_client, comment, reply="  ", replied_by="SKL")
    assert comment.replied_at is None
    assert client.get(API, {"page": release.pk}).json()["items"][0]["reply"] is None
    assert reply_block(client.get(release.url).content.decode(), comment) is None


def test_a_reply_to_a_comment_not_yet_approved_is_not_shown(client, moderator_client, release):
    comment = factories.CommentFactory(page=release, status="pending", body="Väntar")
    edit(moderator_client, comment, reply="Hemligt svar")
    assert Comment.objects.get(pk=comment.pk).has_reply
    assert "Hemligt svar" not in client.get(release.url).content.decode()
    assert client.get(API, {"page": release.pk}).json()["items"] == []


def test_editing_the_reply_of_a_shown_comment_announces_the_page(
    moderator_client, release, django_capture_on_commit_callbacks
):
    from comments.signals import comment_visibility_changed

    announced = []

    def receiver(sender, page, **kwargs):
        announced.append(page.pk)

    comment_visibility_changed.connect(receiver)
    try:
        comment = factories.CommentFactory(page=release)
        with django_capture_on_commit_callbacks(execute=True):
            edit(moderator_client, comment, reply="Tack för frågan.")
    finally:
        comment_visibility_changed.disconnect(receiver)
    assert announced == [release.pk]


def test_the_label_is_in_the_page_language(client, moderator_client, home, locales):
    english_home = home.copy_for_translation(locales["en"])
    english_home.save_revision().publish()
    article = factories.GuidanceArticlePageFactory(
        parent=english_home, slug="guide", title="Guide", locale=locales["en"]
    )
    article.comments_enabled = True
    article.save_revision().publish()
    comment = factories.CommentFactory(page=article, body="Question?")
    edit(moderator_client, comment, reply="Answer.", replied_by="SKL")
    html = client.get(article.url).content.decode()
    block = reply_block(html, comment)
    assert "Reply from SKL" in block and "Svar från" not in html
