"""The public search page /sok/: Swedish word forms, facets, transcript and chapter hits,
editors' recommendations, statistics, bad input, and nothing hidden ever found."""

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from search.models import SearchTermDay

from .conftest import HIDDEN

pytestmark = pytest.mark.search_index


def search(client, **params):
    response = client.get("/sok/", params)
    assert response.status_code == 200
    return response


def titles(response):
    return [card.page.title for card in response.context["cards"]]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        # The query's form differs from the text's: stemmed on PostgreSQL, stem prefix on SQLite.
        ("tjänstedesign", "Tjänstedesignen i praktiken"),
        ("kommuner", "Oxelösunds äldreomsorg"),  # the text says "kommun"
        ("kommun", "Kommuner får stöd"),  # the text says "Kommuner"
        ("brukare", "Användardriven innovation"),  # the text says "brukarnas"
        ("Äldreomsorgen", "Oxelösunds äldreomsorg"),  # case and definite form
    ],
)
def test_swedish_word_forms_find_each_other(client, corpus, words, expected):
    assert expected in titles(search(client, q=words))


def test_prefix_of_a_word_finds_it(client, corpus):
    assert "Oxelösunds äldreomsorg" in titles(search(client, q="äldreoms"))


def test_drafts_private_and_expired_pages_are_never_found(client, corpus):
    response = search(client, q="tjänstedesign")
    found = titles(response)
    for name in HIDDEN:
        assert corpus[name].title not in found
    html = response.content.decode()
    assert "Hemlig" not in html and "Skyddad" not in html and "Utgången" not in html
    # Nor counted in the facets.
    counts = {
        link["value"].key: link["value"].count
        for group in response.context["facets"]
        if group["name"] == "type"
        for link in group["links"]
    }
    assert counts == {"avsnitt": 1, "exempel": 1, "pressmeddelande": 1}


def test_facets_count_results_and_filter_them(client, corpus):
    response = search(client, q="kommun")
    facets = {
        group["name"]: {link["value"].key: link["value"].count for link in group["links"]}
        for group in response.context["facets"]
    }
    assert response.context["total"] == 4
    assert facets["type"] == {"avsnitt": 2, "exempel": 1, "pressmeddelande": 1}
    assert facets["topic"] == {"tjanstedesign": 2, "politiskt-ledarskap": 1}
    assert facets["series"] == {"politiskt-ledarskap": 1, "digitalisering": 1}
    assert facets["year"] == {"2018": 1, "2017": 3}
    assert facets["organisation"][str(corpus["oxelosund"].pk)] == 1

    filtered = search(client, q="kommun", typ="avsnitt", amne="tjanstedesign")
    assert titles(filtered) == ["Tjänstedesignen i praktiken"]
    assert [f["label"] for f in filtered.context["active_filters"]] == [
        "Webbinarieavsnitt",
        "Tjänstedesign",
    ]
    assert titles(search(client, q="kommun", serie="digitalisering")) == ["Politisk vilja"]
    assert titles(search(client, q="kommun", ar="2018")) == ["Politisk vilja"]
    assert titles(search(client, q="kommun", organisation=str(corpus["oxelosund"].pk))) == [
        "Oxelösunds äldreomsorg"
    ]


def test_result_cards_show_type_date_image_and_marked_excerpt(client, corpus):
    response = search(client, q="äldreomsorgen")
    card = next(c for c in response.context["cards"] if c.page.pk == corpus["case"].pk)
    assert card.type_label == "Exempel"
    # Each hit is one of its kind (the facets count them in the plural).
    series = search(client, q="digitalisering").context["cards"]
    assert [c.type_label for c in series if c.page.slug == "digitalisering"] == ["Webbinarieserie"]
    assert card.date_iso == "2017-06-29"
    assert card.image is not None
    html = response.content.decode()
    assert "<mark>äldreomsorgen</mark>" in html
    assert 'class="search-result__image"' in html


def test_hit_in_transcript_links_to_the_transcript(client, corpus):
    response = search(client, q="trygghetslarm")
    (card,) = response.context["cards"]
    assert card.found_in == "transcript"
    assert card.url.endswith("/tjanstedesignen/#transcript-heading")
    assert "<mark>trygghetslarm</mark>" in card.excerpt


def test_hit_in_chapter_title_links_to_that_moment(client, corpus):
    response = search(client, q="medborgardialog")
    (card,) = response.context["cards"]
    assert card.found_in == "chapter"
    assert card.url.endswith("/tjanstedesignen/?t=300#player")
    assert card.found_in_label == "Kapitel vid 5:00"


def test_editors_recommendation_comes_first_but_never_a_hidden_page(client, corpus):
    query = Query.get("innovation")
    SearchPromotion.objects.create(query=query, page=corpus["press"], sort_order=0)
    SearchPromotion.objects.create(query=query, page=corpus["draft"], sort_order=1)
    SearchPromotion.objects.create(
        query=query,
        external_link_url="https://skl.se/innovation",
        external_link_text="SKL om innovation",
        sort_order=2,
    )
    response = search(client, q="Innovation")
    assert [p["title"] for p in response.context["promotions"]] == [
        "Kommuner får stöd",
        "SKL om innovation",
    ]
    html = response.content.decode()
    assert html.index("Rekommenderat") < html.index('class="search-results"')


