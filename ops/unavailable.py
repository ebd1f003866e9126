"""A friendly 503 (a static page rendered without the database, a problem under /api/) with
`Retry-After` instead of a 500 while the database or Redis is down, raised in a view or in
middleware. Nothing stays broken: Django drops a failed connection after the request and
`CONN_HEALTH_CHECKS` tests a reused one, so the site recovers once the service is back."""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.deprecation import MiddlewareMixin
from django.utils.translation import gettext
from django.views import defaults
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from .problems import RETRY_AFTER_SECONDS, is_api_request, problem_response

logger = logging.getLogger(__name__)

UNAVAILABLE_ERRORS = (OperationalError, InterfaceError, RedisConnectionError, RedisTimeoutError)


def unavailable_response(request):
    if is_api_request(request):
        return problem_response(
            503, gettext("Tjänsten är tillfälligt otillgänglig. Försök igen om en stund.")
        )
    # No request, no context processors: nothing here may touch the database.
    html = render_to_string("503.html", {"retry_after": RETRY_AFTER_SECONDS})
    response = HttpResponse(html, status=503, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
    response["Cache-Control"] = "no-store"
    return response


class ServiceUnavailableMiddleware(MiddlewareMixin):
    def process_exception(self, request, exception):
        """The 503 for an exception that says a service is down (logged), None for any other."""
        if not isinstance(exception, UNAVAILABLE_ERRORS):
            return None
        name = type(exception).__name__
        logger.error(
            "service unavailable: %s %s: %s: %s", request.method, request.path, name, exception
        )
        return unavailable_response(request)


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    """handler500: a database or cache outage in middleware is a 503 too, not a 500."""
    if isinstance(sys.exc_info()[1], UNAVAILABLE_ERRORS):
        return unavailable_response(request)
    return defaults.server_error(request, template_name=template_name)
