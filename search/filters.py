"""The search's filters: type, topic, series, organisation and year, checked against what
exists and applied to a queryset of pages. The facets (search/facets.py) count by the same
rules."""

import re
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
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
FILTER_NAMES = ("type", "topic", "series", "organisation", "year")
TOPIC_MODELS = [WebinarEpisodePage, WebinarSeriesPage, CaseStoryPage, GuidanceArticlePage]

MAX_VALUE_LENGTH = 200
NUMBER = re.compile(r"[0-9]{1,9}")
# NUL and lone surrogates: never part of a name or a slug, and not storable (core.input_guard
# refuses them at the edge; here they never reach a query).
REFUSED_CHARACTERS = re.compile(r"[\x00\ud800-\udfff]")


def page_date():
    """The date a reader would give a page ("when was it?"), for a queryset of `Page`: an
    episode's recording (or broadcast) date, a case's or guidance's publication date, a press
    release's publication time; None for other pages."""
    return Coalesce(
        "webinarepisodepage__recorded_on",
        TruncDate("webinarepisodepage__starts_at"),
        "casestorypage__date_published",
        "guidancearticlepage__date_published",
        TruncDate("pressreleasepage__published_at"),
    )


def page_year():
    return ExtractYear(page_date())


@dataclass
class Filters:
    """Chosen filter values, already checked against what exists."""

    type: str = ""
    topic: Topic | None = None
    series: WebinarSeriesPage | None = None
    organisation: Organisation | None = None
    year: int | None = None


def refused(value: str) -> bool:
    """A value no filter could ever name: NUL, lone surrogates, too long."""
    return len(value) > MAX_VALUE_LENGTH or bool(REFUSED_CHARACTERS.search(value))


def resolve_filters(locale, raw: dict) -> tuple[Filters, dict[str, str]]:
    """Turn raw values (from a URL or the API; keys type/topic/series/organisation/year) into
    Filters. A value that names nothing visible in this language is left out and explained
    in the second result, {filter name: message}. Values no filter could name (NUL, lone
    surrogates, over-long) are explained without any database query."""
    chosen, problems = Filters(), {}
    values = {name: str(raw.get(name) or "").strip() for name in FILTER_NAMES}
    for name, value in values.items():
        if value and refused(value):
            problems[name] = _("Värdet innehåller tecken som inte kan användas i en sökning.")
            values[name] = ""

    value = values["type"]
    if value:
        if value in TYPE_LABELS:
            chosen.type = value
        else:
            problems["type"] = _("Okänd typ “%(value)s”. Välj en av: %(choices)s.") % {
                "value": value,
                "choices": ", ".join(TYPE_LABELS),
            }
    value = values["topic"]
    if value:
        topics = in_locale(Topic.objects.all(), locale)
        chosen.topic = next((topic for topic in topics if topic.slug == value), None)
        if chosen.topic is None:
            problems["topic"] = _("Det finns inget ämne “%(value)s”.") % {"value": value}
    value = values["series"]
    if value:
        chosen.series = WebinarSeriesPage.objects.visible(locale).filter(slug=value).first()
        if chosen.series is None:
            problems["series"] = _("Det finns ingen publicerad serie “%(value)s”.") % {
                "value": value
            }
    value = values["organisation"]
    if value:
        if NUMBER.fullmatch(value):
            chosen.organisation = Organisation.objects.filter(pk=int(value)).first()
        if chosen.organisation is None:
            problems["organisation"] = _("Det finns ingen organisation med nummer “%(value)s”.") % {
                "value": value
            }
    value = values["year"]
    if value:
        if NUMBER.fullmatch(value) and 1900 <= int(value) <= 2100:
            chosen.year = int(value)
        else:
            problems["year"] = _("Året ska vara ett årtal, t.ex. 2017.")
    return chosen, problems


def content_type_id(model) -> int:
    return ContentType.objects.get_for_model(model).pk


def type_q(key):
    if key == OTHER_TYPE:
        return ~Q(content_type__in=[content_type_id(model) for model in CONTENT_TYPES.values()])
    return Q(content_type=content_type_id(CONTENT_TYPES[key]))


def pages_with_topic(topic):
    q = Q()
    for model in TOPIC_MODELS:
        tagged = model.objects.filter(topics__translation_key=topic.translation_key)
        q |= Q(pk__in=tagged.values("pk"))
    return q


def pages_of_organisation(organisation):
    """Episodes its people speak in, its cases, its press releases."""
    key = organisation.translation_key
    speakers = EpisodeSpeaker.objects.filter(person__organisation__translation_key=key)
    cases = CaseStoryPage.objects.filter(organisation__translation_key=key)
    releases = PressReleasePage.objects.filter(publisher__translation_key=key)
    return (
        Q(pk__in=speakers.values("page_id"))
        | Q(pk__in=cases.values("pk"))
        | Q(pk__in=releases.values("pk"))
    )


def apply_filters(pages, chosen: Filters):
    """`pages` (a queryset of `Page`) narrowed to the chosen filters."""
    if chosen.type:
        pages = pages.filter(type_q(chosen.type))
    if chosen.topic:
        pages = pages.filter(pages_with_topic(chosen.topic))
    if chosen.series:
        pages = pages.child_of(chosen.series).type(WebinarEpisodePage)
    if chosen.organisation:
        pages = pages.filter(pages_of_organisation(chosen.organisation))
    if chosen.year:
        pages = pages.alias(year=page_year()).filter(year=chosen.year)
    return pages
