"""Template tags for the catalogue's long lists, written in Python: the template engine costs
tens of microseconds a node, which a hundred series links or a dozen card images add up."""

from django import template
from django.utils.html import format_html, format_html_join
from wagtail.images.models import Filter
from wagtail.images.shortcuts import get_rendition_or_not_found

from home.listing import CARD_IMAGE_FILTER

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
    return rendition.img_tag({"alt": "", "class": css_class})


@register.simple_tag
def series_links(series_list):
    """A compact list of series links (`webinars.models.SeriesLink`: title and url)."""
    return format_html(
        '<ul class="series-list">{}</ul>',
        format_html_join(
            "", '<li><a href="{}">{}</a></li>', ((item.url, item.title) for item in series_list)
        ),
    )
