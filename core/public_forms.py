"""What every anonymous public form (the feedback widget, comments) goes through, as a plain
form POST or JSON: a honeypot, `admit()` (other sites' browser posts refused, a rate limit per
client known only by a daily HMAC of its address, in Django's cache), `storing()` (a database
that refuses is a 503), reading the body, the page it names and its cleaned text, and the
thanks, error page or JSON it is answered with."""

import hashlib
import hmac
import json
import re
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.http import HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Schema
from wagtail.models import Page

from core.client_address import client_address
from core.scrub import scrub_personal_data
from core.visibility import visible_pages
from ops.unavailable import RETRY_AFTER_SECONDS

MAX_BODY_BYTES = 16 * 1024

HONEYPOT_FIELD = "website"
PAGE_ID = re.compile(r"-?[0-9]{1,30}")


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


def counted(key, seconds) -> int:
    """One more on a counter in the cache that lasts `seconds` from its first count."""
    try:
        return cache.incr(key)
    except ValueError:  # the first count (or a concurrent one added it first)
        return 1 if cache.add(key, 1, timeout=seconds) else cache.incr(key)


def is_rate_limited(request, rate: RateLimit) -> bool:
    """At most `limit` posts in the `window_seconds` from a client's first one (then a new
    window begins: a window on the clock could end between a test's posts)."""
    key = f"ratelimit:{rate.scope}:{client_fingerprint(request)}"
    return counted(key, rate.window_seconds) > rate.limit * settings.RATE_LIMIT_SCALE


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
    return origin == own or origin in settings.FEEDBACK_ALLOWED_ORIGINS


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


def wants_json(request) -> bool:
    accept = request.headers.get("Accept", "")
    return request.content_type == "application/json" or "application/json" in accept


def read_data(request) -> dict:
    """The form's fields, or the JSON object a script sent."""
    if int(request.headers.get("Content-Length") or 0) > MAX_BODY_BYTES:
        raise Refused(_("Svaret är för stort."), status=413)
    if request.content_type != "application/json":
        return request.POST
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        data = None
    if not isinstance(data, dict):
        raise Refused(_("Svaret kunde inte läsas (ogiltig JSON)."))
    return data


def text_field(data, name) -> str:
    value = data.get(name) or ""
    if not isinstance(value, str):
        raise Refused(_("Fältet “%(name)s” ska vara text.") % {"name": name})
    return value


def visible_page(raw_id, pages=Page.objects):
    """The visible page (core.visibility) among `pages` with the id a form sent, or None. The id
    is a whole number, or its digits as text; anything else (`true`, 1.0) is a 400. Django
    answers an id past the database's integer range with no row, not an error."""
    if isinstance(raw_id, str) and PAGE_ID.fullmatch(raw_id.strip()):
        raw_id = int(raw_id)
    if not isinstance(raw_id, int) or isinstance(raw_id, bool):
        raise Refused(_("Sidan kunde inte identifieras."))
    return visible_pages(pages.filter(pk=raw_id)).first()


def clean_text(text: str, max_length: int, required=False, too_long="") -> str:
    """A comment (or another field, given its own `too_long` message with %(max)d): trimmed, a
    form's CR LF line breaks made one character, at most `max_length` long and scrubbed of
    personal data (core.scrub); a `required` one is refused empty."""
    text = text.replace("\r\n", "\n").strip()
    if required and not text:
        raise Refused(_("Skriv en kommentar innan du skickar."))
    if len(text) > max_length:
        too_long = too_long or _("Kommentaren får vara högst %(max)d tecken.")
        raise Refused(too_long % {"max": max_length})
    return scrub_personal_data(text)


def text_schema_field(max_length: int, default="", description=""):
    """A free-text field of an API body, documented at its real limit. The schema itself lets
    twice that through, so that `clean_text` answers a longer text in the visitor's language
    (and counts it after trimming); past that it is refused unread."""
    return Field(
        default,
        max_length=max_length * 2,
        json_schema_extra={"maxLength": max_length},
        description=description,
    )


class MessageOut(Schema):
    message: str


def thanks(request, message, status, back_url, **extra):
    """`{"message", **extra}` with `status` for scripts; a form post goes on to `back_url`."""
    if wants_json(request):
        return JsonResponse({"message": message, **extra}, status=status)
    return HttpResponseRedirect(back_url, status=303)


def error_response(request, error: Refused, template: str, back_url=None):
    """`{"error"}` for scripts, else `template` (with `message` and `back_url`) in Swedish."""
    if wants_json(request):
        response = JsonResponse({"error": error.message}, status=error.status)
    else:
        context = {"message": error.message, "back_url": back_url}
        response = TemplateResponse(request, template, context, status=error.status)
    if error.status in (429, 503):
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
