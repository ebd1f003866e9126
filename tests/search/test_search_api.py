"""/api/v3/search/: the search page's search for decoupled front ends."""

import json

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from search.models import SearchTermDay

from .conftest import HIDDEN

pytestmark = pytest.mark.search_index

API = "/api/v3/search/"


def test_search_returns_cards_facets_and_count(client, corpus):
    response = client.get(API, {"q": "kommun", "limit": 2})
    assert response.status_code == 200
    data = response.json()
    assert data["query"] == "kommun" and data["count"] == 4 and len(data["items"]) == 2
    assert {value["key"]: value["count"] for value in data["facets"]["type"]} == {
        "avsnitt": 2,
        "exempel": 1,
        "pressmeddelande": 1,
    }
    item = data["items"][0]
    assert set(item) == {
        "id", "type", "result_type", "result_type_label", "title", "url", "date",
        "excerpt_html", "found_in", "found_in_label", "moment", "thumbnail",
    }  # fmt: skip
    second_page = client.get(API, {"q": "kommun", "limit": 2, "offset": 2}).json()
    assert {i["id"] for i in second_page["items"]}.isdisjoint({i["id"] for i in data["items"]})


def test_filters_are_the_same_as_on_the_page(client, corpus):
    data = client.get(API, {"q": "kommun", "type": "avsnitt", "topic": "tjanstedesign"}).json()
    assert [item["title"] for item in data["items"]] == ["Tjänstedesignen i praktiken"]
    assert [
        item["title"] for item in client.get(API, {"q": "kommun", "year": 2018}).json()["items"]
    ] == ["Politisk vilja"]
    data = client.get(API, {"q": "kommun", "organisation": corpus["oxelosund"].pk}).json()
    assert [item["title"] for item in data["items"]] == ["Oxelösunds äldreomsorg"]


def test_transcript_hit_and_marked_excerpt(client, corpus):
    (item,) = client.get(API, {"q": "trygghetslarm"}).json()["items"]
    assert item["found_in"] == "transcript"
    assert item["url"].endswith("#transcript-heading")
    assert "<mark>trygghetslarm</mark>" in item["excerpt_html"]


def test_promotions_in_the_api(client, corpus):
    SearchPromotion.objects.create(query=Query.get("stöd"), page=corpus["press"], sort_order=0)
    SearchPromotion.objects.create(query=Query.get("stöd"), page=corpus["private"], sort_order=1)
    data = client.get(API, {"q": "Stöd"}).json()
    assert [p["title"] for p in data["promotions"]] == ["Kommuner får stöd"]


def test_hidden_pages_are_never_in_the_api(client, corpus):
    data = client.get(API, {"q": "tjänstedesign", "limit": 50}).json()
    titles = {item["title"] for item in data["items"]}
    assert not titles & {corpus[name].title for name in HIDDEN}
    for name in HIDDEN:
        suggestions = client.get(API + "suggestions/", {"q": corpus[name].title[:6]}).json()
        assert corpus[name].title not in {s["title"] for s in suggestions["suggestions"]}


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({}, "q"),
        ({"q": ""}, "Skriv ett eller flera ord"),
        ({"q": "?!%"}, "minst en bokstav"),
        ({"q": "a", "type": "video"}, "Okänd typ"),
        ({"q": "a", "topic": "finns-inte"}, "inget ämne"),
        ({"q": "a", "series": "finns-inte"}, "ingen publicerad serie"),
        ({"q": "a", "organisation": 999999}, "ingen organisation"),
        ({"q": "a", "year": "tjugo"}, "year"),
        ({"q": "a", "limit": 51}, "limit"),
        ({"q": "a", "offset": 10001}, "offset"),
        ({"q": "a", "locale": "xx"}, "okänt språk"),
        ({"q": "a", "sort": "title"}, "Okända parametrar"),
    ],
)
def test_bad_input_is_a_400_with_a_message(client, corpus, params, fragment):
    response = client.get(API, params)
    assert response.status_code == 400
    assert fragment in json.dumps(response.json(), ensure_ascii=False)


def test_syntax_looking_query_is_only_words(client, corpus):
    response = client.get(API, {"q": "\"'; DROP TABLE x; -- <b>NEAR(a b)</b> tjänst*"})
    assert response.status_code == 200
    for item in response.json()["items"]:
        assert "<b>" not in item["excerpt_html"]


def test_english_locale_and_counting(client, corpus):
    assert client.get(API, {"q": "kommun", "locale": "en"}).json()["count"] == 0
    client.get(API, {"q": "kommun"})
    client.get(API, {"q": "kommun", "offset": 2})  # a later page is the same search
    assert SearchTermDay.objects.get(terms="kommun", language="sv").searches == 1


def test_suggestions(client, corpus):
    response = client.get(API + "suggestions/", {"q": "Oxel"})
    assert response.status_code == 200
    assert response.json()["suggestions"][0]["title"] == "Oxelösunds äldreomsorg"
    assert client.get(API + "suggestions/", {"q": ""}).status_code == 400


def test_every_api_search_is_counted(client, corpus):
    for _ in range(2):
        assert client.get(API, {"q": "kommun"}).status_code == 200
    assert SearchTermDay.objects.get(terms="kommun").searches == 2
