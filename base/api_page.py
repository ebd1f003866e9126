"""What every page's API answer has besides its type's own fields (`pages/{id}/`, and
`site/find/` beside the page): what the HTML page has in its <head> and frame, built by the
same code (`social_meta`, `base.structured_data.for_page`). No request: Wagtail's
`pages/{id}/` gives its fields none, so absolute URLs are on the page's site."""

from datetime import datetime
from typing import Any, Literal

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import HttpError
from pydantic import BaseModel, Field
from wagtail.api import APIField
from wagtail.models import Page

from base.api_serializers import ImageDataSchema, RenditionSchema, image_data, rendition_data
from base.api_types import in_page_language, typed_field
from base.models.preview import PagePreview
from base.structured_data import for_page
from base.templatetags.site_tags import SHARE_SPEC, share_image, social_meta
from core.visibility import visible_pages


class OpenGraphSchema(BaseModel):
    type: str
    title: str
    description: str
    url: str | None  # None: a preview of a page no site routes to
    locale: str
    site_name: str
    image: str | None
    image_alt: str | None


class HeadSchema(BaseModel):
    title: str
    description: str
    canonical_url: str | None
    open_graph: OpenGraphSchema
    json_ld: dict[str, Any]


class SocialImageSchema(ImageDataSchema):
    share: RenditionSchema


class LinkSchema(BaseModel):
    rel: Literal["alternate"]
    type: str
    title: str
    url: str


class TranslationSchema(BaseModel):
    locale: str = Field(description="Language code of the translation")
    title: str
    url: str | None


class PageExtrasSchema(Schema):
    first_published_at: datetime | None
    last_published_at: datetime | None
    feedback_enabled: bool
    comments_enabled: bool
    comments_open: bool
    head: HeadSchema
    social_image: SocialImageSchema | None
    feeds: list[LinkSchema]
    calendar_url: str | None
    translations: list[TranslationSchema] = Field(
        description="The page in its other languages, where the public may see it"
    )


def on_site(page, path: str) -> str:
    parts = page.get_url_parts()
    return (parts[1] if parts else settings.WAGTAILADMIN_BASE_URL) + path


def feed_links(page) -> list[dict]:
    """The feeds the HTML page announces and offers (feed_alternates, subscribe_links)."""
    kind = (page.specific_class or type(page)).__name__
    if kind.startswith("PressRelease"):
        name, title, more = "articles:press_feed", _("Pressmeddelanden från SKL"), []
    elif kind in ("WebinarIndexPage", "WebinarSeriesPage"):
        name, title = "webinars:feed", _("Nya webbinarier från SKL")
        more = [
            ("text/calendar", _("Kalender med kommande webbinarier (.ics)"), "webinars:calendar")
        ]
    else:
        return []
    feeds = [
        (f"application/{suffix}+xml", f"{title} ({label})", f"{name}_{suffix}")
        for suffix, label in (("rss", "RSS"), ("atom", "Atom"))
    ]
    return [
        {"rel": "alternate", "type": mime, "title": text, "url": on_site(page, reverse(url_name))}
        for mime, text, url_name in feeds + more
    ]


def calendar_url(page) -> str | None:
    if not getattr(page, "is_upcoming", False):
        return None
    return on_site(page, reverse("webinars:episode_calendar", args=[page.pk]))


def social_image_data(page) -> dict | None:
    image = share_image(page)
    if image is None:
        return None
    return image_data(image) | {"share": rendition_data(image.get_rendition(SHARE_SPEC))}


def translations(page) -> list[dict]:
    """The page's visible translations (its hreflang and language links), in one query."""
    others = visible_pages(page.get_translations()).select_related("locale").order_by("locale")
    return [
        {"locale": other.locale.language_code, "title": other.title, "url": other.get_url()}
        for other in others
    ]


def head_data(page) -> dict:
    meta = social_meta({}, page)
    image = social_image_data(page)
    return {
        "title": meta["title"],
        "description": meta["description"],
        "canonical_url": meta["url"],
        "open_graph": {
            "type": meta["og_type"],
            "title": meta["title"],
            "description": meta["description"],
            "url": meta["url"],
            "locale": "en_GB" if meta["locale"] == "en" else "sv_SE",
            "site_name": "SKL",
            "image": image["share"]["url"] if image else None,
            "image_alt": meta["image_alt"] if image else None,
        },
        "json_ld": for_page(page, None),
    }


# The extras built from the page; the others are its own fields.
EXTRAS = {
    "comments_open": lambda page: bool(getattr(page, "comments_open", False)),
    "head": in_page_language(head_data),
    "social_image": social_image_data,
    "feeds": in_page_language(feed_links),
    "calendar_url": in_page_language(calendar_url),
    "translations": translations,
}


def page_extras(page) -> dict:
    """`page` (specific) as its HTML <head> and frame show it, in the page's language."""
    return {
        "first_published_at": page.first_published_at,
        "last_published_at": page.last_published_at,
        "feedback_enabled": bool(getattr(page, "feedback_enabled", False)),
        "comments_enabled": bool(getattr(page, "comments_enabled", False)),
    } | {name: build(page) for name, build in EXTRAS.items()}


# The same in every page's own answer (`BasePage.api_fields`), typed as in PageExtrasSchema;
# Wagtail's `meta` already has first_published_at.
PAGE_API_FIELDS = [
    APIField(
        name, serializer=typed_field(field.annotation, EXTRAS[name], source="*", allow_null=True)
    )
    if name in EXTRAS
    else APIField(name)
    for name, field in PageExtrasSchema.model_fields.items()
    if name != "first_published_at"
]


def preview_or_404(token: str, model=Page, page_id: int | None = None):
    """The page an editor previews (of `model`, with `page_id` when given), for whoever holds
    the token (10 minutes; base.models.PagePreview); else a 404."""
    page = PagePreview.objects.page_for(token)
    if not isinstance(page, model) or page_id not in (None, page.pk):
        raise HttpError(
            404, _("preview: okänd eller för gammal token; öppna förhandsgranskningen igen.")
        )
    return page
