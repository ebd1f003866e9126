"""Abuse protection for anonymous public forms (feedback answers and comments, with and
without JavaScript, and their API endpoints): one mechanism every public write goes through.

- A honeypot field that people never see; bots that fill it are told "thanks" and ignored.
- A rate limit per client, counted in Django's cache. The client is known only by a salted hash
  of its address that changes every day; the hash is never written to any table.
- `admit()`: browser posts from other sites are refused (`FEEDBACK_ALLOWED_ORIGINS` lists the
  front ends that may post), then the rate limit is counted.
- `storing()`: a write the database cannot take right now (locked, gone away) is a 503 a person
  can retry, never a server error."""

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
    # What the visitor is told when over the limit (a lazy translation); a general text if empty.
    message: str = ""


def client_fingerprint(request) -> str:
    """Stable for one client for one day, meaningless after that, never stored in a row."""
    day = timezone.now().date().isoformat()
    message = f"{day}|{client_address(request)}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:32]


def is_rate_limited(request, rate: RateLimit) -> bool:
    """Count this request against `rate`; True once the client is over the limit."""
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
    """Whether a bot filled the honeypot. Anything but text there is refused (400)."""
    value = data.get(HONEYPOT_FIELD)
    if value is None:
        return False
    if not isinstance(value, str):
        raise Refused(_("Fältet “%(name)s” ska vara text.") % {"name": HONEYPOT_FIELD})
    return bool(value.strip())


def origin_allowed(request) -> bool:
    origin = request.headers.get("Origin")
    if not origin:  # not a browser, or a browser that does not say: nothing to compare
        return True
    own = f"{request.scheme}://{request.get_host()}"
    return origin == own or origin in getattr(settings, "FEEDBACK_ALLOWED_ORIGINS", [])


def admit(request, rate: RateLimit) -> None:
    """The checks every public write passes first, for the form views and the API alike:
    browser posts from other sites are refused, and each client is rate limited."""
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
    """A write that fails in the database (locked, gone away) is a 503 a person can retry."""
    try:
        with transaction.atomic():
            yield
    except DatabaseError:
        raise Refused(
            _("Vi kunde inte spara ditt svar just nu. Försök igen om en liten stund."), status=503
        ) from None
