"""Result cards: type, date, image, and a short excerpt with the matching words marked.

A hit in an episode's chapter titles or in what is said (its captions' cues) links to that
moment of the video (`?t=<seconds>#player`: the episode page starts its player there, with or
without JavaScript) and names the time; a hit in the editors' transcript text links to the
transcript."""

import re
from dataclasses import dataclass
from datetime import datetime

from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.search import index

from base.listing import CARD_IMAGE_FILTER, plain_text
from base.templatetags.site_tags import iso_datetime
from webinars.models import WebinarEpisodePage
from webinars.player import clock_of, moment_url, transcript_cues

from .backends import active_language, stem
from .filters import CONTENT_TYPES, OTHER_TYPE, TYPE_LABELS

EXCERPT_WORDS = 30


@dataclass
class ResultCard:
    page: object
    type: str
    type_label: str
    date: object
    date_iso: str
    url: str
    excerpt: str  # safe HTML (search/excerpt.html): escaped text, matches in <mark>
    found_in: str  # "", "chapter" or "transcript"
    found_in_label: str
    image: object
    seconds: int | None = None  # the moment of the video a chapter or transcript hit is at

    @property
    def moment(self):
        if self.seconds is None:
            return None
        return {"seconds": self.seconds, "clock": clock_of(self.seconds), "url": self.url}


def word_pattern(query: str, language: str):
    """Words that start with a query word or its stem, as the backends match them."""
    variants = set()
    for term in query.lower().split():
        variants.add(term)
        stemmed = stem(term, language)
        if len(stemmed) >= 3:
            variants.add(stemmed)
    alternatives = "|".join(sorted((re.escape(v) for v in variants), key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)


def excerpt(text: str, pattern) -> str | None:
    """About EXCERPT_WORDS words around the first match, matches in <mark> (HTML from the
    template search/excerpt.html); None when the text does not match."""
    match = pattern.search(text)
    if not match:
        return None
    words = text.split()
    start = max(0, len(text[: match.start()].split()) - EXCERPT_WORDS // 3)
    snippet = " ".join(words[start : start + EXCERPT_WORDS])
    parts, position = [], 0
    for found in pattern.finditer(snippet):
        parts.append((snippet[position : found.start()], False))
        parts.append((found.group(0), True))
        position = found.end()
    parts.append((snippet[position:], False))
    return render_excerpt(
        [part for part in parts if part[0]],
        cut_before=start > 0,
        cut_after=start + EXCERPT_WORDS < len(words),
    )


def render_excerpt(parts, cut_before=False, cut_after=False) -> str:
    context = {"parts": parts, "cut_before": cut_before, "cut_after": cut_after}
    return render_to_string("search/excerpt.html", context)


def stream_text(stream_value) -> str:
    """The words of a StreamField without rendering it (no queries)."""
    parts = []

    def walk(value):
        if isinstance(value, str):
            parts.append(plain_text(value))
        elif isinstance(value, dict):
            # A block is {"type", "value", "id"}: only its value is text for the reader.
            items = [value["value"]] if "type" in value and "value" in value else value.values()
            for item in items:
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(list(stream_value.raw_data) if stream_value is not None else [])
    return " ".join(part for part in parts if part)


def page_texts(page):
    """(found_in, label, text, fragment, seconds) in the order a reader would look."""
    yield "", "", getattr(page, "teaser", "") or "", "", None
    if isinstance(page, WebinarEpisodePage):
        for chapter in page.chapters.all():
            label = _("Kapitel vid %(time)s") % {"time": chapter.start_clock}
            seconds = chapter.start_seconds
            yield "chapter", label, chapter.title, moment_url(seconds), seconds
        for cue in transcript_cues(page):
            label = _("I transkriberingen, %(time)s") % {"time": cue.clock}
            yield "transcript", label, cue.text, moment_url(cue.seconds), cue.seconds
        if page.transcript:
            label = _("I transkriberingen")
            yield "transcript", label, plain_text(page.transcript), "#transcript-heading", None
    # Then every other field the search engine indexed for this page type.
    for search_field in page.get_search_fields():
        if not isinstance(search_field, index.SearchField) or search_field.field_name in (
            "title",
            "transcript",
        ):
            continue
        value = getattr(page, search_field.field_name, None)
        if hasattr(value, "raw_data"):
            yield "", "", stream_text(value), "", None
        elif isinstance(value, str):
            yield "", "", plain_text(value), "", None


def card_type(page):
    for key, model in CONTENT_TYPES.items():
        if isinstance(page, model):
            return key
    return OTHER_TYPE


def card_date(page):
    if isinstance(page, WebinarEpisodePage):
        return page.starts_at or page.recorded_on
    return (
        getattr(page, "published_at", None)
        or getattr(page, "date_published", None)
        or page.first_published_at
    )


def iso_date(value) -> str:
    if isinstance(value, datetime):
        return iso_datetime(value)
    return value.isoformat() if value else ""


def result_cards(pages, query: str, request, renditions=None) -> list[ResultCard]:
    pages = list(pages)
    episodes = [page for page in pages if isinstance(page, WebinarEpisodePage)]
    prefetch_related_objects(episodes, "chapters", "captions")
    attach_thumbnails(pages, *([renditions] if renditions else []))
    pattern = word_pattern(query, active_language())
    cards = []
    for page in pages:
        url = page.get_url(request) or ""
        found_in, found_in_label, snippet, fragment, seconds = "", "", None, "", None
        for where, label, text, anchor, at in page_texts(page):
            snippet = excerpt(text, pattern)
            if snippet:
                found_in, found_in_label, fragment, seconds = where, label, anchor, at
                break
        if snippet is None:  # matched on a related name (speaker, topic): show the teaser
            teaser = " ".join((getattr(page, "teaser", "") or "").split()[:EXCERPT_WORDS])
            snippet = render_excerpt([(teaser, False)])
        key = card_type(page)
        date = card_date(page)
        cards.append(
            ResultCard(
                page=page,
                type=key,
                type_label=str(TYPE_LABELS[key]),
                date=date,
                date_iso=iso_date(date),
                url=url + fragment,
                excerpt=snippet,
                found_in=found_in,
                found_in_label=str(found_in_label),
                image=page.card_image,
                seconds=seconds,
            )
        )
    return cards


def attach_thumbnails(pages, renditions=(CARD_IMAGE_FILTER,)):
    """Each result's card image (the page's own image, else its sharing image) with its
    renditions, in one query for the whole page of results."""
    for page in pages:
        page.card_image_id = (
            getattr(page, "thumbnail_id", None)
            or getattr(page, "image_id", None)
            or getattr(page, "social_image_id", None)
        )
    ids = {page.card_image_id for page in pages} - {None}
    images = get_image_model().objects.prefetch_renditions(*renditions).in_bulk(ids)
    for page in pages:
        page.card_image = images.get(page.card_image_id)
    return pages
