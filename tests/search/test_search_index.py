"""PostgreSQL: the words a search matches are found through an index, not by reading every
entry (search/migrations/0002)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

INDEX = "search_indexentry_title_body_gin"
# The expression Wagtail's PostgreSQL search matches and ranks, as the index holds it.
MATCHED = '("wagtailsearch_indexentry"."title" || "wagtailsearch_indexentry"."body") @@ '


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite searches its FTS5 table")


def test_the_expression_the_site_search_matches_is_indexed(postgresql, client, corpus):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/sok/", {"q": "tjänstedesign"}).status_code == 200
    assert any(MATCHED in query["sql"] for query in queries.captured_queries)
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [INDEX])
        (definition,) = cursor.fetchone()
    assert "USING gin (((title || body)))" in definition


def test_words_are_matched_once_for_the_page_the_facets_and_the_count(postgresql, client, corpus):
    """Every matching id, best first: the page shows a slice of them, the facets count over
    them and their number is the total. One full-text query, not one for each."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/sok/", {"q": "kommun"})
    assert response.status_code == 200
    assert response.context["total"] == 4
    matching = [query for query in queries.captured_queries if MATCHED in query["sql"]]
    assert len(matching) == 1
    assert not any("COUNT(*)" in query["sql"] for query in matching)


def test_facet_queries_take_the_ids_as_one_array_literal(postgresql, corpus):
    """The ids go into each facet query as one array literal, written once: not as a Python
    list that psycopg would write out again for every query."""
    from wagtail.models import Locale, Page

    from search.query import Filters, IdArray, among, site_search

    ids = IdArray([3, 1, 2])
    assert ids.literal == "{3,1,2}"
    sql, params = Page.objects.filter(among("pk", ids)).query.sql_with_params()
    assert "IN (SELECT unnest(%s::bigint[]))" in sql
    assert "{3,1,2}" in params

    outcome = site_search("kommun", Locale.objects.get(language_code="sv"), Filters())
    with CaptureQueriesContext(connection) as counting:
        assert outcome.results.count() == 4  # known from the ids, no query
    assert not counting.captured_queries
    assert sum(value.count for value in outcome.facets["type"]) == 4
