"""The search's filters: type, topic, series, organisation and year, checked against what
exists and applied to a queryset of pages. The facets (search/facets.py) count by the same
rules."""

import re
from dataclasses import dataclass

from django.db.models import Q
from django.db.models.functions import Coalesce, ExtractYear, TruncDate
from django.utils.translation import gettext_lazy as _

from articles.models import GuidanceArticlePage, PressReleasePage
from base.listing import in_locale
from base.models import Organisation, Topic
from cases.models import CaseStoryPage
from webinars.models import EpisodeSpeaker, WebinarEpisodePage, WebinarSeriesPage

# The result types people can filter by: key in the URL → page model.
CONTENT_TYPES = {
    "avsnitt": WebinarEpisodePage,
    "serie": WebinarSeriesPage,
    "exempel": CaseStoryPage,
    "vagledning": GuidanceArticlePage,
    "pressmeddelande": PressReleasePage,
}
OTHER_TYPE = "sida"
TYPE_LABELS = {
    "avsnitt": _("Webbinarieavsnitt"),
    "serie": _("Webbinarieserier"),
    "exempel": _("Exempel"),
    "vagledning": _("Vägledning"),
    "pressmeddelande": _("Pressmeddelanden"),
    OTHER_TYPE: _("Övriga sidor"),
}
TOPIC_MODELS = [WebinarEpisodePage, WebinarSeriesPage, CaseStoryPage, GuidanceArticlePage]

MAX_VALUE_LENGTH = 200
NUMBER = re.compile(r"[0-9]{1,9}")
# NUL and lone surrogates: never part of a name or a slug, and not storable (core.input_guard
# refuses them at the edge; here they never reach a query).
REFUSED_CHARACTERS = re.compile(r"[\x00\ud800-\udfff]")


def page_year():
    """The year a reader would give a page ("when was it?"), for a queryset of `Page`: an
    episode's recording (or broadcast), a case's, guidance's or press release's publication."""
    return ExtractYear(
        Coalesce(
            "webinarepisodepage__recorded_on",
            TruncDate("webinarepisodepage__starts_at"),
            "casestorypage__date_published",
            "guidancearticlepage__date_published",
            TruncDate("pressreleasepage__published_at"),
        )
    )


@dataclass
class Filters:
    """Chosen filter values, already checked against what exists."""

    type: str = ""
    topic: Topic | None = None
    series: WebinarSeriesPage | None = None
    organisation: Organisation | None = None
    year: int | None = None


def find_topic(slug, locale):
    topics = in_locale(Topic.objects.all(), locale)
    return next((topic for topic in topics if topic.slug == slug), None)


def find_organisation(value, locale):
    return Organisation.objects.filter(pk=int(value)).first() if NUMBER.fullmatch(value) else None


def find_year(value, locale):
    return int(value) if NUMBER.fullmatch(value) and 1900 <= int(value) <= 2100 else None


# Filter name → (what the value names, or None; the message when it names nothing).
FINDERS = {
    "type": (
        lambda value, locale: value if value in TYPE_LABELS else None,
        _("Okänd typ “%(value)s”. Välj en av: %(choices)s."),
    ),
    "topic": (find_topic, _("Det finns inget ämne “%(value)s”.")),
    "series": (
        lambda slug, locale: WebinarSeriesPage.objects.visible(locale).filter(slug=slug).first(),
        _("Det finns ingen publicerad serie “%(value)s”."),
    ),
    "organisation": (find_organisation, _("Det finns ingen organisation med nummer “%(value)s”.")),
    "year": (find_year, _("Året ska vara ett årtal, t.ex. 2017.")),
}
FILTER_NAMES = tuple(FINDERS)


def resolve_filters(locale, raw: dict) -> tuple[Filters, dict[str, str]]:
    """Turn raw values (from a URL or the API) into Filters. A value that names nothing
    visible in this language is left out and explained in the second result, {filter name:
    message}; values no filter could name (NUL, lone surrogates, over-long) without a query."""
    chosen = Filters()
    values = {name: str(raw.get(name) or "").strip() for name in FINDERS}
    problems = {
        name: _("Värdet innehåller tecken som inte kan användas i en sökning.")
        for name, value in values.items()
        if len(value) > MAX_VALUE_LENGTH or REFUSED_CHARACTERS.search(value)
    }
    for name, (find, message) in FINDERS.items():
        value = values[name]
        if not value or name in problems:
            continue
        found = find(value, locale)
        if found is None:
            problems[name] = message % {"value": value, "choices": ", ".join(TYPE_LABELS)}
        else:
            setattr(chosen, name, found)
    return chosen, problems


def apply_filters(pages, chosen: Filters):
    """`pages` (a queryset of `Page`) narrowed to the chosen filters."""
    if chosen.type == OTHER_TYPE:
        pages = pages.not_exact_type(*CONTENT_TYPES.values())
    elif chosen.type:
        pages = pages.exact_type(CONTENT_TYPES[chosen.type])
    if chosen.topic:
        tagged = Q()
        for model in TOPIC_MODELS:
            topics = model.objects.filter(topics__translation_key=chosen.topic.translation_key)
            tagged |= Q(pk__in=topics.values("pk"))
        pages = pages.filter(tagged)
    if chosen.series:
        pages = pages.child_of(chosen.series).type(WebinarEpisodePage)
    if chosen.organisation:
        # Episodes its people speak in, its cases, its press releases.
        key = chosen.organisation.translation_key
        speakers = EpisodeSpeaker.objects.filter(person__organisation__translation_key=key)
        pages = pages.filter(
            Q(pk__in=speakers.values("page_id"))
            | Q(pk__in=CaseStoryPage.objects.filter(organisation__translation_key=key).values("pk"))
            | Q(pk__in=PressReleasePage.objects.filter(publisher__translation_key=key).values("pk"))
        )
    if chosen.year:
        pages = pages.alias(year=page_year()).filter(year=chosen.year)
    return pages
