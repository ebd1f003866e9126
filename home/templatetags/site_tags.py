from datetime import timedelta

from django import template

register = template.Library()


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    """Ancestors below the site root, in one query."""
    ancestors = []
    if page.depth > 2:
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
        parts.append(f"{hours} tim")
    if minutes:
        parts.append(f"{minutes} min")
    if seconds and not hours:
        parts.append(f"{seconds} s")
    return " ".join(parts) or "0 s"


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
def in_section(page, section) -> bool:
    """True if `page` is `section` or lies below it (for aria-current in the menu)."""
    return bool(page and section and page.path.startswith(section.path))
