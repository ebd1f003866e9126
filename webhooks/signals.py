"""Which changes become events: Wagtail's page signals (a draft saved sends nothing), and saves
and deletions of the snippets and images visitors see."""

from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

from core.http_cache import content_models
from core.visibility import is_visible

from .events import is_unrestricted, page_data, page_path, send_after_commit, snippet_data
from .models import EventType


def on_published(instance, **kwargs):
    send_after_commit(EventType.PAGE_PUBLISHED, page_data(instance, is_visible(instance)))


def on_unpublished(instance, **kwargs):
    # The paths the public could see until now (the page is no longer live).
    send_after_commit(EventType.PAGE_UNPUBLISHED, page_data(instance, is_unrestricted(instance)))


def on_moved(instance, url_path_before, url_path_after, parent_page_before, **kwargs):
    """A new place for a live page and everything below it; reordering among siblings sends
    nothing. `old_path` and `new_path` are prefixes of every descendant's path too."""
    if not instance.live or url_path_before == url_path_after:
        return
    old_path = None  # unless the page was public at its old place
    own_restriction = PageViewRestriction.objects.filter(page_id=instance.pk).exists()
    if not own_restriction and is_unrestricted(parent_page_before):
        before = Page(id=instance.pk, url_path=url_path_before, locale_id=instance.locale_id)
        old_path = page_path(before)
    data = page_data(instance, is_visible(instance))
    new_path = data["paths"][0] if data["paths"] else None
    data.update(old_path=old_path, new_path=new_path, paths=[p for p in (old_path, new_path) if p])
    send_after_commit(EventType.PAGE_MOVED, data)


def on_page_deleted(instance, **kwargs):
    """Before the row goes: its path and restrictions are still readable. Wagtail unpublishes
    a live page first (page.unpublished), so `live` is already off here; a page never
    published was never public and sends nothing."""
    if instance.first_published_at is not None:
        data = page_data(instance, is_unrestricted(instance), translations=False)
        send_after_commit(EventType.PAGE_DELETED, data)


def sender_of(event_type, data):
    """A receiver sending `event_type` with `data(instance)`; fixtures (raw) send nothing."""

    def receive(instance, raw=False, **kwargs):
        if not raw:
            send_after_commit(event_type, data(instance))

    return receive


def connect_signals():
    page_published.connect(on_published, dispatch_uid="webhooks_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="webhooks_unpublished")
    post_page_move.connect(on_moved, dispatch_uid="webhooks_moved")
    # Every deleted page, specific or not, is also a deleted wagtailcore.Page row.
    pre_delete.connect(on_page_deleted, sender=Page, dispatch_uid="webhooks_page_deleted")
    # The snippets visitors see: those whose changes purge the front cache (not comments,
    # which are moderated, nor settings). An image's event carries its id alone.
    sources = [
        (model, "snippet", snippet_data) for model in set(get_snippet_models()) & content_models
    ]
    sources.append((get_image_model(), "image", lambda image: {"id": image.pk}))
    for model, kind, data in sources:
        for signal, change in ((post_save, "saved"), (post_delete, "deleted")):
            receiver = sender_of(EventType(f"{kind}.{change}"), data)
            uid = f"webhooks_{model._meta.label}_{change}"
            signal.connect(receiver, sender=model, weak=False, dispatch_uid=uid)
