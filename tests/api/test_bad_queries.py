"""A bad query string is a 400 with a message, never a 500."""

import pytest

from .conftest import API

BAD_QUERIES = [
    ("/webinars/episodes/", {"limit": 101}),
    ("/webinars/episodes/", {"limit": 0}),
    ("/webinars/episodes/", {"limit": "tio"}),
    ("/webinars/episodes/", {"offset": -1}),
    ("/webinars/episodes/", {"offset": "1.5"}),
    ("/webinars/episodes/", {"offset": 10**30}),
    ("/webinars/episodes/", {"year": "förra"}),
    ("/webinars/episodes/", {"state": "snart"}),
    ("/webinars/episodes/", {"order": "pris"}),
    ("/webinars/episodes/", {"locale": "xx"}),
    ("/webinars/episodes/", {"series": "finns-inte"}),
    ("/webinars/episodes/", {"speaker": "abc"}),
    ("/webinars/episodes/", {"starts_after": "igår"}),
    ("/webinars/episodes/", {"recorded_before": "2017-13-45"}),
    ("/webinars/episodes/", {"okänt": "1"}),
    ("/webinars/series/", {"limit": 1000}),
    ("/webinars/series/", {"okänt": "1"}),
    ("/site/navigation/", {"locale": "xx"}),
    ("/site/find/", {}),
    ("/site/find/", {"path": "/a\x00b/"}),
    ("/pages/", {"limit": 101}),
    ("/pages/", {"limit": "x"}),
    ("/pages/", {"offset": -5}),
    ("/pages/", {"offset": 10**30}),
    ("/pages/", {"offset": 10_001}),
    ("/pages/", {"child_of": "abc"}),
    ("/pages/", {"type": "webinars.Finns"}),
    ("/pages/", {"order": "okänt_fält"}),
    ("/pages/", {"child_of": 1, "descendant_of": 1}),
]


@pytest.mark.parametrize(("endpoint", "params"), BAD_QUERIES)
def test_bad_query_is_a_400_with_a_message(api_get, home, endpoint, params):
    response = api_get(endpoint, **params)
    assert response.status_code == 400, response.content
    problem = response.json()
    assert problem["status"] == 400
    assert problem.get("detail") or problem.get("errors")


@pytest.mark.parametrize("path", ["/webinars/episodes/abc/", "/pages/abc/", "/pages/99999999/"])
def test_malformed_or_unknown_ids_are_client_errors(api_get, home, path):
    assert api_get(path).status_code in {400, 404}


def test_our_error_messages_follow_the_clients_language(client, home):
    swedish = client.get(f"{API}/webinars/episodes/", {"locale": "xx"})
    assert swedish.status_code == 400
    assert "okänt språk" in str(swedish.json())
    english = client.get(f"{API}/webinars/episodes/", {"locale": "xx"}, HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 400
    assert "unknown language" in str(english.json())


def test_an_unknown_locale_is_a_400_on_wagtails_endpoints_too(client, home):
    for endpoint in ("/pages/", "/webinars/episodes/", "/webinars/series/"):
        response = client.get(f"{API}{endpoint}", {"locale": "zz"})
        assert response.status_code == 400, endpoint
        assert "zz" in response.json()["detail"]
