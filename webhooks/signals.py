"""Which changes become events: Wagtail's page signals (a draft saved sends nothing), and saves
and deletions of the snippets and images visitors see."""

from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

from core.http_cache import content_models

from .events import (
    is_unrestricted,
    page_data,
    page_path,
    published_page_data,
    send_after_commit,
    snippet_data,
    unpublished_page_data,
)
from .models import EventType


def on_published(instance, **kwargs):
    send_after_commit(EventType.PAGE_PUBLISHED, published_page_data(instance))


def on_unpublished(instance, **kwargs):
    send_after_commit(EventType.PAGE_UNPUBLISHED, unpublished_page_data(instance))


def on_moved(instance, url_path_before, url_path_after, **kwargs):
    """A new place for a live page and everything below it; reordering among siblings sends
    nothing. `old_path` and `new_path` are prefixes of every descendant's path too."""
    if not instance.live or url_path_before == url_path_after:
        return
    old_path = page_before_move(instance, url_path_before, kwargs["parent_page_before"])
    data = published_page_data(instance)
    new_path = data["paths"][0] if data["paths"] else None
    data.update(old_path=old_path, new_path=new_path, paths=[p for p in (old_path, new_path) if p])
    send_after_commit(EventType.PAGE_MOVED, data)


def page_before_move(page, url_path_before, parent_before):
    """The page's public path before the move, None when it was not public there."""
    own_restriction = PageViewRestriction.objects.filter(page_id=page.pk).exists()
    if own_restriction or not is_unrestricted(parent_before):
        return None
    return page_path(Page(id=page.pk, url_path=url_path_before, locale_id=page.locale_id))


def on_page_deleted(instance, **kwargs):
    """Before the row goes: its path and restrictions are still readable. Wagtail unpublishes
    a live page first (page.unpublished), so `live` is already off here; a page never
    published was never public and sends nothing."""
    if instance.first_published_at is not None:
        paths = [page_path(instance)] if is_unrestricted(instance) else []
        send_after_commit(EventType.PAGE_DELETED, page_data(instance, paths))


def on_snippet_saved(instance, raw=False, **kwargs):
    if not raw:  # fixtures
        send_after_commit(EventType.SNIPPET_SAVED, snippet_data(instance))


def on_snippet_deleted(instance, **kwargs):
    send_after_commit(EventType.SNIPPET_DELETED, snippet_data(instance))


def on_image_saved(instance, raw=False, **kwargs):
    if not raw:
        send_after_commit(EventType.IMAGE_SAVED, {"id": instance.pk})


def on_image_deleted(instance, **kwargs):
    send_after_commit(EventType.IMAGE_DELETED, {"id": instance.pk})


def connect_signals():
    page_published.connect(on_published, dispatch_uid="webhooks_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="webhooks_unpublished")
    post_page_move.connect(on_moved, dispatch_uid="webhooks_moved")
    # Every deleted page, specific or not, is also a deleted wagtailcore.Page row.
    pre_delete.connect(on_page_deleted, sender=Page, dispatch_uid="webhooks_page_deleted")
    # The snippets visitors see: those whose changes purge the front cache (not comments,
    # which are moderated, nor settings).
    for model in set(get_snippet_models()) & content_models:
        uid = f"webhooks_{model._meta.label}"
        post_save.connect(on_snippet_saved, sender=model, dispatch_uid=f"{uid}_saved")
        post_delete.connect(on_snippet_deleted, sender=model, dispatch_uid=f"{uid}_deleted")
    image_model = get_image_model()
    post_save.connect(on_image_saved, sender=image_model, dispatch_uid="webhooks_image_saved")
    post_delete.connect(on_image_deleted, sender=image_model, dispatch_uid="webhooks_image_del")
