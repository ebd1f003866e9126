"""Site search: one query, its filters, facet counts and result cards, shared by the search page
(/sok/) and the API (/api/v3/search/).

The words are matched by the search backend (search/backends.py). Filters and facet counts
are plain SQL over the set of matching pages, so their cost does not grow with the number of
results shown: a fixed number of queries per search, whatever the size of the catalogue."""

import functools
import hashlib
import logging
import re
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Count, F, Field, ForeignObject, Lookup, Q
from django.db.models.functions import Coalesce, ExtractYear, Substr, TruncDate
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from articles.models import GuidanceArticlePage, PressReleasePage
from cases.models import CaseStoryPage
from home import page_cache
from home.api import public_pages as all_public_pages
from home.listing import CARD_IMAGE_FILTER, in_locale
from home.models import Organisation, Topic
from webinars.models import EpisodeSpeaker, WebinarEpisodePage, WebinarSeriesPage

from .backends import RankedPages, active_language

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
WORD = re.compile(r"[^\W_]+")

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
# The date a reader would give each type ("when was it?"), for the year facet.
DATE_EXPRESSIONS = {
    WebinarEpisodePage: Coalesce("recorded_on", TruncDate("starts_at")),
    CaseStoryPage: F("date_published"),
    GuidanceArticlePage: F("date_published"),
    PressReleasePage: TruncDate("published_at"),
}


class QueryProblem(ValueError):
    """The search words cannot be searched for; the message says why, for a person."""


def clean_query(raw: str) -> tuple[str, list[str]]:
    """The words to search for, and notes for the reader when the query had to be changed.

    Only letters and digits count: punctuation, quotes and SQL- or HTML-looking characters are
    separators, never syntax. Raises QueryProblem when nothing searchable is left."""
    notes = []
    raw = (raw or "").strip()
    if not raw:
        raise QueryProblem(_("Skriv ett eller flera ord att söka efter."))
    if len(raw) > MAX_QUERY_LENGTH:
        raw = raw[:MAX_QUERY_LENGTH]
        notes.append(
            _("Sökningen var för lång och har kortats till %(max)d tecken.")
            % {"max": MAX_QUERY_LENGTH}
        )
    words = WORD.findall(raw)
    if not words:
        raise QueryProblem(_("Sökningen måste innehålla minst en bokstav eller siffra."))
    if len(words) > MAX_TERMS:
        words = words[:MAX_TERMS]
        notes.append(_("Bara de %(max)d första orden används.") % {"max": MAX_TERMS})
    return " ".join(words), notes


@dataclass
class FacetValue:
    key: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Filters:
    """Chosen filter values, already checked against what exists."""

    type: str = ""
    topic: Topic | None = None
    series: WebinarSeriesPage | None = None
    organisation: Organisation | None = None
    year: int | None = None


@dataclass
class SearchOutcome:
    query: str
    results: object  # Wagtail search results: sliceable, with count()
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def public_pages(locale):
    return all_public_pages().filter(locale=locale)


def title_suggestions(query: str, locale, limit: int):
    """Live, public pages whose titles start like the words typed (autocomplete)."""
    return searchable(public_pages(locale)).autocomplete(query)[:limit]


# --- checking filter values ------------------------------------------------------------


def resolve_filters(locale, raw: dict) -> tuple[Filters, dict[str, str]]:
    """Turn raw values (from a URL or the API; keys type/topic/series/organisation/year) into
    Filters. A value that names nothing published in this language is left out and explained
    in the second result, {filter name: message}."""
    chosen, problems = Filters(), {}
    value = (raw.get("type") or "").strip()
    if value:
        if value in TYPE_LABELS:
            chosen.type = value
        else:
            problems["type"] = _("Okänd typ “%(value)s”. Välj en av: %(choices)s.") % {
                "value": value,
                "choices": ", ".join(TYPE_LABELS),
            }
    value = (raw.get("topic") or "").strip()
    if value:
        topics = in_locale(Topic.objects.all(), locale)
        chosen.topic = next((topic for topic in topics if topic.slug == value), None)
        if chosen.topic is None:
            problems["topic"] = _("Det finns inget ämne “%(value)s”.") % {"value": value}
    value = (raw.get("series") or "").strip()
    if value:
        chosen.series = (
            WebinarSeriesPage.objects.live().public().filter(locale=locale, slug=value).first()
        )
        if chosen.series is None:
            problems["series"] = _("Det finns ingen publicerad serie “%(value)s”.") % {
                "value": value
            }
    value = str(raw.get("organisation") or "").strip()
    if value:
        if value.isdigit():
            chosen.organisation = Organisation.objects.filter(pk=int(value)).first()
        if chosen.organisation is None:
            problems["organisation"] = _("Det finns ingen organisation med nummer “%(value)s”.") % {
                "value": value
            }
    value = str(raw.get("year") or "").strip()
    if value:
        if value.isdigit() and 1900 <= int(value) <= 2100:
            chosen.year = int(value)
        else:
            problems["year"] = _("Året ska vara ett årtal, t.ex. 2017.")
    return chosen, problems


