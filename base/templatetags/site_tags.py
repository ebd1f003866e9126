from datetime import timedelta

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _

from base.context_processors import SiteFrame

register = template.Library()

SHARE_SPEC = "fill-1200x630"  # the sharing image's rendition, as OpenGraph recommends


@register.simple_tag(takes_context=True)
def site_frame(context, page=None):
    """The frame's pages, read when first used (`base.context_processors.SiteFrame`)."""
    return SiteFrame(context.get("request"), page)


def hours_minutes_seconds(value: timedelta) -> tuple[int, int, int]:
    hours, rest = divmod(int(value.total_seconds()), 3600)
    return (hours, *divmod(rest, 60))


@register.filter
def duration_text(value: timedelta | None) -> str:
    """A human length in Swedish, e.g. "1 tim 4 min" or "24 min 30 s"."""
    if not value:
        return ""
    hours, minutes, seconds = hours_minutes_seconds(value)
    parts = []
    if hours:
        parts.append(_("%(hours)d tim") % {"hours": hours})
    if minutes:
        parts.append(_("%(minutes)d min") % {"minutes": minutes})
    if seconds and not hours:
        parts.append(_("%(seconds)d s") % {"seconds": seconds})
    return " ".join(parts) or _("%(seconds)d s") % {"seconds": 0}


@register.filter
def iso_duration(value: timedelta | None) -> str:
    """ISO 8601 duration for <time datetime> and schema.org, e.g. PT24M30S."""
    if not value:
        return ""
    hours, minutes, seconds = hours_minutes_seconds(value)
    return (
        "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + f"{seconds}S"
    )


@register.filter
def iso_datetime(value) -> str:
    """A moment for <time datetime>, in local time to the second, e.g. 2017-06-29T09:00:00+02:00
    (HTML allows at most three digits of fractions; Django's "c" format writes six)."""
    if not value:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


@register.filter
def in_section(page, section) -> bool:
    """True if `page` is `section` or lies below it (for aria-current in the menu)."""
    return bool(page and section and page.path.startswith(section.path))


def share_image(page):
    """The page's sharing image, or its own listing image."""
    return (
        getattr(page, "social_image", None)
        or getattr(page, "thumbnail", None)
        or getattr(page, "image", None)
        or getattr(page, "hero_image", None)
    )


@register.inclusion_tag("includes/social_meta.html", takes_context=True)
def social_meta(context, page):
    """Description, canonical URL, OpenGraph and Twitter card tags from the page's promote
    fields."""
    request = context.get("request")
    image = share_image(page)
    rendition = image.get_rendition(SHARE_SPEC) if image else None
    return {
        "page": page,
        "title": page.seo_title or page.title,
        "description": page.search_description or getattr(page, "teaser", "") or "",
        "url": page.get_full_url(request),
        "image_url": request.build_absolute_uri(rendition.url) if rendition and request else "",
        "image_alt": image.default_alt_text if image else "",
        "locale": page.locale.language_code,
        "og_type": "video.other" if getattr(page, "has_video", False) else "article",
    }


@register.simple_tag(takes_context=True)
def structured_data(context, page):
    """schema.org JSON-LD in a <script> element, safely escaped (json_script does the escaping)."""
    from django.utils.html import json_script
    from django.utils.safestring import mark_safe

    from base.structured_data import for_page

    if page is None or not getattr(page, "pk", None):
        return ""
    script = json_script(for_page(page, context.get("request")), "structured-data")
    # json_script escapes the data; only the type attribute changes, so it stays safe.
    return mark_safe(script.replace('type="application/json"', 'type="application/ld+json"'))  # noqa: S308


@register.filter
def page_numbers(page_obj):
    """Page numbers for pagination, elided on long lists: 1 2 … 9 10 11 … 999 1000."""
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
