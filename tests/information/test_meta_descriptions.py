"""Every page a search engine lists says what it is: the catalogue, the case index and the
search page have a meta description even where the editor wrote none (issue #26)."""

import re

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.search_index]

DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)">')


def descriptions(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return DESCRIPTION.findall(response.content.decode())


def test_catalogue_and_case_index_describe_themselves_with_their_introduction(
    client, catalogue, case_index
):
    for page in (catalogue, case_index):
        page.intro = "<p>Webbinarier från <b>SKL</b> om innovation.</p>"
        page.save_revision().publish()
        assert descriptions(client, page.url) == ["Webbinarier från SKL om innovation."]


def test_the_editors_own_description_comes_first_and_only_once(client, catalogue, case_index):
    for page in (catalogue, case_index):
        page.intro = "<p>Ingressen.</p>"
        page.search_description = "Redaktörens beskrivning."
        page.save_revision().publish()
        assert descriptions(client, page.url) == ["Redaktörens beskrivning."]


def test_search_page_has_a_description_in_each_language(client, home, locales):
    from tests.information.conftest import translate

    translate(home, locales["en"])
    assert descriptions(client, "/sok/", q="innovation") == [
        "Sök bland webbinarier, exempel, vägledning och pressmeddelanden från SKL om "
        "användardriven innovation."
    ]
    assert descriptions(client, "/en/sok/") == [
        "Search webinars, cases, guidance and press releases from SKL on user-driven innovation."
    ]