# --- filtering -------------------------------------------------------------------------


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
    key = organisation.translation_key
    return (
        Q(
            pk__in=EpisodeSpeaker.objects.filter(person__organisation__translation_key=key).values(
                "page_id"
            )
        )
        | Q(pk__in=CaseStoryPage.objects.filter(organisation__translation_key=key).values("pk"))
        | Q(pk__in=PressReleasePage.objects.filter(publisher__translation_key=key).values("pk"))
    )


def pages_of_year(year):
    q = Q()
    for model, expression in DATE_EXPRESSIONS.items():
        dated = model.objects.annotate(_year=ExtractYear(expression)).filter(_year=year)
        q |= Q(pk__in=dated.values("pk"))
    return q


def apply_filters(pages, chosen: Filters):
    if chosen.type:
        pages = pages.filter(type_q(chosen.type))
    if chosen.topic:
        pages = pages.filter(pages_with_topic(chosen.topic))
    if chosen.series:
        pages = pages.child_of(chosen.series).type(WebinarEpisodePage)
    if chosen.organisation:
        pages = pages.filter(pages_of_organisation(chosen.organisation))
    if chosen.year:
        pages = pages.filter(pages_of_year(chosen.year))
    return pages


# --- facets ----------------------------------------------------------------------------


# Up to this many ids go into the facet queries as a list (cheap to send, no search run again);
# more go as a subquery: Django spends longer preparing a huge list than the database searching.
MAX_ID_LIST = 1_000


def matching_ids(ranked, pages, query):
    """The matching pages' ids for the facet queries, fetched once: otherwise every facet query
    would run the full-text search again. `ranked`: every match, best first, as the database
    backends give them (`ranked_ids`), or None (OpenSearch).

    PostgreSQL: the ids travel as one array (`IdArray`). SQLite: the list, when short (Django
    spends longer sending a long list of parameters than SQLite spends searching again: then a
    subquery)."""
    ids = _matching_ids(ranked, pages, query)
    return IdArray(ids) if connection.vendor == "postgresql" else ids


def _matching_ids(ranked, pages, query):
    if ranked is not None and (connection.vendor == "postgresql" or len(ranked) <= MAX_ID_LIST):
        return ranked
    unranked = pages.search(query, order_by_relevance=False)
    if not hasattr(unranked, "get_queryset"):  # OpenSearch/Elasticsearch
        return [page.pk for page in unranked[:10_000]]
    subquery = unranked.get_queryset().order_by().values("pk")
    if connection.vendor == "postgresql":
        return subquery.values_list("pk", flat=True)
    return subquery


def ranked_ids(results) -> list | None:
    """Every matching id, best first, in one query (search/backends.py's results on both
    databases); None from a backend that does not give them (OpenSearch)."""
    all_ids = getattr(results, "all_ids", None)
    return all_ids() if all_ids is not None else None


class IdArray(list):
    """Ids for the facet queries on PostgreSQL (`AnyOf`), written out as an array literal once
    for all of them: psycopg turns a list of 10,000 ids into SQL in about 12 ms, each time it
    is sent; the literal takes 2 ms once."""

    @functools.cached_property
    def literal(self) -> str:
        return "{" + ",".join(str(int(pk)) for pk in self) + "}"


class AnyOf(Lookup):
    """`field IN (SELECT unnest(%s::bigint[]))`: a list of ids as one PostgreSQL array
    parameter. As a set to join with, not `= ANY(array)`: the planner then does not estimate
    each of 10,000 elements (5 ms of planning per query), and large tables are hash-joined."""

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        ids = self.rhs if isinstance(self.rhs, IdArray) else IdArray(self.rhs)
        return f"{lhs} IN (SELECT unnest(%s::bigint[]))", [*lhs_params, ids.literal]


