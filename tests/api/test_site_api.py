"""find by path (with a language prefix), navigation, breadcrumbs, page types' fields."""

import pytest
from wagtail.models import Locale

from tests import factories


@pytest.fixture
def english_home(home, locales):
    return home.copy_for_translation(locales["en"], copy_parents=False).specific


def test_find_by_path_redirects_to_page_detail_on_request(api_get, episode):
    path = "/webbinarier/politiskt-ledarskap/inledning/"
    response = api_get("/site/find/", path=path, answer="redirect")
    assert response.status_code == 302
    assert response["Location"] == f"/api/v3/pages/{episode.pk}/"
    assert api_get("/site/find/", path="/", answer="redirect").status_code == 302


def test_find_by_path_with_language_prefix(api_get, english_home):
    english_home.save_revision().publish()
    page = factories.CaseIndexPageFactory(parent=english_home, slug="examples")
    response = api_get("/site/find/", path="/en/examples/", answer="redirect")
    assert response.status_code == 302
    assert response["Location"] == f"/api/v3/pages/{page.pk}/"
    assert api_get("/site/find/", path="/en/examples/").json()["page"]["id"] == page.pk
    missing = api_get("/site/find/", path="/examples/")
    assert missing.status_code == 404
    # The problem says what was not found, in the words of the request, never a model's name.
    assert missing.json()["detail"] == "Ingen publicerad sida finns på “/examples/”."
    assert api_get("/site/breadcrumbs/999999/").json()["detail"] == (
        "Ingen publicerad sida har id 999999."
    )
    assert api_get("/site/cards/", child_of=999999).json()["detail"] == (
        "Ingen publicerad sida har id 999999."
    )


def test_navigation_lists_menu_pages_two_levels(api_get, home, catalogue, series, case_index):
    for page in (catalogue, series, case_index):
        page.show_in_menus = True
        page.save_revision().publish()
    data = api_get("/site/navigation/").json()
    assert data["locale"] == "sv" and data["home"]["id"] == home.pk
    assert [item["id"] for item in data["items"]] == [catalogue.pk, case_index.pk]
    assert [child["id"] for child in data["items"][0]["children"]] == [series.pk]
    assert set(data["items"][0]) == {"id", "type", "title", "url", "children"}


def test_breadcrumbs_from_home_to_page(api_get, home, catalogue, series, episode):
    items = api_get(f"/site/breadcrumbs/{episode.pk}/").json()["items"]
    assert [item["id"] for item in items] == [home.pk, catalogue.pk, series.pk, episode.pk]
    assert items[-1]["url"] == "/webbinarier/politiskt-ledarskap/inledning/"


def test_wagtail_detail_has_page_type_fields(api_get, episode):
    data = api_get(f"/pages/{episode.pk}/").json()
    assert data["meta"]["type"] == "webinars.WebinarEpisodePage"
    for key in ("summary", "thumbnail", "state", "video", "captions_url", "chapters", "speakers"):
        assert key in data
    assert set(data["thumbnail"]["renditions"]) == {"thumbnail", "small", "medium", "large"}


def test_streamfield_body_is_expanded(api_get, home, episode):
    image = factories.wagtail_factories.ImageFactory(description="Två personer vid en tavla")
    article = factories.GuidanceArticlePageFactory(
        parent=home,
        slug="vagledning",
        body=[
            ("heading", {"text": "Bakgrund", "level": "h2"}),
            ("paragraph", f'<p>Se <a linktype="page" id="{episode.pk}">avsnittet</a>.</p>'),
            ("image", {"image": image, "caption": "Workshop"}),
            ("featured", {"page": episode, "heading": ""}),
        ],
    )
    answer = api_get(f"/pages/{article.pk}/")
    assert answer.status_code == 200, answer.content
    body = answer.json()["body"]
    assert [block["type"] for block in body] == ["heading", "paragraph", "image", "featured"]
    assert body[0]["value"] == {"text": "Bakgrund", "level": "h2"}
    assert body[1]["value"] == f'<p>Se <a href="{episode.url}">avsnittet</a>.</p>'
    picture = body[2]["value"]["image"]
    assert picture["alt"] == "Två personer vid en tavla"
    assert {"width", "height", "focal_point", "renditions"} <= set(picture)
    featured = body[3]["value"]
    listed = api_get("/webinars/episodes/").json()["items"]
    assert featured["page"] == next(card for card in listed if card["id"] == episode.pk)
    assert featured["type_name"] == "Webbinarieavsnitt"


def test_every_page_answers_its_head_data_as_site_find_does(api_get, home, series):
    found = api_get("/site/find/", path=series.url).json()
    page = api_get(f"/pages/{series.pk}/").json()
    assert page == found["page"]
    extras = ["feedback_enabled", "comments_enabled", "comments_open", "head", "social_image"]
    for name in [*extras, "feeds", "calendar_url", "last_published_at"]:
        assert page[name] == found[name], name
    assert page["feeds"][0]["url"].startswith("http://testserver/")


@pytest.mark.parametrize(
    ("factory", "parent", "fields"),
    [
        ("HomePageFactory", None, {"hero_intro", "hero_image", "featured_series_pages"}),
        ("WebinarIndexPageFactory", "home", {"intro"}),
        ("CaseIndexPageFactory", "home", {"intro"}),
        ("GuidanceArticlePageFactory", "home", {"intro", "body", "topics", "date_published"}),
        ("PressReleaseIndexPageFactory", "home", {"intro"}),
    ],
)
def test_every_page_type_has_its_fields(api_get, home, factory, parent, fields):
    page = home if parent is None else getattr(factories, factory)(parent=home)
    data = api_get(f"/pages/{page.pk}/").json()
    assert fields <= set(data)


def test_case_and_press_release_fields(api_get, case_index, press_index):
    case = factories.CaseStoryPageFactory(parent=case_index)
    release = factories.PressReleasePageFactory(parent=press_index)
    case_data = api_get(f"/pages/{case.pk}/").json()
    assert case_data["organisation"]["name"] == case.organisation.name
    assert {"summary", "image", "body", "topics", "related_episode_pages"} <= set(case_data)
    release_data = api_get(f"/pages/{release.pk}/").json()
    assert {"published_at", "lead", "body", "contacts", "publisher"} <= set(release_data)


def test_locale_filter_on_pages(api_get, english_home, locales):
    english_home.save_revision().publish()
    ids = {item["id"] for item in api_get("/pages/", locale="en").json()["items"]}
    assert ids == {english_home.pk}
    assert Locale.objects.count() == 2
