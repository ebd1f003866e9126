"""site/find/?path= answers the page itself with its head data: one request per page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_episode(episode):
    episode.search_description = "Så kom projektet i gång."
    episode.social_image = factories.wagtail_factories.ImageFactory(
        file__width=1600, file__height=900
    )
    episode.feedback_enabled = True
    episode.save_revision().publish()
    return episode


def test_find_answers_the_page_as_its_detail_does(api_get, shared_episode):
    found = api_get("/site/find/", path=shared_episode.url)
    assert found.status_code == 200
    detail = api_get(f"/pages/{shared_episode.pk}/").json()
    assert found.json()["page"] == detail


def test_find_answers_head_data_as_the_html_has_it(client, api_get, shared_episode):
    data = api_get("/site/find/", path=shared_episode.url).json()
    html = client.get(shared_episode.url).content.decode()
    head = data["head"]
    assert head["description"] == "Så kom projektet i gång."
    assert f'content="{head["open_graph"]["image"]}"' in html
    assert f'content="{head["description"]}"' in html
    assert head["canonical_url"].endswith(shared_episode.url)
    assert head["json_ld"]["name"] == shared_episode.title
    share = data["social_image"]["share"]
    assert (share["width"], share["height"]) == (1200, 630)
    assert share["url"] == head["open_graph"]["image"]
    assert data["feedback_enabled"] is True
    assert data["comments_enabled"] is False and data["comments_open"] is False
    assert data["last_published_at"] and data["first_published_at"]


def test_find_gives_feed_links_of_series_pages(api_get, series):
    data = api_get("/site/find/", path=series.url).json()
    types = [link["type"] for link in data["feeds"]]
    assert types == ["application/rss+xml", "application/atom+xml", "text/calendar"]
    assert all(link["url"].startswith("http://testserver/") for link in data["feeds"])


def test_comments_open_means_taking_comments_now(api_get, press_index):
    release = factories.PressReleasePageFactory(parent=press_index, comments_enabled=True)
    data = api_get("/site/find/", path=release.url).json()
    assert data["comments_enabled"] is True and data["comments_open"] is True


def test_find_answer_is_cacheable(client, shared_episode):
    response = client.get("/api/v3/site/find/", {"path": shared_episode.url})
    assert "public" in response["Cache-Control"] and response["ETag"]
    again = client.get(
        "/api/v3/site/find/", {"path": shared_episode.url}, HTTP_IF_NONE_MATCH=response["ETag"]
    )
    assert again.status_code == 304


def test_find_refuses_an_unknown_answer_kind(api_get, episode):
    response = api_get("/site/find/", path=episode.url, answer="html")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")


def test_every_english_page_answers_as_inside_site_find(client, seed_content):
    """In the page's language both ways (a featured card shows its English translation), not
    the request's: `pages/{id}/` is asked in Swedish here, the API's default."""
    english = Page.objects.live().filter(locale__language_code="en", depth__gt=1).specific()
    featured = 0
    for page in english:
        detail = client.get(f"/api/v3/pages/{page.pk}/", HTTP_ACCEPT_LANGUAGE="sv").json()
        found = client.get("/api/v3/site/find/", {"path": page.url}, HTTP_ACCEPT_LANGUAGE="sv")
        assert found.json()["page"] == detail, page.url
        featured += sum(block["type"] == "featured" for block in detail.get("body", []))
    assert featured


def test_find_gives_the_page_in_its_other_visible_languages(api_get, home, catalogue, series):
    def queries_of_find():
        api_get("/site/find/", path=catalogue.url)  # caches warm (site root paths)
        with CaptureQueriesContext(connection) as queries:
            data = api_get("/site/find/", path=catalogue.url).json()
        return data, len(queries)

    untranslated, before = queries_of_find()
    assert untranslated["translations"] == []
    english_home = home.copy_for_translation(Locale.objects.get(language_code="en"))
    english_home.save_revision().publish()
    english = catalogue.copy_for_translation(english_home.locale)
    english.title = "Webinars"
    english.save_revision().publish()
    series.copy_for_translation(english_home.locale)  # a draft: not offered
    data, after = queries_of_find()
    assert data["translations"] == [{"locale": "en", "title": "Webinars", "url": english.url}]
    assert data["page"]["translations"] == data["translations"]
    assert after == before  # one query, however many languages
    assert api_get("/site/find/", path=english.url).json()["translations"] == [
        {"locale": "sv", "title": catalogue.title, "url": "/webbinarier/"}
    ]
    assert api_get("/site/find/", path=series.url).json()["translations"] == []
