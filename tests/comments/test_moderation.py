"""Moderation in the Wagtail admin: who may, what approving/rejecting/deleting does, the pending
count, the cache signal, retention and erasure."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from comments import services
from comments.models import Comment
from comments.signals import comment_visibility_changed
from tests import factories

LIST_URL = "/admin/kommentarer/"


def bulk_url(action, *comments):
    ids = "&".join(f"id={comment.pk}" for comment in comments)
    return f"/admin/bulk/comments/comment/{action}/?{ids}"


@pytest.fixture
def announced():
    """The pages announced through comment_visibility_changed, in order."""
    pages = []

    def receiver(sender, page, **kwargs):
        assert sender is Comment
        pages.append(page.pk)

    comment_visibility_changed.connect(receiver, dispatch_uid="test-announced")
    yield pages
    comment_visibility_changed.disconnect(dispatch_uid="test-announced")


def test_moderators_see_pending_comments_across_the_site_in_the_listing(
    moderator_client, release, press_index
):
    other = factories.PressReleasePageFactory(parent=press_index, slug="annat")
    factories.CommentFactory(page=release, status="pending", body="Väntar på första")
    factories.CommentFactory(page=other, status="pending", body="Väntar på andra")
    factories.CommentFactory(page=other, status="approved", body="Redan godkänd")
    html = moderator_client.get(LIST_URL, {"status": "pending"}).content.decode()
    assert "Väntar på första" in html and "Väntar på andra" in html
    assert "Redan godkänd" not in html
    html = moderator_client.get(LIST_URL, {"page": other.pk}).content.decode()
    assert "Väntar på andra" in html and "Väntar på första" not in html
    assert "Godkänn" in html and "Avvisa" in html


def test_menu_and_dashboard_show_the_pending_count_to_moderators(moderator_client, release):
    factories.CommentFactory.create_batch(3, page=release, status="pending")
    factories.CommentFactory(page=release, status="approved")
    html = moderator_client.get("/admin/").content.decode()
    assert "Kommentarer (3)" in html
    assert "3 kommentarer väntar på granskning." in html


def test_editors_without_the_permission_cannot_see_or_moderate(editor_client, release):
    comment = factories.CommentFactory(page=release, status="pending")
    html = editor_client.get("/admin/").content.decode()
    assert "väntar på granskning" not in html and "Kommentarer (" not in html
    for url in (
        LIST_URL,
        f"{LIST_URL}edit/{comment.pk}/",
        f"{LIST_URL}delete/{comment.pk}/",
        f"{LIST_URL}inspect/{comment.pk}/",
    ):
        response = editor_client.get(url)
        assert response.status_code in (302, 403), url
    response = editor_client.post(bulk_url("approve", comment))
    assert response.status_code in (302, 403)
    comment.refresh_from_db()
    assert comment.status == "pending"
    assert editor_client.post(f"{LIST_URL}delete/{comment.pk}/").status_code in (302, 403)
    assert Comment.objects.filter(pk=comment.pk).exists()


def test_approving_shows_the_comment_records_who_and_announces_the_page(
    client, moderator_client, moderator, release, announced, django_capture_on_commit_callbacks
):
    comment = factories.CommentFactory(page=release, status="pending", body="Synlig snart")
    assert "Synlig snart" not in client.get(release.url).content.decode()
    confirm = moderator_client.get(bulk_url("approve", comment))
    assert confirm.status_code == 200 and "Synlig snart" in confirm.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_client.post(bulk_url("approve", comment))
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == "approved"
    assert comment.moderated_by == moderator and comment.moderated_at is not None
    assert announced == [release.pk]
    moderator_client.logout()
    html = client.get(release.url).content.decode()
    assert "Synlig snart" in html and "Kommentarer (1)" in html


def test_bulk_reject_hides_approved_comments_and_announces_only_visible_changes(
    moderator_client, release, press_index, announced, django_capture_on_commit_callbacks
):
    other = factories.PressReleasePageFactory(parent=press_index, slug="annat")
    shown = factories.CommentFactory(page=release, status="approved")
    waiting = factories.CommentFactory(page=other, status="pending")
    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(bulk_url("reject", shown, waiting))
    assert set(Comment.objects.values_list("status", flat=True)) == {"rejected"}
    assert announced == [release.pk]  # the pending one was never visible


def test_deleting_in_the_admin_erases_the_comment_and_announces_the_page(
    moderator_client, release, announced, django_capture_on_commit_callbacks
):
    comment = factories.CommentFactory(page=release, name="Eva Svensson", status="approved")
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_client.post(f"{LIST_URL}delete/{comment.pk}/")
    assert response.status_code == 302
    assert not Comment.objects.filter(name="Eva Svensson").exists()
    assert announced == [release.pk]


def test_bulk_delete_needs_the_permission_and_works_for_moderators(moderator_client, release):
    comments = factories.CommentFactory.create_batch(3, page=release, status="pending")
    response = moderator_client.post(bulk_url("delete", *comments))
    assert response.status_code == 302
    assert not Comment.objects.exists()


def test_editing_a_comment_can_remove_personal_data_and_change_status(
    moderator_client, moderator, release, announced, django_capture_on_commit_callbacks
):
    comment = factories.CommentFactory(page=release, status="approved", body="Ring Eva på Storg. 1")
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_client.post(
            f"{LIST_URL}edit/{comment.pk}/",
            {"status": "rejected", "name": "", "body": "Ring [adress borttagen]"},
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    comment.refresh_from_db()
    assert (comment.status, comment.body) == ("rejected", "Ring [adress borttagen]")
    assert comment.moderated_by == moderator
    assert announced == [release.pk]


def test_nobody_adds_comments_in_the_admin(admin_client, home):
    response = admin_client.get(f"{LIST_URL}add/")
    assert response.status_code in (302, 403)


def test_the_permission_can_be_granted_to_groups(admin_client):
    html = admin_client.get(reverse("wagtailusers_groups:add")).content.decode()
    assert "Kan moderera kommentarer" in html


def test_service_moderation_is_idempotent(release, moderator):
    comment = factories.CommentFactory(page=release, status="pending")
    assert services.moderate([comment], Comment.Status.APPROVED, moderator) == 1
    assert services.moderate([comment], Comment.Status.APPROVED, moderator) == 0
    assert services.moderate([comment], Comment.Status.REJECTED, moderator) == 1


def test_retention_deletes_old_comments_with_a_dry_run_first(release, capsys, settings):
    old = factories.CommentFactory(page=release, name="Gammal")
    new = factories.CommentFactory(page=release, name="Ny")
    Comment.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=600))
    call_command("apply_comment_retention", "--dry-run")
    assert "Skulle radera 1 kommentarer äldre än 548 dagar" in capsys.readouterr().out
    assert Comment.objects.count() == 2
    call_command("apply_comment_retention")
    assert "Raderade 1 kommentarer äldre än 548 dagar." in capsys.readouterr().out
    assert list(Comment.objects.values_list("pk", flat=True)) == [new.pk]
    call_command("apply_comment_retention")
    assert "Raderade 0 kommentarer" in capsys.readouterr().out
    settings.COMMENT_RETENTION_DAYS = 0
    call_command("apply_comment_retention")
    assert "Ingen gallring" in capsys.readouterr().out
    assert Comment.objects.count() == 1


def test_deleting_the_page_deletes_its_comments(release):
    factories.CommentFactory.create_batch(2, page=release)
    release.delete()
    assert not Comment.objects.exists()
