"""Abuse protection every anonymous public write (feedback, comments) goes through: a honeypot,
`admit()` (other sites' browser posts refused, a rate limit per client known only by a daily
HMAC of its address, in Django's cache) and `storing()` (a database that refuses is a 503)."""

import hashlib
import hmac
import time
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.client_address import client_address

HONEYPOT_FIELD = "website"


class Refused(Exception):
    """Input or a situation a person can correct; `status` is the HTTP status to answer with."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass(frozen=True)
class RateLimit:
    scope: str
    limit: int
    window_seconds: int
    message: str = ""


def client_fingerprint(request) -> str:
    day = timezone.now().date().isoformat()
    message = f"{day}|{client_address(request)}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:32]


def is_rate_limited(request, rate: RateLimit) -> bool:
    window = int(time.time() // rate.window_seconds)
    key = f"ratelimit:{rate.scope}:{client_fingerprint(request)}:{window}"
    cache.add(key, 0, timeout=rate.window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=rate.window_seconds)
        count = 1
    # RATE_LIMIT_SCALE multiplies every limit: a load test from one address raises it.
    return count > rate.limit * getattr(settings, "RATE_LIMIT_SCALE", 1)


def honeypot_filled(data) -> bool:
    """Whether a bot filled the honeypot; anything but text there is a 400."""
    value = data.get(HONEYPOT_FIELD)
    if value is None:
        return False
    if not isinstance(value, str):
        raise Refused(_("Fältet “%(name)s” ska vara text.") % {"name": HONEYPOT_FIELD})
    return bool(value.strip())


def origin_allowed(request) -> bool:
    origin = request.headers.get("Origin")
    if not origin:  # not a browser: nothing to compare
        return True
    own = f"{request.scheme}://{request.get_host()}"
    return origin == own or origin in getattr(settings, "FEEDBACK_ALLOWED_ORIGINS", [])


def admit(request, rate: RateLimit) -> None:
    if not origin_allowed(request):
        raise Refused(_("Svar från andra webbplatser tas inte emot."), status=403)
    if is_rate_limited(request, rate):
        raise Refused(
            str(rate.message)
            or _("Du har skickat många svar på kort tid. Försök igen om en stund."),
            status=429,
        )


@contextmanager
def storing():
    try:
        with transaction.atomic():
            yield
    except DatabaseError:
        raise Refused(
            _("Vi kunde inte spara ditt svar just nu. Försök igen om en liten stund."), status=503
        ) from None
