from datetime import timedelta

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from core.visibility import visible_pages

register = template.Library()


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    """Ancestors below the site root (pages an editor has not saved yet have none)."""
    ancestors = []
    if page.depth > 3 and page.pk:  # below the site root's children
        # Plain pages (titles and links): no query per page type.
        ancestors = list(page.get_ancestors().filter(depth__gt=2).live().order_by("depth"))
    return {
        "request": context.get("request"),
        "site_root": context.get("site_root"),
        "ancestors": ancestors,
        "page": page,
    }


@register.filter
def duration_text(value: timedelta | None) -> str:
    """A human length in Swedish, e.g. "1 tim 4 min" or "24 min 30 s"."""
    if not value:
        return ""
    total = int(value.total_seconds())
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
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
    total = int(value.total_seconds())
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
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


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context, page=None):
    """Links to this page in the other languages; where a translation is missing, to that
    language's home page (never a 404)."""
    from django.conf import settings
    from django.utils.translation import get_language

    request = context.get("request")
    site_root = context.get("site_root")
    current = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    by_id = {locale.pk: locale for locale in Locale.objects.all()}
    translations = {
        by_id[translation.locale_id].language_code: translation
        for translation in published_translations(page)
    }
    homes = {}
    if site_root is not None:
        for home in context.get("site_root_translations", None) or home_translations(site_root):
            homes[by_id[home.locale_id].language_code] = home
    links = []
    names = dict(settings.LANGUAGES)
    for code in [by_id[pk].language_code for pk in sorted(by_id)]:
        if code == current or code not in names:
            continue
        target = translations.get(code) or homes.get(code)
        url = target.get_url(request) if target else f"/{code}/"
        links.append({"code": code, "name": names[code], "url": url, "exact": code in translations})
    return {"links": links, "translations": translations.values(), "request": request}


def home_translations(site_root):
    return visible_pages(site_root.get_translations(inclusive=True))


def published_translations(page):
    """The page in every language it is published in (itself included), read once per page
    object: the head's hreflang links and the language switcher both need it."""
    if page is None or not getattr(page, "pk", None):
        return []
    if not hasattr(page, "published_translations_cache"):
        page.published_translations_cache = list(
            visible_pages(page.get_translations(inclusive=True)).select_related("locale")
        )
    return page.published_translations_cache


@register.simple_tag
def live_translations(page):
    """The page in every language it is published in (itself included), for hreflang links."""
    return published_translations(page)


@register.inclusion_tag("includes/social_meta.html", takes_context=True)
def social_meta(context, page):
    """Description, canonical URL, OpenGraph and Twitter card tags from the page's promote
    fields; the image is the page's sharing image, or its own listing image."""
    request = context.get("request")
    image = (
        getattr(page, "social_image", None)
        or getattr(page, "thumbnail", None)
        or getattr(page, "image", None)
        or getattr(page, "hero_image", None)
    )
    rendition = image.get_rendition("fill-1200x630") if image else None
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
