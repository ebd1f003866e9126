"""The change feed /api/v3/changes/: what was (re)published since a moment."""

from datetime import UTC, timedelta

import pytest
from django.utils import timezone
from wagtail.models import Page

from tests import factories

from .conftest import restrict

pytestmark = pytest.mark.django_db


def published(page, days_ago):
    """Pretend `page` was last published `days_ago` days ago."""
    moment = timezone.now() - timedelta(days=days_ago)
    Page.objects.filter(pk=page.pk).update(last_published_at=moment)
    return moment


@pytest.fixture
def dated_episodes(series):
    episodes = [
        factories.WebinarEpisodePageFactory(parent=series, slug=f"avsnitt-{days}")
        for days in (1, 3, 5)
    ]
    for page, days in zip(episodes, (1, 3, 5), strict=True):
        published(page, days)
    for page in (series, series.get_parent(), series.get_parent().get_parent()):
        published(page, 30)
    return episodes


def test_changes_list_pages_newest_publication_first(api_get, dated_episodes):
    data = api_get("/changes/").json()
    ids = [item["id"] for item in data["items"]]
    assert ids[:3] == [page.pk for page in dated_episodes]
    assert data["count"] == len(ids)
    stamps = [item["last_published_at"] for item in data["items"] if item["last_published_at"]]
    assert stamps == sorted(stamps, reverse=True) and len(stamps) >= 6
    first = data["items"][0]
    assert first["type"] == "webinars.WebinarEpisodePage"
    assert first["detail_url"].endswith(f"/api/v3/pages/{first['id']}/")
    assert first["url"] == dated_episodes[0].url and first["locale"] == "sv"


def test_changes_oldest_first_on_request(api_get, dated_episodes):
    data = api_get("/changes/", order="last_published_at").json()
    stamps = [item["last_published_at"] for item in data["items"] if item["last_published_at"]]
    assert stamps == sorted(stamps) and len(stamps) >= 6
    assert data["items"][0]["id"] != dated_episodes[0].pk


def test_updated_since_keeps_only_later_publications(api_get, dated_episodes):
    since = (timezone.now() - timedelta(days=4)).isoformat()
    data = api_get("/changes/", updated_since=since).json()
    assert [item["id"] for item in data["items"]] == [page.pk for page in dated_episodes[:2]]
    zulu = (timezone.now() - timedelta(days=2)).astimezone(UTC)
    data = api_get("/changes/", updated_since=zulu.strftime("%Y-%m-%dT%H:%M:%SZ")).json()
    assert [item["id"] for item in data["items"]] == [dated_episodes[0].pk]


def test_changes_filter_by_type_and_locale(api_get, dated_episodes, series):
    data = api_get("/changes/", type="webinars.WebinarSeriesPage", locale="sv").json()
    assert [item["id"] for item in data["items"]] == [series.pk]
    assert api_get("/changes/", locale="en").json() == {"count": 0, "items": []}


@pytest.mark.parametrize(
    "since", ["0001-01-01", "0001-01-01T00:00:00", "0001-01-01T00:00:00+14:00"]
)
def test_updated_since_the_first_day_of_the_calendar_lists_every_page(
    api_get, dated_episodes, since
):
    """Before the first moment UTC can hold (core.api_params.as_utc): before every page."""
    response = api_get("/changes/", updated_since=since)
    assert response.status_code == 200, response.content
    assert response.json()["count"] == api_get("/changes/").json()["count"]


def test_updated_since_the_last_day_of_the_calendar_lists_nothing(api_get, dated_episodes):
    response = api_get("/changes/", updated_since="9999-12-31T23:59:59-14:00")
    assert response.json() == {"count": 0, "items": []}


@pytest.mark.parametrize(
    "params",
    [
        {"updated_since": "igår"},
        {"updated_since": "2026-13-01T00:00:00Z"},
        {"order": "title"},
        {"type": "webinars.Okand"},
        {"locale": "xx"},
        {"limit": "0"},
        {"sedan": "2026-01-01"},
    ],
)
def test_bad_change_feed_queries_are_problem_400s(api_get, dated_episodes, params):
    response = api_get("/changes/", **params)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")


def test_changes_never_list_hidden_pages(api_get, series, hidden_episodes):
    ids = {item["id"] for item in api_get("/changes/", limit=100).json()["items"]}
    assert ids.isdisjoint(page.pk for page in hidden_episodes.values())
    assert series.pk in ids


def test_changes_queries_do_not_grow_with_the_page_count(
    api_get, series, django_assert_max_num_queries
):
    factories.WebinarEpisodePageFactory(parent=series, slug="ett")
    with django_assert_max_num_queries(100) as few:
        api_get("/changes/")
    for number in range(12):
        factories.WebinarEpisodePageFactory(parent=series, slug=f"fler-{number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert api_get("/changes/").json()["count"] >= 13


def test_restricted_page_leaves_the_feed(api_get, dated_episodes):
    restrict(dated_episodes[0], "password")
    ids = [item["id"] for item in api_get("/changes/").json()["items"]]
    assert dated_episodes[0].pk not in ids
