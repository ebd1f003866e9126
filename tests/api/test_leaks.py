"""No draft, private, unpublished or expired page through any API path."""

import pytest

from tests import factories

from .conftest import API


def ids_in(response):
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


# Each test goes through every reason on one set of hidden episodes (built once: eight pages).


def test_hidden_episodes_are_in_none_of_our_listings(api_get, hidden_episodes, episode):
    for params in ({}, {"limit": 100}, {"state": "recorded"}, {"year": 2017}):
        listed = ids_in(api_get("/webinars/episodes/", **params))
        for reason, hidden in hidden_episodes.items():
            assert hidden.pk not in listed, (reason, params)
    assert episode.pk in ids_in(api_get("/webinars/episodes/"))


@pytest.mark.search_index
def test_hidden_episodes_are_in_no_wagtail_listing(api_get, hidden_episodes, episode, series):
    for reason, hidden in hidden_episodes.items():
        listings = {
            "all": api_get("/pages/", limit=100),
            "type": api_get("/pages/", type="webinars.WebinarEpisodePage"),
            "child_of": api_get("/pages/", child_of=series.pk),
            "descendant_of": api_get("/pages/", descendant_of=series.get_parent().pk),
            "search": api_get("/pages/", search=hidden.title),
        }
        for name, response in listings.items():
            assert hidden.pk not in ids_in(response), (reason, name)
    assert episode.pk in ids_in(api_get("/pages/", child_of=series.pk))


def test_hidden_episodes_have_none_of_our_details(api_get, hidden_episodes):
    for reason, hidden in hidden_episodes.items():
        assert api_get(f"/webinars/episodes/{hidden.pk}/").status_code == 404, reason
        assert api_get(f"/site/breadcrumbs/{hidden.pk}/").status_code == 404, reason
        assert api_get("/site/find/", path=hidden.get_url()).status_code == 404, reason


def test_hidden_episodes_have_no_wagtail_detail(api_get, hidden_episodes):
    for reason, hidden in hidden_episodes.items():
        assert api_get(f"/pages/{hidden.pk}/").status_code == 404, reason
        assert api_get(f"/pages/{hidden.pk}/", version="draft").status_code == 404, reason
        assert api_get("/pages/find/", id=hidden.pk).status_code == 404, reason
        html_path = hidden.url_path.split("/", 2)[2]
        assert api_get("/pages/find/", html_path=html_path).status_code == 404, reason


def test_restricted_pages_are_no_parent_filter(api_get, hidden_episodes):
    for reason in ("password", "login", "groups", "below_restricted"):
        hidden = hidden_episodes[reason]
        page = hidden.get_parent() if reason == "below_restricted" else hidden
        for name in ("child_of", "descendant_of"):
            response = api_get("/pages/", **{name: page.pk})
            assert response.status_code == 400, (reason, name)
            assert "No Page matches" in response.json()["errors"][0]["msg"]


def test_session_login_does_not_open_restricted_pages(admin_client, hidden_episodes):
    """The API never trusts the admin session: an editor needs a bearer token."""
    hidden = hidden_episodes["login"]
    assert admin_client.get(f"{API}/pages/{hidden.pk}/").status_code == 404
    assert admin_client.get(f"{API}/webinars/episodes/{hidden.pk}/").status_code == 404


def test_featured_block_hides_unpublished_page(api_get, home, hidden_episodes, episode):
    article = factories.GuidanceArticlePageFactory(
        parent=home,
        slug="vagledning",
        body=[
            ("featured", {"page": hidden_episodes["draft"], "heading": ""}),
            ("featured", {"page": hidden_episodes["login"], "heading": ""}),
            ("featured", {"page": episode, "heading": "Se detta"}),
        ],
    )
    body = api_get(f"/pages/{article.pk}/").json()["body"]
    pages = [block["value"]["page"] for block in body]
    assert pages[0] is None and pages[1] is None
    assert pages[2]["id"] == episode.pk
    assert "Utkast" not in str(body) and "Skyddad" not in str(body)


def test_unpublished_changes_stay_out_of_detail(api_get, episode):
    episode.title = "Opublicerad rubrik"
    episode.save_revision()
    assert api_get(f"/pages/{episode.pk}/").json()["title"] == "Inledning"
    assert api_get(f"/webinars/episodes/{episode.pk}/").json()["title"] == "Inledning"
    assert api_get(f"/pages/{episode.pk}/", version="draft").json()["title"] == "Inledning"


def test_hidden_pages_are_not_in_navigation(api_get, home, catalogue):
    draft = factories.CaseIndexPageFactory(parent=home, slug="utkast", live=False)
    private = factories.PressReleaseIndexPageFactory(parent=home, slug="press")
    from .conftest import restrict

    restrict(private, "login")
    for page in (catalogue, draft, private):
        page.show_in_menus = True
        page.save()
    items = api_get("/site/navigation/").json()["items"]
    assert [item["id"] for item in items] == [catalogue.pk]
