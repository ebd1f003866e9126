"""Searches kept in the page cache (search.query.cached_outcome): a repeated search runs no
full-text or facet query, is still counted, and every content change shows at once."""

import pytest

from search import query as search_query
from search.models import SearchTermDay
from tests import factories

from .test_search_page import search, titles

API = "/api/v3/search/"


pytestmark = pytest.mark.usefixtures("page_cache_on")


@pytest.fixture
def searches(monkeypatch):
    """How many times the facets were counted (once per search that was not kept)."""
    calls = []
    original = search_query.facet_counts

    def counted(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(search_query, "facet_counts", counted)
    return calls


def facet_counts_of(response):
    return {
        group["name"]: {link["value"].key: link["value"].count for link in group["links"]}
        for group in response.context["facets"]
    }


def test_a_repeated_search_is_answered_from_the_cache_and_still_counted(client, corpus, searches):
    first = search(client, q="kommun")
    again = search(client, q="kommun")
    assert len(searches) == 1
    assert again.context["total"] == first.context["total"] == 4
    assert titles(again) == titles(first)
    assert facet_counts_of(again) == facet_counts_of(first)
    assert SearchTermDay.objects.get(terms="kommun", language="sv").searches == 2


def full_text_queries(client, **params):
    """The full-text queries (PostgreSQL's @@, SQLite's MATCH) of one search page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        search(client, **params)
    return [
        query["sql"]
        for query in captured.captured_queries
        if "@@" in query["sql"] or " MATCH " in query["sql"].upper()
    ]


def test_a_kept_search_runs_no_full_text_query_and_ignores_case(client, corpus, searches):
    assert full_text_queries(client, q="kommun")
    assert full_text_queries(client, q="kommun") == []
    assert full_text_queries(client, q="KOMMUN") == []
    assert len(searches) == 1


def test_filters_and_pages_of_results(client, corpus, searches):
    search(client, q="kommun")
    filtered = search(client, q="kommun", typ="avsnitt")
    assert len(searches) == 2  # another search, not the unfiltered one's answer
    assert filtered.context["total"] == 2
    assert search(client, q="kommun", typ="avsnitt").context["total"] == 2
    assert len(searches) == 2
    by_topic = search(client, q="kommun", amne="tjanstedesign")
    assert len(searches) == 3
    assert by_topic.context["total"] == 2


def test_the_api_shares_the_cached_search(client, corpus, searches):
    first = client.get(API, {"q": "kommun"}).json()
    again = client.get(API, {"q": "kommun", "offset": 1, "limit": 2}).json()
    assert len(searches) == 1
    assert again["count"] == first["count"] == 4
    assert [item["id"] for item in again["items"]] == [item["id"] for item in first["items"]][1:3]


def test_a_publish_is_found_at_once(client, corpus, series, searches):
    assert search(client, q="kommun").context["total"] == 4
    episode = factories.WebinarEpisodePageFactory(
        parent=series, title="Nytt avsnitt", summary="En kommun berättar."
    )
    episode.save_revision().publish()
    response = search(client, q="kommun")
    assert response.context["total"] == 5
    assert "Nytt avsnitt" in titles(response)


def test_an_unpublished_page_is_gone_at_once(client, corpus):
    assert "Politisk vilja" in titles(search(client, q="kommun"))
    corpus["leadership_episode"].unpublish()
    response = search(client, q="kommun")
    assert "Politisk vilja" not in titles(response)
    assert response.context["total"] == 3


def test_kept_ids_never_show_a_page_unpublished_since(client, corpus, monkeypatch):
    """Even an entry the generation did not retire shows only pages live and public now."""
    search(client, q="kommun")
    monkeypatch.setattr("home.page_cache.invalidate", lambda: None)
    corpus["leadership_episode"].unpublish()
    response = search(client, q="kommun")
    assert response.context["total"] == 4  # the kept answer, not retired...
    assert "Politisk vilja" not in titles(response)  # ...but the page is not shown


def test_a_cache_that_is_down_is_searched_around(client, corpus, monkeypatch, caplog):
    class Down:
        def get(self, *args, **kwargs):
            raise ConnectionError("the cache is down")

        set = add = incr = get

    monkeypatch.setattr("home.page_cache.page_cache", lambda: Down())
    response = search(client, q="kommun")
    assert response.context["total"] == 4
    assert "Sökcachen kunde inte läsas" in caplog.text


def test_a_backend_without_ranked_ids_is_searched_once_and_not_kept(
    client, corpus, searches, monkeypatch
):
    """OpenSearch gives its own ranked results, not every id: they are shown as they come."""
    monkeypatch.setattr(search_query, "ranked_ids", lambda results: None)
    for _ in range(2):
        response = search(client, q="kommun")
        assert response.context["total"] == 4
    assert len(searches) == 2  # once per search: not twice, and nothing kept
