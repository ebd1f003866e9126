"""Issue #25, item 12: what people search for fills Wagtail's "Välj från populära söktermer"
(the search promotions' chooser): one hit per search, personal data masked, never a failure."""

import pytest
from django.db import DatabaseError
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query

from search import models as search_models

pytestmark = pytest.mark.search_index

API = "/api/v3/search/"


def hits():
    return {query.query_string: query.hits for query in Query.objects.all()}


def test_each_search_counts_once_on_its_first_page_and_empty_ones_not(client, corpus):
    client.get("/sok/", {"q": "Kommun"})
    client.get("/sok/", {"q": "kommun", "sida": "2"})  # the same search, read further
    client.get("/sok/", {"q": "  "})
    client.get("/sok/", {"q": "!!!"})
    client.get("/sok/")
    client.get("/sok/", {"q": "tjänstedesign"})
    assert hits() == {"kommun": 1, "tjänstedesign": 1}


def test_the_api_counts_its_searches_once_too(client, corpus):
    client.get(API, {"q": "kommun", "limit": 2})
    client.get(API, {"q": "kommun", "limit": 2, "offset": 2})  # the next page of the same
    client.get(API, {"q": "kommun"})
    assert hits() == {"kommun": 2}


def test_personal_data_typed_into_the_box_is_masked(client, corpus):
    client.get("/sok/", {"q": "anna.svensson@example.com 19121212-1212"})
    assert hits()
    assert not any("@" in term or "1212" in term for term in hits())


class LockedQuery:
    @classmethod
    def get(cls, terms):
        raise DatabaseError("the table is locked")


def test_a_failure_to_count_does_not_fail_the_search(client, corpus, monkeypatch):
    monkeypatch.setattr(search_models, "Query", LockedQuery)
    response = client.get("/sok/", {"q": "kommun"})
    assert response.status_code == 200 and response.context["total"]
    assert search_models.SearchTermDay.objects.filter(terms="kommun").exists()


def test_editors_choose_from_the_popular_terms(client, admin_client, corpus):
    for _ in range(3):
        client.get("/sok/", {"q": "hemtjänst"})
    client.get("/sok/", {"q": "trygghetslarm"})
    html = admin_client.get(reverse("wagtailsearchpromotions:chooser")).json()["html"]
    assert "hemtjänst" in html and "trygghetslarm" in html
    assert html.index("hemtjänst") < html.index("trygghetslarm")  # most searched first
