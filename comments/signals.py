"""`comment_visibility_changed(sender=Comment, page=<Page>)` is sent whenever what the public
sees of a page's comments changes: a comment approved, an approved comment rejected, edited or
deleted. Whatever caches pages (the page cache, a CDN purge) connects to it."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import Signal, receiver

comment_visibility_changed = Signal()


def announce(pages):
    """Send the signal once for each distinct page, once the change is committed (so a cache
    refilled at once never holds the old state)."""
    from .models import Comment

    seen = set()
    for page in pages:
        if page is not None and page.pk not in seen:
            seen.add(page.pk)
            transaction.on_commit(
                partial(comment_visibility_changed.send, sender=Comment, page=page), robust=True
            )


@receiver(post_delete, sender="comments.Comment")
def approved_comment_deleted(sender, instance, **kwargs):
    """However a comment is deleted (the admin, a bulk delete, retention, an erasure request),
    a visible one leaving is announced."""
    if instance.is_visible:
        from wagtail.models import Page

        page = Page.objects.filter(pk=instance.page_id).first()
        announce([page])