def test_searches_are_counted_without_any_person(client, corpus):
    search(client, q="Tjänstedesign")
    search(client, q="tjänstedesign")
    search(client, q="zzzfinnsinte")
    search(client, q="ring 070-123 45 67")
    popular = {row["terms"]: row["total"] for row in SearchTermDay.objects.popular()}
    assert popular["tjänstedesign"] == 2
    without = set(SearchTermDay.objects.without_results().values_list("terms", flat=True))
    assert "zzzfinnsinte" in without
    assert not any("070" in row.terms for row in SearchTermDay.objects.all())
    # Later pages of the same search are not counted again.
    search(client, q="tjänstedesign", sida="2")
    assert SearchTermDay.objects.get(terms="tjänstedesign").searches == 2


@pytest.mark.parametrize(
    ("words", "message"),
    [
        ("", "Skriv ett eller flera ord"),
        ("   ", "Skriv ett eller flera ord"),
        ("!!! ??? ...", "minst en bokstav eller siffra"),
    ],
)
def test_nothing_to_search_for_is_explained(client, corpus, words, message):
    response = search(client, q=words)
    assert message in response.content.decode()
    assert "cards" not in response.context


@pytest.mark.parametrize(
    "words",
    [
        "'; DROP TABLE wagtailcore_page; --",
        '" OR 1=1 --',
        "tjänst* AND NOT NEAR(x y)",
        "<script>alert('x')</script>",
        "%s %% {title} \\",  # NUL bytes: tests/search/test_search_bad_input.py
    ],
)
def test_syntax_looking_input_is_only_words(client, corpus, words):
    response = search(client, q=words)
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "cards" in response.context


def test_very_long_query_is_cut_and_said_so(client, corpus):
    response = search(client, q="tjänstedesign " * 100)
    assert "kortats till 200 tecken" in response.content.decode()
    assert "Tjänstedesignen i praktiken" in titles(response)


def test_unknown_filter_values_are_explained_and_ignored(client, corpus):
    response = search(client, q="kommun", typ="nope", amne="okänt", ar="tjugo", serie="x")
    html = response.content.decode()
    assert "Okänd typ" in html and "inget ämne" in html and "årtal" in html
    assert response.context["total"] == 4


def test_pagination_keeps_query_and_filters(client, corpus):
    from tests import factories

    for number in range(12):
        factories.WebinarEpisodePageFactory(
            parent=corpus["series"], summary=f"Kommun nummer {number}."
        )
    response = search(client, q="kommun", typ="avsnitt")
    html = response.content.decode()
    assert response.context["total"] == 14
    assert "?q=kommun&amp;typ=avsnitt&amp;sida=2" in html
    assert len(titles(search(client, q="kommun", typ="avsnitt", sida="2"))) == 4
    # Past the end: the last page, not an error.
    assert len(titles(search(client, q="kommun", typ="avsnitt", sida="99"))) == 4


def queries_for(client, **params):
    """Queries of a warm request (renditions and caches made by a first one)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    search(client, **params)
    with CaptureQueriesContext(connection) as captured:
        response = search(client, **params)
    return len(captured.captured_queries), response


def test_query_count_does_not_grow_with_results(client, corpus):
    from tests import factories

    few, _response = queries_for(client, q="kommun")
    for number in range(15):
        factories.WebinarEpisodePageFactory(parent=corpus["series"], summary=f"Kommun {number}.")
    many, response = queries_for(client, q="kommun")
    assert response.context["total"] == 19
    assert many <= few  # bounded by the page types shown, not by the number of results


def test_english_pages_are_searched_in_english(client, corpus, locales):
    from tests import factories

    english_home = corpus["guidance"].get_parent().specific.copy_for_translation(locales["en"])
    english_home.save_revision().publish()
    factories.GuidanceArticlePageFactory(
        parent=english_home,
        title="Working with municipalities",
        slug="municipalities",
        intro="Innovation together with the people who use the services.",
        locale=locales["en"],
    )
    response = search(client, q="municipality")
    assert response.status_code == 200
    response = client.get("/en/sok/", {"q": "municipality"})
    assert [card.page.title for card in response.context["cards"]] == [
        "Working with municipalities"
    ]
    # The facets' headings are in English too (they were once translated at import time).
    assert '<h3 id="facet-type">Type</h3>' in response.content.decode()
    # Swedish pages are not in English results.
    assert client.get("/en/sok/", {"q": "tjänstedesign"}).context["total"] == 0


def test_suggestions_offer_titles_as_you_type(client, corpus):
    # The box asks the API, in the page's language (static/js/search.js).
    url = "/api/v3/search/suggestions/"
    assert f'data-suggest-url="{url}"' in client.get("/sok/").content.decode()
    response = client.get(url, {"q": "Oxel", "locale": "sv"})
    assert response.status_code == 200
    assert [s["title"] for s in response.json()["suggestions"]] == ["Oxelösunds äldreomsorg"]
    assert client.get(url, {"q": "Skyddad", "locale": "sv"}).json()["suggestions"] == []
    assert client.get(url, {"q": "Hemlig", "locale": "sv"}).json()["suggestions"] == []
    assert client.get(url, {"q": "?!", "locale": "sv"}).status_code == 400


def test_page_works_without_javascript(client, corpus):
    html = search(client, q="kommun").content.decode()
    assert '<form class="search-form" role="search" method="get"' in html
    assert 'list="search-suggestions"' in html  # enhancement only
    assert 'href="?q=kommun&amp;typ=avsnitt"' in html
