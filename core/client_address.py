"""The visitor's address, for rate limits only (it is never stored).

Behind proxies, `REMOTE_ADDR` is the nearest proxy's. Each proxy appends the address it was
reached from to `X-Forwarded-For`, so with TRUSTED_PROXIES proxies in front of the app (the
load balancer, Varnish…) the visitor is the TRUSTED_PROXIES-th entry counted from the right.
Entries further left were written by the client and are never believed: a client that sends
its own `X-Forwarded-For` only adds entries to the left."""

from django.conf import settings


def client_address(request) -> str:
    trusted = int(getattr(settings, "TRUSTED_PROXIES", 0) or 0)
    if trusted > 0:
        forwarded = [
            entry.strip()
            for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if entry.strip()
        ]
        if forwarded:
            return forwarded[-min(trusted, len(forwarded))]
    return request.META.get("REMOTE_ADDR", "")
