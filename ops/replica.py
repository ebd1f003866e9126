"""Reads from a PostgreSQL read replica (`DATABASE_REPLICA_URL`) for anonymous GET/HEAD
requests outside the admin only: a replica lags by a moment, and an editor who just published
or a visitor who just posted must see their own write."""

from contextvars import ContextVar

from django.conf import settings
from django.db import connections

REPLICA = "replica"
PRIMARY = "default"
PRIMARY_ONLY_PREFIXES = ("/admin/", "/feedback/", "/api/v3/site/preview/")

_reads_from_replica = ContextVar("reads_from_replica", default=False)


def request_may_read_from_replica(request) -> bool:
    # Not an editor or a visitor with a session, nor a token holder (previews read drafts).
    return (
        request.method in {"GET", "HEAD"}
        and not request.path.startswith(PRIMARY_ONLY_PREFIXES)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


class ReplicaRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _reads_from_replica.set(request_may_read_from_replica(request))
        try:
            return self.get_response(request)
        finally:
            _reads_from_replica.reset(token)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        if _reads_from_replica.get() and not connections[PRIMARY].in_atomic_block:
            return REPLICA
        return PRIMARY

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica is a copy of the primary: the same rows

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY
