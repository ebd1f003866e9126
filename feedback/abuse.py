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
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.redis import RedisCache
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

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
    return count_request(request, rate)[0]


def count_request(request, rate: RateLimit, also_read: str | None = None) -> tuple[bool, object]:
    """Count this request against `rate`: (over the limit?, the value of `also_read`).

    `also_read` is a key of the default cache read in the same round trip to Redis as the
    count (the value, or None when missing); without Redis it is not read (None)."""
    window = int(time.time() // rate.window_seconds)
    key = f"ratelimit:{rate.scope}:{client_fingerprint(request)}:{window}"
    backend = caches[DEFAULT_CACHE_ALIAS]
    value = None
    if isinstance(backend, RedisCache):
        count, value = redis_count(backend, key, rate.window_seconds, also_read)
    else:
        cache.add(key, 0, timeout=rate.window_seconds)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=rate.window_seconds)
            count = 1
    # RATE_LIMIT_SCALE multiplies every limit: a load test from one address raises it.
    return count > rate.limit * getattr(settings, "RATE_LIMIT_SCALE", 1), value


def redis_count(backend, key, timeout, also_read=None) -> tuple[int, object]:
    """Create the counter if missing (expiring with its window) and count one, in one round
    trip to Redis; Django's add() and incr() take three (incr asks whether the key exists).
    The counter is the same key and value that add() and incr() would keep. `also_read` (a
    cache key) is read in the same round trip, as `cache.get()` would: (count, value).

    The commands go straight to a pooled connection of the cache's client: redis-py's
    pipeline costs several times as much Python as the round trip itself (~0.3 ms against
    ~0.06 ms)."""
    key = backend.make_and_validate_key(key)
    commands = [("SET", key, 0, "EX", timeout, "NX"), ("INCR", key)]
    if also_read is not None:
        commands.append(("GET", backend.make_and_validate_key(also_read)))
    pool = backend._cache.get_client(key, write=True).connection_pool
    try:
        connection = pool.get_connection()
    except TypeError:  # redis-py before 5.3 asks for a command name
        connection = pool.get_connection("SET")
    try:
        replies = connection.retry.call_with_retry(
            lambda: round_trip(connection, commands), lambda _error: connection.disconnect()
        )
    finally:
        pool.release(connection)
    value = None
    if also_read is not None and replies[2] is not None:
        value = backend._cache._serializer.loads(replies[2])
    return replies[1], value


def packed(commands) -> bytes:
    """Commands in Redis's protocol (RESP), as redis-py's `pack_commands` writes them in
    pure Python at some 20 µs a command."""
    parts = []
    for command in commands:
        parts.append(b"*%d\r\n" % len(command))
        for argument in command:
            data = argument if isinstance(argument, bytes) else str(argument).encode()
            parts.append(b"$%d\r\n%s\r\n" % (len(data), data))
    return b"".join(parts)


def round_trip(connection, commands) -> list:
    """Send `commands` at once and read every reply (all of them, so the connection stays in
    step, before raising the first error reply)."""
    from redis.exceptions import ResponseError

    connection.send_packed_command([packed(commands)])
    replies, error = [], None
    for _command in commands:
        try:
            replies.append(connection.read_response())
        except ResponseError as reply:
            error = error or reply
            replies.append(None)
    if error is not None:
        raise error
    return replies


def honeypot_filled(data) -> bool:
    return bool((data.get(HONEYPOT_FIELD) or "").strip())


def origin_allowed(request) -> bool:
    origin = request.META.get("HTTP_ORIGIN")  # request.headers would copy every header
    if not origin:  # not a browser, or a browser that does not say: nothing to compare
        return True
    own = f"{request.scheme}://{request.get_host()}"
    return origin == own or origin in getattr(settings, "FEEDBACK_ALLOWED_ORIGINS", [])


def admit(request, rate: RateLimit, *, also_read: str | None = None):
    """The checks every public write passes first, for the form views and the API alike:
    browser posts from other sites are refused, and each client is rate limited.

    Returns the value of `also_read`, a key of the default cache read in the same round trip
    to Redis as the rate limit's count (feedback answers read the content generation so);
    None when it is missing or there is no Redis."""
    if not origin_allowed(request):
        raise Refused(_("Svar från andra webbplatser tas inte emot."), status=403)
    limited, value = count_request(request, rate, also_read)
    if limited:
        raise Refused(
            str(rate.message)
            or _("Du har skickat många svar på kort tid. Försök igen om en stund."),
            status=429,
        )
    return value


@contextmanager
def storing(*, atomic=True):
    """A write that fails in the database (locked, gone away) is a 503 a person can retry.
    `atomic=False` for a write that is one statement (atomic by itself): no BEGIN and COMMIT
    round trips."""
    try:
        with transaction.atomic() if atomic else nullcontext():
            yield
    except DatabaseError:
        raise Refused(
            _("Vi kunde inte spara ditt svar just nu. Försök igen om en liten stund."), status=503
        ) from None
