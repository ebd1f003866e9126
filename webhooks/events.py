"""Events: `{id, type, occurred_at, data}`, built when the change happens and handed to every
subscribed endpoint once the transaction commits (a rolled-back change sends nothing).

Events carry ids, types, locales and URL paths, never titles or text. A page's path is
included only while the public may see it (core/visibility.py): a private page's event has
an empty `paths`."""

import json
import logging
import uuid

from django.db import transaction
from django.utils import timezone

from core.visibility import view_restrictions, visible_pages

from .models import WebhookDelivery, WebhookEndpoint

logger = logging.getLogger(__name__)


def send_after_commit(event_type: str, data: dict) -> None:
    event = {
        "id": f"msg_{uuid.uuid4().hex}",
        "type": event_type,
        "occurred_at": timezone.now().isoformat().replace("+00:00", "Z"),
        "data": data,
    }
    transaction.on_commit(lambda: enqueue_deliveries(event))


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
