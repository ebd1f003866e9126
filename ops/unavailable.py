"""A friendly 503 instead of a server error while a backing service is down.

When the database (or the Redis cache) cannot be reached, every public page would otherwise end
in a 500. `ServiceUnavailableMiddleware` turns those errors into a static Swedish page (the API
gets an RFC 7807 problem) with status 503 and `Retry-After`, rendered without touching the
database; `server_error` does the same for errors raised outside views (other middleware).
Nothing is kept broken: Django drops a failed connection at the end of the request and
`CONN_HEALTH_CHECKS` tests a reused one before each request, so the site recovers on its own
as soon as the service is back."""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.translation import gettext
from django.views import defaults

from .problems import RETRY_AFTER_SECONDS, problem_response

logger = logging.getLogger(__name__)

TEMPLATE = "503.html"
FALLBACK_HTML = (
    '<!DOCTYPE html><html lang="sv"><meta charset="utf-8"><title>Tillfälligt avbrott – SKL'
    "</title><h1>Tillfälligt avbrott</h1><p>Webbplatsen är inte tillgänglig just nu. "
    "Försök igen om en stund.</p></html>"
)


def _unavailable_errors():
    errors = [OperationalError, InterfaceError]
    try:
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import TimeoutError as RedisTimeoutError
    except ImportError:  # redis is only needed when REDIS_URL is set
        pass
    else:
        errors += [RedisConnectionError, RedisTimeoutError]
    return tuple(errors)


UNAVAILABLE_ERRORS = _unavailable_errors()


def is_unavailable_error(error) -> bool:
    return isinstance(error, UNAVAILABLE_ERRORS)


def unavailable_response(request):
    if request.path.startswith("/api/"):
        return problem_response(
            503, gettext("Tjänsten är tillfälligt otillgänglig. Försök igen om en stund.")
        )
    try:
        # No request, no context processors: nothing here may touch the database.
        html = loader.get_template(TEMPLATE).render({"retry_after": RETRY_AFTER_SECONDS})
    except Exception:  # the page must come out whatever else is broken
        logger.exception("could not render %s", TEMPLATE)
        html = FALLBACK_HTML
    response = HttpResponse(html, content_type="text/html; charset=utf-8", status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class ServiceUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        return response_to_outage(request, exception)


def response_to_outage(request, exception):
    """The 503 for an exception that says a service is down (logged), None for any other."""
    if not is_unavailable_error(exception):
        return None
    logger.error(
        "service unavailable: %s %s: %s: %s",
        request.method,
        request.path,
        type(exception).__name__,
        exception,
    )
    return unavailable_response(request)


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    """handler500: a database or cache outage in middleware is a 503 too, not a 500."""
    if is_unavailable_error(sys.exc_info()[1]):
        return unavailable_response(request)
    return defaults.server_error(request, template_name=template_name)
