"""The visitor's address, for rate limits only (never stored). Each proxy appends the address
it was reached from to `X-Forwarded-For`: with TRUSTED_PROXIES proxies in front, the visitor is
that many entries from the right; entries further left were written by the client."""

from django.conf import settings


def client_address(request) -> str:
    trusted = settings.TRUSTED_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    forwarded = [entry.strip() for entry in forwarded if entry.strip()]
    if trusted > 0 and forwarded:
        return forwarded[-min(trusted, len(forwarded))]
    return request.META.get("REMOTE_ADDR", "")
