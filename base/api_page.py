"""What `site/find/` answers besides the page's own fields: what the HTML page has in its
<head> and frame and Wagtail's `pages/{id}/` lacks (publication dates, the feedback and comments
switches, meta description, OpenGraph, JSON-LD, the sharing image, feed and calendar links).

Built by the same code as the HTML: `social_meta` (base/templatetags/site_tags.py) and
`base.structured_data.for_page`."""

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import BaseModel

from base.api_serializers import ImageSchema, RenditionSchema, image_data
from base.structured_data import for_page
from base.templatetags.site_tags import social_meta

SHARE_SPEC = "fill-1200x630"  # as social_meta and structured_data


class OpenGraphSchema(BaseModel):
    type: str
    title: str
    description: str
    url: str
    locale: str
    site_name: str
    image: str | None
    image_alt: str | None


class HeadSchema(BaseModel):
    title: str
    description: str
    canonical_url: str
    open_graph: OpenGraphSchema
    json_ld: dict[str, Any]


class SocialImageSchema(ImageSchema):
    share: RenditionSchema


class LinkSchema(BaseModel):
    rel: Literal["alternate"]
    type: str
    title: str
    url: str


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


def feed_links(page, request: HttpRequest) -> list[dict]:
    """The feeds the HTML page announces and offers (feed_alternates, subscribe_links)."""
    kind = (page.specific_class or type(page)).__name__
    if kind.startswith("PressRelease"):
        name, title = "articles:press_feed", _("Pressmeddelanden från SKL")
    elif kind in ("WebinarIndexPage", "WebinarSeriesPage"):
        name, title = "webinars:feed", _("Nya webbinarier från SKL")
    else:
        return []
    links = [
        {"rel": "alternate", "type": f"application/{suffix}+xml", "title": f"{title} ({label})"}
        | {"url": request.build_absolute_uri(reverse(f"{name}_{suffix}"))}
        for suffix, label in (("rss", "RSS"), ("atom", "Atom"))
    ]
    if name == "webinars:feed":
        links.append(
            {
                "rel": "alternate",
                "type": "text/calendar",
                "title": _("Kalender med kommande webbinarier (.ics)"),
                "url": request.build_absolute_uri(reverse("webinars:calendar")),
            }
        )
    return links


def calendar_url(page, request: HttpRequest) -> str | None:
    if not getattr(page, "is_upcoming", False):
        return None
    return request.build_absolute_uri(reverse("webinars:episode_calendar", args=[page.pk]))


def share_image(page):
    """The image social_meta shares: the sharing image, or the page's own listing image."""
    return (
        getattr(page, "social_image", None)
        or getattr(page, "thumbnail", None)
        or getattr(page, "image", None)
        or getattr(page, "hero_image", None)
    )


def page_extras(page, request: HttpRequest) -> dict:
    """`page` (specific) as its HTML <head> and frame show it, in the page's language."""
    with translation.override(page.locale.language_code):
        meta = social_meta({"request": request}, page)
        image = share_image(page)
        social_image = None
        if image is not None:
            share = image.get_rendition(SHARE_SPEC)
            social_image = image_data(image) | {
                "share": {
                    "url": request.build_absolute_uri(share.url),
                    "width": share.width,
                    "height": share.height,
                }
            }
        return {
            "first_published_at": page.first_published_at,
            "last_published_at": page.last_published_at,
            "feedback_enabled": bool(getattr(page, "feedback_enabled", False)),
            "comments_enabled": bool(getattr(page, "comments_enabled", False)),
            "comments_open": bool(getattr(page, "comments_open", False)),
            "head": {
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
                    "image": meta["image_url"] or None,
                    "image_alt": meta["image_alt"] if meta["image_url"] else None,
                },
                "json_ld": for_page(page, request),
            },
            "social_image": social_image,
            "feeds": feed_links(page, request),
            "calendar_url": calendar_url(page, request),
        }
