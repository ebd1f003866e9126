"""Issue #25, item 9: moderators read a comment's whole text in the list, open its row, and
approve or reject it from the row; moderators get an e-mail when a comment arrives."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client

from comments.models import Comment
from comments.services import submit_comment
from editorial import roles
from tests import factories

pytestmark = pytest.mark.django_db

LONG = "Vi undrar hur stödet fungerar för mindre kommuner. " * 4 + "Slutet av texten."


@pytest.fixture
def publisher(django_user_model):
    user = django_user_model.objects.create_user(
        "publicist", email="publicist@example.invalid", password="x"
    )
    user.groups.add(Group.objects.get(name=roles.PUBLISHERS))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def release(home):
    index = factories.PressReleaseIndexPageFactory(parent=home, slug="press")
    return factories.PressReleasePageFactory(parent=index, slug="stod")


def test_the_list_shows_the_whole_text_and_opens_the_comment(publisher, release):
    comment = factories.CommentFactory(page=release, status="pending", body=LONG.strip())

    html = publisher.get("/admin/kommentarer/").content.decode()

    assert "Slutet av texten." in html
    assert f"/admin/kommentarer/edit/{comment.pk}/" in html
    assert "Godkänn" in html and "Avvisa" in html  # on the row, no box to tick first


def test_approving_from_the_row_shows_the_comment(publisher, release):
    comment = factories.CommentFactory(page=release, status="pending")
    url = f"/admin/bulk/comments/comment/approve/?id={comment.pk}"

    assert "Godkänn och visa" in publisher.get(url).content.decode()
    publisher.post(url)

    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED


def test_moderators_get_an_email_when_a_comment_arrives(
    publisher, release, django_user_model, django_capture_on_commit_callbacks
):
    editor = django_user_model.objects.create_user("r", email="r@example.invalid")
    editor.groups.add(Group.objects.get(name=roles.EDITORS))

    with django_capture_on_commit_callbacks(execute=True):
        submit_comment(page=release, name="Anna", body="Hur söker man?")

    [message] = mail.outbox
    assert message.to == ["publicist@example.invalid"]
    assert "Hur söker man?" in message.body
    assert "/admin/kommentarer/" in message.body


def test_a_publicist_answers_a_comment_in_skls_name(publisher, release):
    comment = factories.CommentFactory(page=release, body="När öppnar ansökan?")
    edit_url = f"/admin/kommentarer/edit/{comment.pk}/"
    data = {"status": "approved", "name": comment.name, "body": comment.body}

    response = publisher.post(edit_url, {**data, "reply": "Den 1 mars.", "replied_by": ""})

    assert response.status_code == 302
    html = Client().get(release.url).content.decode()
    assert "Svar från SKL" in html and "Den 1 mars." in html
