"""Sending one event to one endpoint, run by the worker (`manage.py db_worker`). A failed
attempt (no answer within TIMEOUT_SECONDS, a non-2xx answer, a redirect) is tried again with
exponential backoff: the task enqueues itself with `run_after`, at most MAX_ATTEMPTS times.
A backend that cannot defer tasks (the tests' ImmediateBackend) gets one attempt."""

import http.client
import time
import urllib.error
import urllib.request
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .addresses import check_endpoint_url
from .models import WebhookDelivery
from .signing import signed_headers

TIMEOUT_SECONDS = 5
MAX_ATTEMPTS = 6
FIRST_RETRY_SECONDS = 30  # then ×4: 30 s, 2 min, 8 min, 32 min, 2 h 8 min
USER_AGENT = "SKL-innehallsnav-webhooks/1"


class NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer, not an invitation: it could point into the internal network."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def post(delivery: WebhookDelivery) -> tuple[int | None, str]:
    """One attempt: (HTTP status or None, error text)."""
    endpoint = delivery.endpoint
    try:
        check_endpoint_url(endpoint.url)
    except ValidationError as error:
        return None, " ".join(error.messages)
    body = delivery.body.encode()
    headers = signed_headers(endpoint.secret, delivery.event_id, int(time.time()), body)
    request = urllib.request.Request(  # noqa: S310 (https, or http to localhost; checked above)
        endpoint.url,
        data=body,
        method="POST",
        headers={**headers, "Content-Type": "application/json", "User-Agent": USER_AGENT},
    )
    try:
        with urllib.request.build_opener(NoRedirects).open(request, timeout=TIMEOUT_SECONDS) as r:
            return r.status, ""
    except urllib.error.HTTPError as error:
        error.close()
        return error.code, f"HTTP {error.code}"
    except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
        return None, str(getattr(error, "reason", error))[:500]


@task()
def deliver(delivery_id: int):
    delivery = WebhookDelivery.objects.select_related("endpoint").filter(pk=delivery_id).first()
    done = {WebhookDelivery.Status.DELIVERED, WebhookDelivery.Status.FAILED}
    if delivery is None or delivery.status in done:
        return None  # the endpoint was deleted, or this attempt already ran
    now = timezone.now()
    delivery.attempts += 1
    delivery.last_attempt_at = now
    delivery.next_attempt_at = None
    if not delivery.endpoint.active:
        delivery.response_status, delivery.error = None, "Mottagaren är inte aktiv."
    else:
        delivery.response_status, delivery.error = post(delivery)
    if delivery.response_status and 200 <= delivery.response_status < 300:
        delivery.status = WebhookDelivery.Status.DELIVERED
        delivery.delivered_at = timezone.now()
        delivery.save()
        return delivery.status
    with transaction.atomic():
        if (
            delivery.endpoint.active
            and delivery.attempts < MAX_ATTEMPTS
            and deliver.get_backend().supports_defer
        ):
            delivery.status = WebhookDelivery.Status.RETRYING
            delay = FIRST_RETRY_SECONDS * 4 ** (delivery.attempts - 1)
            delivery.next_attempt_at = now + timedelta(seconds=delay)
            deliver.using(run_after=delivery.next_attempt_at).enqueue(delivery.pk)
        else:
            delivery.status = WebhookDelivery.Status.FAILED
        delivery.save()
    return delivery.status
