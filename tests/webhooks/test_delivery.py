"""Publishing sends a signed event to a real HTTP receiver after the commit; failures are
retried with backoff through the worker's queue; the log records every attempt."""

import base64
import hashlib
import hmac
import json
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests import factories
from webhooks.models import WebhookDelivery, WebhookEndpoint
from webhooks.tasks import MAX_ATTEMPTS, deliver

pytestmark = pytest.mark.django_db
DELIVER = "webhooks.tasks.deliver"


def verify_standard_webhooks_signature(secret, headers, body):
    """Written from the Standard Webhooks specification, not from the sender's code."""
    key = base64.b64decode(secret.split("_", 1)[1])
    signed = b".".join(
        [headers["webhook-id"].encode(), headers["webhook-timestamp"].encode(), body]
    )
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    signatures = [s.split(",", 1)[1] for s in headers["webhook-signature"].split()]
    return any(hmac.compare_digest(expected, s) for s in signatures)


def test_publishing_a_page_posts_a_signed_event_to_the_receiver(
    home, endpoint, receiver, django_capture_on_commit_callbacks
):
    page = factories.GuidanceArticlePageFactory(parent=home, slug="guide", live=False)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()

    assert len(receiver.requests) == 1
    request = receiver.requests[0]
    headers = request["headers"]
    assert headers["content-type"] == "application/json"
    assert verify_standard_webhooks_signature(endpoint.secret, headers, request["body"])
    assert abs(int(headers["webhook-timestamp"]) - timezone.now().timestamp()) < 60
    event = json.loads(request["body"])
    assert headers["webhook-id"] == event["id"]
    assert event["type"] == "page.published"
    assert event["data"] == {
        "id": page.pk,
        "type": "articles.GuidanceArticlePage",
        "locale": "sv",
        "translation_key": str(page.translation_key),
        "paths": ["/guide/"],
    }
    assert page.title not in request["body"].decode()
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_status) == ("delivered", 1, 204)


def test_a_wrong_secret_or_body_does_not_verify(
    home, endpoint, receiver, django_capture_on_commit_callbacks
):
    page = factories.GuidanceArticlePageFactory(parent=home, slug="guide", live=False)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    request = receiver.requests[0]
    headers = request["headers"]
    other = WebhookEndpoint(url=receiver.url).secret
    assert not verify_standard_webhooks_signature(other, headers, request["body"])
    assert not verify_standard_webhooks_signature(endpoint.secret, headers, request["body"] + b" ")


def test_nothing_is_sent_before_the_commit_nor_for_a_rolled_back_change(
    home, endpoint, receiver, django_capture_on_commit_callbacks
):
    page = factories.GuidanceArticlePageFactory(parent=home, slug="guide", live=False)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page.save_revision().publish()
    assert receiver.requests == []
    assert WebhookDelivery.objects.count() == 0
    assert callbacks  # the delivery waits for the commit


def test_failing_receiver_schedules_a_retry_with_backoff_in_the_queue(
    home, endpoint, receiver, database_queue, django_capture_on_commit_callbacks
):
    receiver.status = 500
    page = factories.GuidanceArticlePageFactory(parent=home, slug="guide", live=False)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert receiver.requests == []  # queued for the worker, not sent in the editor's request
    first = DBTaskResult.objects.get(task_path=DELIVER)
    delivery = WebhookDelivery.objects.get()
    assert first.task_result.args == [delivery.pk]

    assert deliver.call(delivery.pk) == "retrying"
    delivery.refresh_from_db()
    assert len(receiver.requests) == 1
    assert (delivery.attempts, delivery.response_status, delivery.error) == (1, 500, "HTTP 500")
    retry = DBTaskResult.objects.exclude(pk=first.pk).get(task_path=DELIVER)
    assert retry.run_after == delivery.next_attempt_at
    assert delivery.next_attempt_at - delivery.last_attempt_at == timedelta(seconds=30)

    # Each further attempt waits four times as long; the same message id and body every time.
    assert deliver.call(delivery.pk) == "retrying"
    delivery.refresh_from_db()
    assert delivery.attempts == 2
    assert delivery.next_attempt_at - delivery.last_attempt_at == timedelta(minutes=2)
    one, two = receiver.requests
    assert one["body"] == two["body"]
    assert one["headers"]["webhook-id"] == two["headers"]["webhook-id"]


def test_gives_up_after_the_last_attempt(endpoint, receiver, database_queue):
    receiver.status = 500
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint, event_id="msg_1", event_type="page.published", body="{}"
    )
    delivery.attempts = MAX_ATTEMPTS - 1
    delivery.save()
    assert deliver.call(delivery.pk) == "failed"
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == ("failed", 6, None)
    assert not DBTaskResult.objects.filter(task_path=DELIVER).exists()


def test_unreachable_receiver_is_logged_with_its_error(endpoint, receiver, database_queue):
    receiver.close()
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint, event_id="msg_1", event_type="page.published", body="{}"
    )
    assert deliver.call(delivery.pk) == "retrying"
    delivery.refresh_from_db()
    assert delivery.response_status is None
    assert "refused" in delivery.error.lower()


def test_an_inactive_or_filtered_endpoint_gets_nothing(
    home, receiver, django_capture_on_commit_callbacks
):
    WebhookEndpoint.objects.create(url=receiver.url, active=False)
    WebhookEndpoint.objects.create(url=receiver.url, event_types=["page.deleted"])
    page = factories.GuidanceArticlePageFactory(parent=home, slug="guide", live=False)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert receiver.requests == []
    assert not WebhookDelivery.objects.exists()


def test_old_log_rows_are_pruned_when_new_ones_are_written(
    home, endpoint, receiver, django_capture_on_commit_callbacks
):
    old = WebhookDelivery.objects.create(
        endpoint=endpoint, event_id="msg_old", event_type="page.published", body="{}"
    )
    WebhookDelivery.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    page = factories.GuidanceArticlePageFactory(parent=home, slug="guide", live=False)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert list(WebhookDelivery.objects.values_list("event_type", flat=True)) == ["page.published"]
