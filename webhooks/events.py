"""Events: `{id, type, occurred_at, data}`, built when the change happens and handed to every
subscribed endpoint once the transaction commits (a rolled-back change sends nothing). They
come from Wagtail's page signals (a draft saved sends nothing) and from saves and deletions
of the snippets and images visitors see.

Events carry ids, types, locales and URL paths, never titles or text. A page's path is
included only while the public may see it (core/visibility.py): a private page's event has
an empty `paths`."""

import json
import logging
import uuid

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

from core.http_cache import content_models
from core.visibility import is_visible, view_restrictions, visible_pages

from .models import EventType, WebhookDelivery, WebhookEndpoint

logger = logging.getLogger(__name__)


def send_after_commit(event_type: str, data: dict) -> None:
    event = {
        "id": f"msg_{uuid.uuid4().hex}",
        "type": event_type,
        "occurred_at": timezone.now().isoformat().replace("+00:00", "Z"),
        "data": data,
    }
    # robust: a failure here is logged, never a 500 for a page already published.
    transaction.on_commit(lambda: enqueue_deliveries(event), robust=True)


def enqueue_deliveries(event: dict) -> None:
    """One log row and one delivery task per subscribed endpoint. Failing to enqueue is logged,
    never the editor's error."""
    from .tasks import deliver

    endpoints = WebhookEndpoint.objects.subscribed_to(event["type"])
    if not endpoints:
        return
    body = json.dumps(event, ensure_ascii=False, separators=(",", ":"))
    deliveries = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(endpoint=e, event_id=event["id"], event_type=event["type"], body=body)
        for e in endpoints
    )
    WebhookDelivery.objects.prune()
    for delivery in deliveries:
        try:
            deliver.enqueue(delivery.pk)
        except Exception:
            logger.exception("Webhook %s kunde inte köas", delivery.pk)


def page_path(page) -> str | None:
    """The page's path on its site, language prefix included (`/en/webinars/…`)."""
    parts = page.get_url_parts()
    return parts[2] if parts else None


def page_data(page, public: bool, translations: bool = True) -> dict:
    """`paths`: when `public`, the page's and its visible translations' (their language links
    name it)."""
    paths = []
    if public:
        paths = [page_path(page)]
        if translations:
            paths += map(page_path, visible_pages(page.get_translations()))
    return {
        "id": page.pk,
        "type": page.specific_class._meta.label if page.specific_class else None,
        "locale": page.locale.language_code,
        "translation_key": str(page.translation_key),
        "paths": [path for path in paths if path],
    }


def is_unrestricted(page) -> bool:
    """No password, login or group restriction on the page or above it."""
    return not view_restrictions(page).exists()


def snippet_data(instance) -> dict:
    locale = getattr(instance, "locale", None)
    return {
        "id": instance.pk,
        "type": instance._meta.label,
        "locale": locale.language_code if locale else None,
    }


def on_published(instance, **kwargs):
    # Wagtail signals a first publish scheduled for later too, with the page not yet live.
    if not instance.live:
        return
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
    snippet_events = {post_save: EventType.SNIPPET_SAVED, post_delete: EventType.SNIPPET_DELETED}
    image_events = {post_save: EventType.IMAGE_SAVED, post_delete: EventType.IMAGE_DELETED}
    sources = [
        (model, snippet_events, snippet_data)
        for model in set(get_snippet_models()) & content_models
    ]
    sources.append((get_image_model(), image_events, lambda image: {"id": image.pk}))
    for model, events, data in sources:
        for signal, event_type in events.items():
            uid = f"webhooks_{model._meta.label}_{event_type}"
            signal.connect(sender_of(event_type, data), sender=model, weak=False, dispatch_uid=uid)
