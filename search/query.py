"""Site search: one query, its filters and facet counts, shared by the search page (/sok/) and
the API (/api/v3/search/).

The words are matched by Wagtail's search backend (search/backends.py) in the visible pages
of one language (core.visibility), filtered with Django's ORM (search/filters.py). The facets
are counted over the matching ids (search/facets.py). A fixed number of queries per search,
whatever the number of results."""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from core.visibility import visible_pages

from .facets import FacetValue, facet_counts
from .filters import Filters, apply_filters

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
WORD = re.compile(r"[^\W_]+")
# A search engine's facets are counted over at most this many matching ids (OpenSearch).
MAX_FACET_IDS = 10_000


class QueryProblem(ValueError):
    """The search words cannot be searched for; the message says why, for a person."""


def clean_query(raw: str) -> tuple[str, list[str]]:
    """The words to search for, and notes for the reader when the query had to be changed.

    Only letters and digits count: punctuation, quotes, control characters and SQL- or
    HTML-looking characters are separators, never syntax. Raises QueryProblem when nothing
    searchable is left."""
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
class SearchOutcome:
    query: str
    results: object  # sliceable, with count(), as Django's Paginator reads them
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)


class CountedResults:
    """Search results whose number is already known: the facets read every matching id, so
    counting them again would be a second full search."""

    def __init__(self, results, count: int):
        self.results, self.total = results, count

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, key):
        return self.results[key]


def uses_database_backend() -> bool:
    return get_search_backend().__class__.__module__.startswith(
        ("modelsearch.backends.database", "search.backends")
    )


def searchable(pages):
    """`pages` as every search backend can filter them: by id, the one filter field that
    stands for all of ours (visibility, topics, years…)."""
    if uses_database_backend():
        return Page.objects.filter(pk__in=pages.values("pk"))
    return Page.objects.filter(pk__in=list(pages.values_list("pk", flat=True)))


def search_scope(locale, chosen: Filters):
    """The pages a search looks in: visible in `locale`, narrowed by the chosen filters."""
    return searchable(apply_filters(visible_pages(Page.objects.all(), locale), chosen))


def matching_ids(scope, query: str) -> list[int]:
    """Every matching page's id, for the facets. A database backend gives them as a facet
    on `id` (one query that ranks nothing and reads no page); a search engine's facets are
    not complete lists, so its first MAX_FACET_IDS results are read instead."""
    results = scope.search(query, operator="and", order_by_relevance=False)
    if uses_database_backend():
        return list(results.facet("id"))
    return [page.pk for page in results[:MAX_FACET_IDS]]


def site_search(query: str, locale, chosen: Filters) -> SearchOutcome:
    """Search the visible pages in `locale` for `query` (already cleaned by clean_query):
    the results best first, as specific pages, and the facets of all of them."""
    scope = search_scope(locale, chosen)
    results = scope.specific().search(query, operator="and")
    ids = matching_ids(scope, query)
    facets = facet_counts(ids, locale, chosen)
    if len(ids) < MAX_FACET_IDS:  # every match (a search engine's list stops there)
        results = CountedResults(results, len(ids))
    return SearchOutcome(query=query, results=results, facets=facets)


def title_suggestions(query: str, locale, limit: int):
    """Visible pages whose titles start like the words typed (autocomplete)."""
    return searchable(visible_pages(Page.objects.all(), locale)).autocomplete(query)[:limit]
