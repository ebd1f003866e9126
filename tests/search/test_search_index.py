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
