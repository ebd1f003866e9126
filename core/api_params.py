"""Helpers every API router shares: strict query parameters, locales and pagination."""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Schema
from ninja.errors import HttpError
from wagtail.models import Locale

MAX_LIMIT = 100
MAX_OFFSET = 10_000


def object_id(name: str):
    """An object's id in the path (0: a page never saved, in a preview). A larger number than
    2**63 - 1 names no row, and SQLite cannot even compare it (an OverflowError, a 500)."""
    return Path(..., ge=0, le=2**63 - 1, description=f"The {name}'s id")


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
