"""One visibility rule (core.visibility) for every way into the search: a draft, an expired
page, a private page and a page under a private parent are never found, counted or faceted,
on /sok/, /en/sok/ or /api/v3/search/."""

import pytest

pytestmark = pytest.mark.search_index

# Each language's search words, and the pages they must find (all others are hidden).
SEARCHES = {
    "sv": ("tjänstedesign", {"design_episode", "case", "press"}),
    "en": ("municipalities", {"en_visible"}),
}
HIDDEN = ("draft", "private", "expired", "under_private")


def hidden_titles(pages):
    return {pages[name].title for name in HIDDEN} | {
        pages[f"en_{name}"].title for name in ("draft", "expired", "private")
    }


def search_page(client, language, words):
    response = client.get("/en/sok/" if language == "en" else "/sok/", {"q": words})
    assert response.status_code == 200
    found = {card.page.title for card in response.context["cards"]}
    type_counts = sum(
        link["value"].count
        for group in response.context["facets"]
        if group["name"] == "type"
        for link in group["links"]
    )
    return found, response.context["total"], type_counts, response.content.decode()


def search_api(client, language, words):
    response = client.get("/api/v3/search/", {"q": words, "locale": language, "limit": 50})
    assert response.status_code == 200
    data = response.json()
    found = {item["title"] for item in data["items"]}
    type_counts = sum(value["count"] for value in data["facets"]["type"])
    return found, data["count"], type_counts, response.content.decode()


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("search", [search_page, search_api], ids=["page", "api"])
def test_hidden_pages_are_never_found_counted_or_faceted(
    client, hidden_everywhere, language, search
):
    words, expected = SEARCHES[language]
    found, total, type_counts, body = search(client, language, words)
    assert found == {hidden_everywhere[name].title for name in expected}
    assert total == type_counts == len(expected)
    for title in hidden_titles(hidden_everywhere):
        assert title not in body


def test_hidden_pages_are_never_suggested(client, hidden_everywhere):
    for words in ("Dold", "Hemlig", "Skyddad", "Utgången"):
        response = client.get("/api/v3/search/suggestions/", {"q": words})
        assert response.json()["suggestions"] == []
    response = client.get("/api/v3/search/suggestions/", {"q": "munic", "locale": "en"})
    titles = [suggestion["title"] for suggestion in response.json()["suggestions"]]
    assert titles == ["Working with municipalities"]
