"""The change feed: /api/v3/changes/, visible pages by their last publication, for front ends
that poll. Wagtail's `pages/` has no `last_published_at` nor that order, and its
`pages/{page_id}/` takes any path segment, so the feed has a prefix of its own."""

from datetime import datetime
from typing import Literal

from django.db.models import F
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from wagtail.models import Page, get_page_models

from base.api_cards import card_base
from core.api_params import PaginationParams, as_utc, check_params, get_locale, paginate_queryset
from core.visibility import visible_pages

router = Router(tags=["pages"])

PAGE_TYPES = {model._meta.label: model for model in get_page_models()}


class ChangesParams(PaginationParams):
    updated_since: str | None = Field(
        None,
        max_length=64,
        description="ISO 8601 date-time, e.g. 2026-12-07T08:00:00Z: pages (re)published at "
        "or after it. Without a time zone: Europe/Stockholm.",
    )
    order: Literal["-last_published_at", "last_published_at"] = Field(
        "-last_published_at", description="Newest first (default) or oldest first"
    )
    locale: str | None = Field(None, description="Language code, e.g. sv or en")
    type: str | None = Field(None, description="Page type, e.g. webinars.WebinarEpisodePage")


class ChangedPageSchema(Schema):
    id: int
    type: str
    title: str
    locale: str
    url: str | None
    detail_url: str
    first_published_at: datetime | None
    last_published_at: datetime | None


class ChangesSchema(Schema):
    count: int
    items: list[ChangedPageSchema]


def parse_since(value: str) -> datetime:
    """An ISO 8601 date-time, in UTC; a clear 400 otherwise."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise HttpError(
            400,
            _(
                "updated_since: “%(value)s” är ingen tidpunkt i ISO 8601, t.ex. "
                "2026-12-07T08:00:00Z (skriv + som %%2B i en webbadress)."
            )
            % {"value": value},
        ) from None
    return as_utc(moment)


def page_type(label: str):
    if label not in PAGE_TYPES:
        raise HttpError(
            400,
            _("type: okänd sidtyp “%(label)s”. Använd något av: %(known)s.")
            % {"label": label, "known": ", ".join(sorted(PAGE_TYPES))},
        )
    return PAGE_TYPES[label]


def changed_page(page: Page, request: HttpRequest) -> dict:
    detail_url = reverse("wagtailapi_v3:detail_page", kwargs={"page_id": page.pk})
    return card_base(page, request) | {
        "detail_url": request.build_absolute_uri(detail_url),
        "first_published_at": page.first_published_at,
        "last_published_at": page.last_published_at,
    }


@router.get(
    "/",
    response=ChangesSchema,
    summary="Change feed: visible pages by their last publication",
    description="Poll with `updated_since` set to the newest `last_published_at` you have seen. "
    "Only pages the public may see are listed; unpublished and deleted pages are announced by "
    "the webhooks (docs/api.md).",
    operation_id="pages_changes",
)
def changes(request: HttpRequest, params: ChangesParams = Query(...)):  # noqa: B008
    check_params(request, ChangesParams)
    pages = visible_pages().select_related("locale", "content_type")
    if params.locale:
        pages = pages.filter(locale=get_locale(params.locale))
    if params.type:
        pages = pages.type(page_type(params.type))
    if params.updated_since:
        pages = pages.filter(last_published_at__gte=parse_since(params.updated_since))
    # Pages made live without a publication (imports, fixtures) have no date: they come last.
    if params.order == "last_published_at":
        pages = pages.order_by(F("last_published_at").asc(nulls_last=True), "pk")
    else:
        pages = pages.order_by(F("last_published_at").desc(nulls_last=True), "-pk")
    count, rows = paginate_queryset(pages, params.limit, params.offset)
    return {"count": count, "items": [changed_page(page, request) for page in rows]}
