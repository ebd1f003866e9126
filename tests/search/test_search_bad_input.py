"""Input no search can use (issue 23): NUL bytes, lone surrogates, over-long queries and
filter values, numbers that are not plain numbers. A 400 with a message, or a harmless
search, never a server error."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.filters import resolve_filters

pytestmark = pytest.mark.search_index

API = "/api/v3/search/"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("series", "a\x00"),
        ("topic", "\x00"),
        ("type", "avsnitt\x00"),
        ("organisation", "1\x00"),
        ("year", "2017\x00"),
        ("series", "a\ud800b"),
        ("series", "x" * 5000),
        ("organisation", "99999999999999999999999"),
        ("organisation", "²"),
        ("year", "²⁰¹⁷"),
    ],
)
def test_filter_values_no_filter_could_name_are_explained_without_a_query(
    corpus, locales, name, value
):
    with CaptureQueriesContext(connection) as queries:
        chosen, problems = resolve_filters(locales["sv"], {name: value})
    assert name in problems
    assert getattr(chosen, name) in ("", None)
    assert not queries.captured_queries


@pytest.mark.parametrize(
    "params",
    [
        {"q": "abc", "serie": "a\x00"},
        {"q": "abc\x00def"},
        {"q": "tjänstedesign", "amne": "\x00", "organisation": "1\x00", "ar": "\x00"},
    ],
)
def test_nul_bytes_on_the_page_are_a_400_or_explained(client, corpus, params):
    response = client.get("/sok/", params)
    assert response.status_code in (200, 400)
    html = response.content.decode()
    assert "\x00" not in html
    if response.status_code == 200:  # explained and ignored
        assert 'class="notice' in html or "cards" in response.context


@pytest.mark.parametrize(
    "params",
    [{"q": "abc", "series": "a\x00"}, {"q": "abc", "topic": "\x00"}, {"q": "abc\x00"}],
)
def test_nul_bytes_in_the_api_are_a_400_with_a_message(client, corpus, params):
    response = client.get(API, params)
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert response.json().get("detail")


def test_an_encoded_lone_surrogate_is_a_harmless_search(client, corpus):
    response = client.get("/sok/", QUERY_STRING="q=tj%C3%A4nstedesign%ED%A0%80&serie=%ED%A0%80")
    assert response.status_code in (200, 400)
    response = client.get(API, QUERY_STRING="q=%ED%A0%80abc")
    assert response.status_code in (200, 400)


@pytest.mark.parametrize(
    "words",
    [
        " ".join(["tjänstedesign"] * 500),
        "tjänstedesign" + "x" * 5000,
        " ".join(f"ord{number}" for number in range(500)),
        "(" * 100 + "tjänstedesign" + ")" * 3000,
    ],
)
def test_over_long_queries_are_cut_on_the_page_and_refused_by_the_api(client, corpus, words):
    response = client.get("/sok/", {"q": words})
    assert response.status_code == 200
    assert "cards" in response.context
    assert "kortats till 200 tecken" in response.content.decode()
    for url in (API, API + "suggestions/"):
        refused = client.get(url, {"q": words})
        assert refused.status_code == 400
        assert "högst 200 tecken" in refused.json()["detail"]
