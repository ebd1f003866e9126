"""Abuse protection for anonymous public forms (feedback answers, and later comments).

- A honeypot field that people never see; bots that fill it are told "thanks" and ignored.
- A rate limit per client, counted in Django's cache. The client is known only by a salted hash
  of its address that changes every day; the hash is never written to any table."""

import hashlib
import hmac
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

HONEYPOT_FIELD = "website"


@dataclass(frozen=True)
class RateLimit:
    scope: str
    limit: int
    window_seconds: int


def client_address(request) -> str:
    if getattr(settings, "TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


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
    return count > rate.limit


def honeypot_filled(data) -> bool:
    return bool((data.get(HONEYPOT_FIELD) or "").strip())