Field.register_lookup(AnyOf)
ForeignObject.register_lookup(AnyOf)


def among(field: str, ids) -> Q:
    if connection.vendor == "postgresql" and isinstance(ids, list):
        return Q(**{f"{field}__any_of": ids})
    return Q(**{f"{field}__in": ids})


def count_by(pairs):
    counts = {}
    for key, count in pairs:
        if key is not None:
            counts[key] = counts.get(key, 0) + count
    return counts


def facet_counts(ids, locale, chosen: Filters):
    models_by_ct = {content_type_id(model): key for key, model in CONTENT_TYPES.items()}
    type_counts = count_by(
        (models_by_ct.get(row["content_type"], OTHER_TYPE), row["n"])
        for row in Page.objects.filter(among("pk", ids))
        .values("content_type")
        .annotate(n=Count("pk"))
        .order_by()
    )
    facets = {
        "type": [
            FacetValue(key, str(TYPE_LABELS[key]), type_counts[key], key == chosen.type)
            for key in TYPE_LABELS
            if key in type_counts
        ]
    }

    topic_counts = {}
    for model in TOPIC_MODELS:
        rows = (
            model.objects.filter(among("pk", ids))
            .values("topics__translation_key")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for key, count in count_by((r["topics__translation_key"], r["n"]) for r in rows).items():
            topic_counts[key] = topic_counts.get(key, 0) + count
    topics = in_locale(Topic.objects.filter(translation_key__in=topic_counts), locale)
    facets["topic"] = sorted(
        (
            FacetValue(
                topic.slug,
                topic.name,
                topic_counts[topic.translation_key],
                chosen.topic is not None and topic.translation_key == chosen.topic.translation_key,
            )
            for topic in {t.translation_key: t for t in topics}.values()
        ),
        key=lambda value: (-value.count, value.label),
    )

    parent_paths = count_by(
        (row["parent"], row["n"])
        for row in WebinarEpisodePage.objects.filter(among("pk", ids))
        .annotate(parent=Substr("path", 1, (F("depth") - 1) * Page.steplen))
        .values("parent")
        .annotate(n=Count("pk"))
        .order_by()
    )
    facets["series"] = [
        FacetValue(
            series.slug,
            series.title,
            parent_paths[series.path],
            chosen.series is not None and series.pk == chosen.series.pk,
        )
        for series in WebinarSeriesPage.objects.live()
        .public()
        .filter(path__in=parent_paths, locale=locale)
        .order_by("title")
    ]

    organisation_counts = count_by(
        (row["key"], row["n"])
        for rows in (
            EpisodeSpeaker.objects.filter(among("page_id", ids))
            .values(key=F("person__organisation__translation_key"))
            .annotate(n=Count("page_id", distinct=True))
            .order_by(),
            CaseStoryPage.objects.filter(among("pk", ids))
            .values(key=F("organisation__translation_key"))
            .annotate(n=Count("pk"))
            .order_by(),
            PressReleasePage.objects.filter(among("pk", ids))
            .values(key=F("publisher__translation_key"))
            .annotate(n=Count("pk"))
            .order_by(),
        )
        for row in rows
    )
    organisations = {
        organisation.translation_key: organisation
        for organisation in in_locale(
            Organisation.objects.filter(translation_key__in=organisation_counts), locale
        )
    }
    facets["organisation"] = sorted(
        (
            FacetValue(
                str(organisation.pk),
                organisation.name,
                organisation_counts[key],
                chosen.organisation is not None and key == chosen.organisation.translation_key,
            )
            for key, organisation in organisations.items()
        ),
        key=lambda value: (-value.count, value.label),
    )

    year_counts = {}
    for model, expression in DATE_EXPRESSIONS.items():
        rows = (
            model.objects.filter(among("pk", ids))
            .annotate(_year=ExtractYear(expression))
            .values("_year")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for year, count in count_by((r["_year"], r["n"]) for r in rows).items():
            year_counts[year] = year_counts.get(year, 0) + count
    facets["year"] = [
        FacetValue(str(year), str(year), year_counts[year], year == chosen.year)
        for year in sorted(year_counts, reverse=True)
    ]
    return facets


# --- the search ------------------------------------------------------------------------


def searchable(pages):
    """`pages` in a form every search backend can filter on: by id, the one filter field that
    stands for all of ours (expiry, privacy, topics, years…)."""
    if uses_database_backend():
        return Page.objects.filter(pk__in=pages.values("pk"))
    return Page.objects.filter(pk__in=list(pages.values_list("pk", flat=True)))


def uses_database_backend() -> bool:
    return get_search_backend().__class__.__module__.startswith(
        ("modelsearch.backends.database", "search.backends")
    )


def site_search(query: str, locale, chosen: Filters) -> SearchOutcome:
    """Search live, public pages in `locale` for `query` (already cleaned by clean_query).

    The ranked ids and the facet counts are kept in the page cache for the content generation
    (`cached_outcome`): a repeated search runs no full-text query and no facet query, only
    the query for the pages shown, which are read again as live and public."""
    pages = searchable(apply_filters(public_pages(locale), chosen))

    def search():
        results = pages.specific().search(query)
        ranked = ranked_ids(results)
        facets = facet_counts(matching_ids(ranked, pages, query), locale, chosen)
        return results, ranked, facets

    results, ranked, facets = cached_outcome(query, locale, chosen, search)
    if ranked is not None:
        results = RankedPages(ranked, pages.specific())
    # else a backend without ranked ids (OpenSearch): its own results, as they are
    return SearchOutcome(query=query, results=results, facets=facets)


# Part of the cache key: raise it when what cached_outcome keeps changes shape, so that entries
# written by the previous release are never read by this one.
OUTCOME_VERSION = 1


def outcome_key(query: str, locale, chosen: Filters) -> str:
    """The cache key of a search: the content generation, the language (the words are parsed
    with its rules, the facets labelled in it), the words and the chosen filters."""
    parts = [
        page_cache.current_generation(),
        locale.pk,
        active_language(),
        query.casefold(),  # the search ignores case
        chosen.type,
        chosen.topic.translation_key if chosen.topic else None,
        chosen.series.pk if chosen.series else None,
        chosen.organisation.pk if chosen.organisation else None,
        chosen.year,
    ]
    return f"search:v{OUTCOME_VERSION}:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def cached_outcome(query: str, locale, chosen: Filters, search):
    """`search()`: (the backend's results, ranked ids, facets); or (None, ranked ids, facets)
    from the page cache when it is on (PAGE_CACHE_SECONDS) and holds them for this content
    generation. What `search()` ranked is kept for at most PAGE_CACHE_SECONDS and never past
    the next scheduled publish or expiry. The searches are still counted by the views, cached
    or not. A cache that is down is searched around, as the page cache does."""
    if page_cache.cache_seconds() <= 0:
        return search()
    try:
        cache = page_cache.page_cache()
        key = outcome_key(query, locale, chosen)
        ranked, facets = cache.get(key) or (None, None)
    except Exception:
        logger.warning("Sökcachen kunde inte läsas", exc_info=True)
        key, ranked = None, None
    if ranked is not None:
        return None, ranked, facets
    # Before the search: a page that expires while it runs still bounds the entry's life.
    until_change = page_cache.seconds_until_next_scheduled_change()
    results, ranked, facets = search()
    if key is not None and ranked is not None:
        try:
            cache.set(key, (list(ranked), facets), page_cache.entry_seconds(until_change))
        except Exception:
            logger.warning("Sökcachen kunde inte skrivas", exc_info=True)
    return results, ranked, facets


def attach_thumbnails(pages, renditions=(CARD_IMAGE_FILTER,)):
    """Each result's card image (the page's own image, else its sharing image) with its
    renditions, in one query for the whole page of results."""
    wanted = {}
    for page in pages:
        image_id = (
            getattr(page, "thumbnail_id", None)
            or getattr(page, "image_id", None)
            or getattr(page, "social_image_id", None)
        )
        page.card_image_id = image_id
        if image_id:
            wanted[image_id] = None
    images = (
        get_image_model().objects.filter(pk__in=wanted).prefetch_renditions(*renditions)
        if wanted
        else []
    )
    by_id = {image.pk: image for image in images}
    for page in pages:
        page.card_image = by_id.get(page.card_image_id)
    return pages
