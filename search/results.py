"""Result cards: type, date, image, and a short excerpt with the matching words marked.

A hit in an episode's chapter titles links to that moment of the video (`#t=<seconds>`, which
the episode page seeks to); a hit in its transcript links to the transcript."""

import re
from dataclasses import dataclass
from datetime import datetime

from django.db.models import prefetch_related_objects
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.search import index

from home.listing import plain_text
from home.templatetags.site_tags import iso_datetime
from webinars.models import WebinarEpisodePage

from .backends import active_language, stem
from .query import CONTENT_TYPES, OTHER_TYPE, TYPE_LABELS, attach_thumbnails

EXCERPT_WORDS = 30


@dataclass
class ResultCard:
    page: object
    type: str
    type_label: str
    date: object
    date_iso: str
    url: str
    excerpt: str  # safe HTML: escaped text with <mark> around matches
    found_in: str  # "", "chapter" or "transcript"
    found_in_label: str
    image: object


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
    """About EXCERPT_WORDS words around the first match, escaped, matches in <mark>; None
    when the text does not match."""
    match = pattern.search(text)
    if not match:
        return None
    words_before = text[: match.start()].split()
    start_word = max(0, len(words_before) - EXCERPT_WORDS // 3)
    words = text.split()[start_word : start_word + EXCERPT_WORDS]
    snippet = " ".join(words)
    marked = pattern.sub(lambda m: f"\x00{m.group(0)}\x01", snippet)
    html = escape(marked).replace("\x00", "<mark>").replace("\x01", "</mark>")
    prefix = "… " if start_word else ""
    suffix = " …" if start_word + EXCERPT_WORDS < len(text.split()) else ""
    return mark_safe(prefix + html + suffix)  # noqa: S308 (escaped above)


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
    """(found_in, label, text, fragment) in the order a reader would look."""
    yield "", "", page.teaser or "", ""
    if isinstance(page, WebinarEpisodePage):
        for chapter in page.chapters.all():
            label = _("Kapitel vid %(time)s") % {"time": chapter.start_clock}
            yield "chapter", label, chapter.title, f"#t={chapter.start_seconds}"
        if page.transcript:
            label = _("I transkriberingen")
            yield "transcript", label, plain_text(page.transcript), "#transcript-heading"
    # Then every other field the search engine indexed for this page type.
    for search_field in page.get_search_fields():
        if not isinstance(search_field, index.SearchField) or search_field.field_name in (
            "title",
            "transcript",
        ):
            continue
        value = getattr(page, search_field.field_name, None)
        if hasattr(value, "raw_data"):
            yield "", "", stream_text(value), ""
        elif isinstance(value, str):
            yield "", "", plain_text(value), ""


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
    prefetch_related_objects(episodes, "chapters")
    attach_thumbnails(pages, *([renditions] if renditions else []))
    pattern = word_pattern(query, active_language())
    cards = []
    for page in pages:
        url = page.get_url(request) or ""
        found_in, found_in_label, snippet, fragment = "", "", None, ""
        for where, label, text, anchor in page_texts(page):
            snippet = excerpt(text, pattern)
            if snippet:
                found_in, found_in_label, fragment = where, label, anchor
                break
        if snippet is None:  # matched on a related name (speaker, topic): show the teaser
            snippet = escape(" ".join((page.teaser or "").split()[:EXCERPT_WORDS]))
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
            )
        )
    return cards
