"""`comment_visibility_changed(sender=Comment, page=<Page>)`: what the public sees of a page's
comments changed (approved, or an approved one rejected, edited or deleted). Caches listen."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import Signal, receiver
from wagtail.models import Page

from .models import Comment

comment_visibility_changed = Signal()


def announce(pages):
    """The signal once a distinct page, after the commit (a cache refilled never holds the old)."""
    for page in {page.pk: page for page in pages if page is not None}.values():
        send = partial(comment_visibility_changed.send, sender=Comment, page=page)
        transaction.on_commit(send, robust=True)


@receiver(post_delete, sender=Comment)
def approved_comment_deleted(sender, instance, **kwargs):
    """However a comment is deleted (admin, retention, erasure), a visible one is announced."""
    if instance.is_visible:
        announce([Page.objects.filter(pk=instance.page_id).first()])
