"""Read replica routing (DATABASE_REPLICA_URL): anonymous page and API reads go to the replica;
writes, transactions, the admin, POSTs and sessions stay on the primary."""

import pytest
from django.db import transaction
from django.http import HttpResponse
from wagtail.models import Page

from ops.replica import PrimaryReplicaRouter, ReplicaRequestMiddleware


def route_read(request):
    """The database a read inside `request` is sent to."""
    seen = {}

    def view(request):
        seen["read"] = PrimaryReplicaRouter().db_for_read(Page)
        return HttpResponse()

    ReplicaRequestMiddleware(view)(request)
    return seen["read"]


def test_anonymous_page_reads_go_to_the_replica(rf):
    assert route_read(rf.get("/webbinarier/")) == "replica"
    assert route_read(rf.head("/api/v3/pages/")) == "replica"


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"path": "/admin/pages/"},
        {"path": "/feedback/", "method": "post"},
        {"path": "/api/v3/site/preview/"},
        {"path": "/", "HTTP_AUTHORIZATION": "Bearer x"},
        {"path": "/", "HTTP_COOKIE": "sessionid=abc"},
    ],
    ids=["admin", "post", "preview", "token", "session"],
)
def test_requests_that_must_see_their_own_writes_read_from_the_primary(rf, request_kwargs):
    kwargs = dict(request_kwargs)
    method = kwargs.pop("method", "get")
    request = getattr(rf, method)(kwargs.pop("path"), **kwargs)
    assert route_read(request) == "default"


def test_reads_outside_a_request_use_the_primary():
    """Management commands and background tasks."""
    assert PrimaryReplicaRouter().db_for_read(Page) == "default"


@pytest.mark.django_db
def test_reads_inside_a_transaction_use_the_primary(rf):
    seen = {}

    def view(request):
        with transaction.atomic():
            seen["read"] = PrimaryReplicaRouter().db_for_read(Page)
        return HttpResponse()

    ReplicaRequestMiddleware(view)(rf.get("/"))
    assert seen["read"] == "default"


def test_without_a_replica_no_router_is_installed(settings):
    assert "replica" not in settings.DATABASES
    assert settings.DATABASE_ROUTERS == []
    assert "ops.replica.ReplicaRequestMiddleware" not in settings.MIDDLEWARE


def test_writes_and_migrations_go_to_the_primary_only():
    router = PrimaryReplicaRouter()
    assert router.db_for_write(Page) == "default"
    assert router.allow_migrate("default", "wagtailcore") is True
    assert router.allow_migrate("replica", "wagtailcore") is False
