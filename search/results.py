"""Result cards: type, date, image, and a short excerpt with the matching words marked.

A hit in an episode's chapter titles or in what is said (its captions' cues) links to that
moment of the video (`?t=<seconds>#player`, with or without JavaScript) and names the time; a
hit in the editors' transcript text links to the transcript. Above them, the editors'
recommended results (promotions_for)."""

import re
from dataclasses import dataclass
from datetime import datetime

from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search import index

from base.listing import card_images, plain_text
from base.templatetags.site_tags import iso_datetime
from core.visibility import visible_pages
from webinars.models import WebinarEpisodePage
from webinars.player import clock_of, moment_url, transcript_cues

from .backends import active_language, stem
from .filters import CONTENT_TYPES, OTHER_TYPE

EXCERPT_WORDS = 30


@dataclass
class ResultCard:
    """One result, as the search page's template and the API's SearchResultSchema read it."""

    page: object
    url: str
    excerpt: str  # safe HTML (search/excerpt.html): escaped text, matches in <mark>
    found_in: str = ""  # "", "chapter" or "transcript"
    found_in_label: str = ""
    seconds: int | None = None  # the moment of the video a chapter or transcript hit is at

    def __post_init__(self):
        page = self.page
        self.result_type = next(
            (key for key, model in CONTENT_TYPES.items() if isinstance(page, model)), OTHER_TYPE
        )
        # One hit is one of its kind: "Pressmeddelande", not the facet's "Pressmeddelanden".
        self.type_label = str(page.get_verbose_name())
        self.image = page.card_image
        if isinstance(page, WebinarEpisodePage):
            self.date = page.starts_at or page.recorded_on
        else:
            self.date = (
                getattr(page, "published_at", None)
                or getattr(page, "date_published", None)
                or page.first_published_at
            )
        if isinstance(self.date, datetime):
            self.date_iso = iso_datetime(self.date)
        else:
            self.date_iso = self.date.isoformat() if self.date else ""
        self.moment = None
        if self.seconds is not None:
            clock = clock_of(self.seconds)
            self.moment = {"seconds": self.seconds, "clock": clock, "url": self.url}


def word_pattern(query: str, language: str):
    """Words that start with a query word or its stem, as the backends match them."""
    terms = query.lower().split()
    stems = (stem(term, language) for term in terms)
    variants = {*terms, *(stemmed for stemmed in stems if len(stemmed) >= 3)}
    alternatives = "|".join(sorted((re.escape(v) for v in variants), key=len, reverse=True))
    # One group: pattern.split() gives the text between matches and the matches in turn.
    return re.compile(rf"\b((?:{alternatives})\w*)", re.IGNORECASE)


def excerpt(text: str, pattern) -> str | None:
    """About EXCERPT_WORDS words around the first match, matches marked; None without one."""
    match = pattern.search(text)
    if not match:
        return None
    words = text.split()
    start = max(0, len(text[: match.start()].split()) - EXCERPT_WORDS // 3)
    snippet = " ".join(words[start : start + EXCERPT_WORDS])
    parts = [(part, number % 2 == 1) for number, part in enumerate(pattern.split(snippet)) if part]
    context = {"parts": parts, "cut_before": start > 0}
    context["cut_after"] = start + EXCERPT_WORDS < len(words)
    return render_to_string("search/excerpt.html", context)


def raw_text(value) -> str:
    """The words in a StreamField's raw data, without rendering it (no queries)."""
    if isinstance(value, str):
        return plain_text(value)
    if isinstance(value, dict):
        # A block is {"type", "value", "id"}: only its value is text for the reader.
        value = [value["value"]] if "type" in value and "value" in value else value.values()
    elif not isinstance(value, list):
        return ""
    return " ".join(filter(None, map(raw_text, value)))


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
    for field in page.get_search_fields():
        if isinstance(field, index.SearchField) and field.field_name not in ("title", "transcript"):
            value = getattr(page, field.field_name, None)
            if hasattr(value, "raw_data"):
                yield "", "", raw_text(list(value.raw_data)), "", None
            elif isinstance(value, str):
                yield "", "", plain_text(value), "", None


def result_cards(pages, query: str, request) -> list[ResultCard]:
    pages = list(pages)
    episodes = [page for page in pages if isinstance(page, WebinarEpisodePage)]
    prefetch_related_objects(episodes, "chapters", "captions")
    attach_card_images(pages)
    pattern = word_pattern(query, active_language())
    cards = []
    for page in pages:
        url = page.get_url(request) or ""
        for found_in, label, text, fragment, at in page_texts(page):
            if snippet := excerpt(text, pattern):
                cards.append(ResultCard(page, url + fragment, snippet, found_in, str(label), at))
                break
        else:  # matched on a related name (speaker, topic): show the teaser
            teaser = " ".join((getattr(page, "teaser", "") or "").split()[:EXCERPT_WORDS])
            snippet = render_to_string("search/excerpt.html", {"parts": [(teaser, False)]})
            cards.append(ResultCard(page, url, snippet))
    return cards


def attach_card_images(pages):
    """Each result's card image (its own image, else its sharing image) with every rendition
    a card uses, in one query for the whole page of results."""
    for page in pages:
        page.card_image_id = (
            getattr(page, "thumbnail_id", None)
            or getattr(page, "image_id", None)
            or getattr(page, "social_image_id", None)
        )
    images = card_images().in_bulk({page.card_image_id for page in pages} - {None})
    for page in pages:
        page.card_image = images.get(page.card_image_id)


def promotions_for(query: str, locale, request):
    """Editors' recommended results for these words (Wagtail's search promotions): external
    links, and pages that are visible in the page's language."""
    picks = list(
        SearchPromotion.objects.filter(query__query_string=query.lower())
        .select_related("page")
        .order_by("sort_order")
    )
    public_ids = set(
        visible_pages(Page.objects.all(), locale)
        .filter(pk__in=[pick.page_id for pick in picks if pick.page_id])
        .values_list("pk", flat=True)
    )
    shown = []
    for pick in picks:
        if pick.page_id in public_ids:
            title, url = pick.page.title, pick.page.get_url(request)
        elif not pick.page_id and pick.external_link_url:
            title, url = pick.external_link_text or pick.external_link_url, pick.external_link_url
        else:
            continue  # a draft, private or other-language page is never recommended
        shown.append({"title": title, "url": url, "description": pick.description})
    return shown
