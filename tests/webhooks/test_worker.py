"""The worker path as deployed: events wait in the database queue (django-tasks-db) until
`manage.py db_worker` sends them; a failed attempt comes back when its backoff is over."""

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests import factories
from webhooks.models import WebhookDelivery

# The worker opens and closes its own database connections: real commits, no test transaction.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def run_worker():
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def test_the_worker_sends_a_queued_event_and_retries_until_the_receiver_recovers(
    home, endpoint, receiver, database_queue
):
    receiver.status = 503
    page = factories.GuidanceArticlePageFactory(parent=home, slug="guide", live=False)
    page.save_revision().publish()
    assert receiver.requests == []

    run_worker()
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, len(receiver.requests)) == ("retrying", 1, 1)
    run_worker()  # the retry is not due yet
    assert len(receiver.requests) == 1

    receiver.status = 200
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
    run_worker()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_status) == ("delivered", 2, 200)
    assert receiver.events()[-1]["data"]["id"] == page.pk
    assert not DBTaskResult.objects.filter(status="READY").exists()


@pytest.mark.reference_index
def test_wagtail_tasks_go_through_the_same_queue(home, database_queue):
    """Wagtail's own background tasks (here the reference index) run on the worker too."""
    factories.GuidanceArticlePageFactory(parent=home, slug="guide")
    queued = set(DBTaskResult.objects.values_list("task_path", flat=True))
    assert "wagtail.tasks.update_reference_index_task" in queued
    run_worker()
    assert not DBTaskResult.objects.filter(status="READY").exists()
    assert not DBTaskResult.objects.filter(status="FAILED").exists()
