"""Site search shared by the search page (/sok/) and the API (/api/v3/search/): the words
matched by Wagtail's search backend (search/backends.py) in the visible pages of one language,
narrowed by the filters and counted into facets, in a fixed number of queries."""

import re

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
    """The words to search for (only letters and digits: everything else separates, never is
    syntax), and notes for the reader when the query had to be changed."""
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


class CountedResults:
    """Search results whose number the facets already know: no second full search to count."""

    def __init__(self, results, count: int):
        self.results, self.total = results, count

    def count(self) -> int:
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


def site_search(query: str, locale, chosen: Filters) -> tuple[object, dict[str, list[FacetValue]]]:
    """The visible pages in `locale` that match `query` (cleaned by clean_query), best first,
    as specific pages (sliceable, with count(), as Django's Paginator reads them), and the
    facets of all of them."""
    scope = searchable(apply_filters(visible_pages(Page.objects.all(), locale), chosen))
    results = scope.specific().search(query, operator="and")
    # Every matching id for the facets: a database backend gives them as a facet on `id` (one
    # query that ranks nothing); a search engine's facets are not complete lists, so its
    # first MAX_FACET_IDS results are read instead.
    matching = scope.search(query, operator="and", order_by_relevance=False)
    if uses_database_backend():
        ids = list(matching.facet("id"))
    else:
        ids = [page.pk for page in matching[:MAX_FACET_IDS]]
    if len(ids) < MAX_FACET_IDS:  # every match (a search engine's list stops there)
        results = CountedResults(results, len(ids))
    return results, facet_counts(ids, locale, chosen)


def title_suggestions(query: str, locale, limit: int):
    """Visible pages whose titles start like the words typed (autocomplete)."""
    return searchable(visible_pages(Page.objects.all(), locale)).autocomplete(query)[:limit]
