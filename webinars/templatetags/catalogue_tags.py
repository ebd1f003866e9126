"""Template tags for the catalogue's long lists, written in Python: the template engine costs
tens of microseconds a node, which a hundred series links or a dozen card images add up."""

from django import template
from django.apps import apps
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext
from wagtail.images.models import Filter
from wagtail.images.shortcuts import get_rendition_or_not_found

from home.listing import CARD_IMAGE_FILTER
from home.templatetags.site_tags import duration_text, iso_datetime

register = template.Library()

# One parsed filter for every card (Wagtail parses a spec string anew on each call).
CARD_FILTER = Filter(spec=CARD_IMAGE_FILTER)


@register.simple_tag
def card_image(image, css_class="card__image"):
    """The same <img> as `{% image image fill-640x360 alt="" class="card__image" %}`.

    Uses the rendition prefetched with `home.listing.with_thumbnails` as it is; Wagtail's tag
    also writes it to the rendition cache on every call. Creates a missing one as the tag does."""
    if not image:
        return ""
    card_filter = image.clean_filter_for_svg(CARD_FILTER)
    try:
        rendition = image.find_existing_rendition(card_filter)
    except image.get_rendition_model().DoesNotExist:
        rendition = get_rendition_or_not_found(image, card_filter)
    if apps.get_app_config("wagtailimages").default_attrs:
        return rendition.img_tag({"alt": "", "class": css_class})
    # What img_tag writes (its attributes sorted by name, escaped), without its generic
    # attribute machinery (a tenth of a millisecond an image).
    return mark_safe(  # noqa: S308 - every value escaped
        f'<img alt="" class="{escape(css_class)}" height="{escape(rendition.height)}" '
        f'src="{escape(rendition.url)}" width="{escape(rendition.width)}">'
    )


@register.simple_tag
def series_links(series_list):
    """A compact list of series links (`webinars.models.SeriesLink`: title and url)."""
    return format_html(
        '<ul class="series-list">{}</ul>',
        format_html_join(
            "", '<li><a href="{}">{}</a></li>', ((item.url, item.title) for item in series_list)
        ),
    )


@register.simple_tag(takes_context=True)
def episode_card(context, episode):
    """An episode's card (catalogue, series, home and case pages), written in Python rather
    than as a template include: the template's nodes cost about a millisecond a card, a dozen
    on every catalogue page. Every value is escaped here; tests/webinars/test_episode_card.py
    shows the markup."""
    request = context.get("request")
    image = card_image(episode.thumbnail) if episode.thumbnail else ""
    series = getattr(episode, "series", None)
    kicker = f'<p class="card__kicker">{escape(series.title)}</p>' if series else ""
    if episode.is_upcoming:
        starts_at = timezone.localtime(episode.starts_at)
        meta = (
            f'\n        <span class="badge">{escape(gettext("Kommande"))}</span>\n'
            f'        <time datetime="{escape(iso_datetime(episode.starts_at))}">'
            f"{escape(date_format(starts_at, 'j F Y H:i'))}</time>\n      "
        )
    else:
        recorded = ""
        if episode.recorded_on:
            recorded = (
                f'<time datetime="{escape(date_format(episode.recorded_on, "Y-m-d"))}">'
                f"{escape(date_format(episode.recorded_on, 'j F Y'))}</time>"
            )
        duration = ""
        if episode.duration:
            duration = f"<span>· {escape(duration_text(episode.duration))}</span>"
        meta = f"\n        {recorded}\n        {duration}\n      "
    html = (
        '\n<article class="card">\n'
        f"  {image}\n"
        '  <div class="card__body">\n'
        f"    {kicker}\n"
        f'    <h3 class="card__title"><a href="{escape(episode.get_url(request=request))}">'
        f"{escape(episode.title)}</a></h3>\n"
        f"    <p>{escape(Truncator(episode.summary).words(30, truncate=' …'))}</p>\n"
        '    <p class="card__meta">\n'
        f"      {meta}\n"
        "    </p>\n"
        "  </div>\n"
        "</article>\n"
    )
    return mark_safe(html)  # noqa: S308 - every value escaped above
