"""Helpers every API router shares: strict query parameters, ids, moments, locales and
pagination."""

from datetime import UTC, datetime
from typing import Annotated

from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Path, Schema
from ninja.errors import HttpError
from pydantic import AfterValidator
from wagtail.models import Locale

from .converters import MAX_ID

MAX_LIMIT = 100
MAX_OFFSET = 10_000


class NotFound(Http404):
    """A 404 whose message says what was not found, in the client's language; any other 404
    under /api/ (Django's "No Page matches…") gets core.api_http's general one."""


def object_id(name: str):
    """An object's id in the path (0: a page never saved, in a preview), at most `MAX_ID`."""
    return Path(..., ge=0, le=MAX_ID, description=f"The {name}'s id")


# An object's id as a query filter (`?speaker=12`): a larger number than `MAX_ID` is a 400.
QueryId = Annotated[int, Field(ge=1, le=MAX_ID)]


def as_utc(moment: datetime) -> datetime:
    """`moment` in UTC, a naive one read as Europe/Stockholm time. Near the ends of the calendar
    (0001-01-01 is a client's "since the beginning") UTC may fall outside the years 1 to 9999,
    which SQLite cannot compare (a 500): such a moment is before or after every stored one, and
    UTC's first or last moment answers the same."""
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        return (datetime.min if moment.year == 1 else datetime.max).replace(tzinfo=UTC)


# A date-time query parameter (ISO 8601), in UTC.
Moment = Annotated[datetime, AfterValidator(as_utc)]


def check_params(request: HttpRequest, schema: type[Schema]) -> None:
    """400 for query parameters the endpoint does not know (a typo must not pass silently)."""
    allowed = set(schema.model_fields)
    unknown = sorted(set(request.GET) - allowed)
    if unknown:
        known = ", ".join(sorted(allowed)) or "–"
        raise HttpError(
            400,
            _("Okända parametrar: %(unknown)s. Tillåtna: %(known)s.")
            % {"unknown": ", ".join(unknown), "known": known},
        )


def unknown_locale(code: str, known) -> str:
    return _("locale: okänt språk “%(code)s”. Använd något av: %(available)s.") % {
        "code": code,
        "available": ", ".join(known),
    }


def get_locale(language_code: str) -> Locale:
    known = list(Locale.objects.all())
    locale = next((loc for loc in known if loc.language_code == language_code), None)
    if locale is None:
        raise HttpError(400, unknown_locale(language_code, [loc.language_code for loc in known]))
    return locale


class PaginationParams(Schema):
    limit: int = Field(20, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


def paginate_queryset(queryset, limit: int, offset: int):
    """(total count, the slice) — two queries, whatever the size of the table."""
    return queryset.count(), queryset[offset : offset + limit]
