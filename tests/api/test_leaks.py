"""No draft, private, unpublished or expired page through any API path."""

import pytest

from tests import factories

from .conftest import API

REASONS = ["draft", "password", "login", "groups", "expired", "below_restricted"]


def ids_in(response):
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


# Wagtail's v3 pages router alone would serve an expired page until `publish_scheduled` has
# run; home/expiry.py hides it at once.
V3_REASONS = REASONS


@pytest.mark.parametrize("reason", REASONS)
def test_hidden_episode_is_in_none_of_our_listings(api_get, hidden_episodes, episode, reason):
    hidden = hidden_episodes[reason]
    for params in ({}, {"limit": 100}, {"state": "recorded"}, {"year": 2017}):
        assert hidden.pk not in ids_in(api_get("/webinars/episodes/", **params))
    assert episode.pk in ids_in(api_get("/webinars/episodes/"))


@pytest.mark.search_index
@pytest.mark.parametrize("reason", V3_REASONS)
def test_hidden_episode_is_in_no_wagtail_listing(api_get, hidden_episodes, episode, series, reason):
    hidden = hidden_episodes[reason]
    listings = [
        api_get("/pages/", limit=100),
        api_get("/pages/", type="webinars.WebinarEpisodePage"),
        api_get("/pages/", child_of=series.pk),
        api_get("/pages/", descendant_of=series.get_parent().pk),
        api_get("/pages/", search=hidden.title),
    ]
    for response in listings:
        assert hidden.pk not in ids_in(response)
    assert episode.pk in ids_in(api_get("/pages/", child_of=series.pk))


@pytest.mark.parametrize("reason", REASONS)
def test_hidden_episode_has_none_of_our_details(api_get, hidden_episodes, reason):
    hidden = hidden_episodes[reason]
    assert api_get(f"/webinars/episodes/{hidden.pk}/").status_code == 404
    assert api_get(f"/site/breadcrumbs/{hidden.pk}/").status_code == 404
    assert api_get("/site/find/", path=hidden.get_url()).status_code == 404


@pytest.mark.parametrize("reason", V3_REASONS)
def test_hidden_episode_has_no_wagtail_detail(api_get, hidden_episodes, reason):
    hidden = hidden_episodes[reason]
    assert api_get(f"/pages/{hidden.pk}/").status_code == 404
    assert api_get(f"/pages/{hidden.pk}/", version="draft").status_code == 404
    assert api_get("/pages/find/", id=hidden.pk).status_code == 404
    html_path = hidden.url_path.split("/", 2)[2]
    assert api_get("/pages/find/", html_path=html_path).status_code == 404


@pytest.mark.parametrize("reason", ["password", "login", "groups", "below_restricted"])
def test_restricted_page_is_no_parent_filter(api_get, hidden_episodes, reason):
    parent = hidden_episodes[reason].get_parent() if reason == "below_restricted" else None
    page = parent or hidden_episodes[reason]
    for name in ("child_of", "descendant_of"):
        response = api_get("/pages/", **{name: page.pk})
        assert response.status_code == 400
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
