"""`/healthz` for load balancers and monitors: the database (and replica) and the cache, as
JSON, 200 when all are ok and 503 otherwise. It never writes to the database and names only
the failing dependency and the kind of error: the details go to the log, not to the public."""

import logging
import time
import uuid
from functools import partial

from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def check_database(alias="default"):
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache(alias="default"):
    """A round trip through the cache: a value written must come back."""
    cache = caches[alias]
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    try:
        if cache.get(key) != "ok":
            raise RuntimeError("the cache did not return the value just stored")
    finally:
        cache.delete(key)


@never_cache
@require_safe
def healthz(request):
    checks = {"database": check_database}
    if "replica" in settings.DATABASES:
        checks["replica"] = partial(check_database, "replica")
    checks["cache"] = check_cache
    results, timings = {}, {}
    for name, check in checks.items():
        started = time.monotonic()
        try:
            check()
        except Exception as error:  # any failure means "not ok"; the details go to the log
            logger.error("health check %s failed: %s: %s", name, type(error).__name__, error)
            results[name] = f"error: {type(error).__name__}"
        else:
            results[name] = "ok"
        timings[name] = round((time.monotonic() - started) * 1000, 1)
    healthy = all(value == "ok" for value in results.values())
    body = {"status": "ok" if healthy else "error", **results, "ms": timings}
    return JsonResponse(body, status=200 if healthy else 503)
