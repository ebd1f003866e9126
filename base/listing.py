"""Helpers that keep listings at a constant number of queries, whatever their length."""

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.utils.html import strip_tags
from django.utils.text import normalize_newlines
from wagtail.images import get_image_model

# name -> Wagtail filter spec: the renditions of every image in the API (base/api_serializers.py);
# the HTML cards use the first, so one prefetch serves every listing.
RENDITIONS = {
    "thumbnail": "fill-640x360",
    "small": "max-480x480",
    "medium": "max-960x960",
    "large": "max-1600x1600",
}
CARD_IMAGE_FILTER = RENDITIONS["thumbnail"]


def card_images():
    """Images with every rendition a card uses, in the HTML or the API."""
    return get_image_model().objects.prefetch_renditions(*RENDITIONS.values())


def with_thumbnails(queryset, field):
    """Prefetch the image in `field` with its card rendition (2 queries for any number)."""
    images = get_image_model().objects.prefetch_renditions(CARD_IMAGE_FILTER)
    return queryset.prefetch_related(Prefetch(field, queryset=images))


def with_card_images(*lists):
    """The card image (with its card rendition) of every page in `lists` of (pages, image
    field): two queries for all the lists, not two for each."""
    wanted = [(page, field) for pages, field in lists for page in pages]
    ids = {getattr(page, f"{field}_id") for page, field in wanted} - {None}
    images = get_image_model().objects.prefetch_renditions(CARD_IMAGE_FILTER).in_bulk(ids)
    for page, field in wanted:
        setattr(page, field, images.get(getattr(page, f"{field}_id")))


def paginate(request, items, per_page):
    """A page of `items` for ?sida=N; malformed or out-of-range numbers fall back gracefully."""
    return Paginator(items, per_page).get_page(request.GET.get("sida", 1))


def plain_text(html: str) -> str:
    """Rich text as one line of plain text for teasers (paragraphs kept apart by a space)."""
    text = strip_tags(html.replace("</p>", "</p> ").replace("<br/>", " "))
    return " ".join(normalize_newlines(text).split())


def in_locale(objects, locale):
    """Translatable snippets (topics, people) in `locale` where a translation exists, the
    originals otherwise, in one query: an English page may point at Swedish snippets."""
    objects = list(objects)
    if not objects:
        return objects
    model = type(objects[0])
    locale_id = getattr(locale, "pk", locale)
    if not getattr(model, "related_for_display", ()) and all(
        item.locale_id == locale_id for item in objects
    ):
        return objects  # already in the locale: each is its own translation there
    translations = {
        item.translation_key: item
        for item in model.objects.filter(
            translation_key__in=[item.translation_key for item in objects], locale=locale
        ).select_related(*getattr(model, "related_for_display", ()))
    }
    return [translations.get(item.translation_key, item) for item in objects]
