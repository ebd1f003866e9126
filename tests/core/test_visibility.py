"""The one visibility rule (core/visibility.py) on every public path, HTML and API: a draft, an
expired page, a private page and a page under a private parent never appear, in any listing,
card, previous/next link, feed, calendar, sitemap, search or detail; feedback and comments
refuse them."""

import json
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from tests import factories
from tests.api.conftest import restrict

REASONS = ["draft", "password", "login", "groups", "expired", "below_restricted"]


@pytest.fixture
def site(home, catalogue, series, press_index, case_index):
    """A visible episode, press release and case beside one hidden page of each kind for each
    reason. Every hidden page is upcoming, so the calendar would list it too."""
    visible = factories.WebinarEpisodePageFactory(parent=series, title="Synligt avsnitt")
    factories.PressReleasePageFactory(parent=press_index, title="Synligt pressmeddelande")
    factories.CaseStoryPageFactory(parent=case_index, title="Synligt exempel")
    hidden_series = factories.WebinarSeriesPageFactory(parent=catalogue, title="Låst serie")
    restrict(hidden_series, "login")
    hidden = {}
    for reason in REASONS:
        parent = hidden_series if reason == "below_restricted" else series
        extra = {"live": False} if reason == "draft" else {}
        if reason == "expired":
            extra["expire_at"] = timezone.now() - timedelta(minutes=1)
        pages = [
            factories.WebinarEpisodePageFactory(
                parent=parent, title=f"Dolt avsnitt {reason}", upcoming=True, **extra
            ),
            factories.PressReleasePageFactory(
                parent=press_index, title=f"Dolt pressmeddelande {reason}", **extra
            ),
            factories.CaseStoryPageFactory(
                parent=case_index, title=f"Dolt exempel {reason}", **extra
            ),
        ]
        if reason in ("password", "login", "groups"):
            for page in pages:
                restrict(page, reason)
        if reason == "below_restricted":
            pages[1:] = []  # only the series is locked; its episode stands for the rest
        hidden[reason] = pages
    # Comments are on for everything, so a refusal can only come from visibility.
    for pages in hidden.values():
        for page in pages:
            type(page).objects.filter(pk=page.pk).update(comments_enabled=True)
    return {"visible": visible, "hidden": hidden}


PUBLIC_PATHS = [
    "/",
    "/webbinarier/",
    "/webbinarier/politiskt-ledarskap/",
    "/press/",
    "/exempel/",
    "/sitemap.xml",
    "/webbinarier/flode.rss",
    "/webbinarier/flode.atom",
    "/webbinarier/kalender.ics",
    "/press/flode.rss",
    "/press/flode.atom",
    "/api/v3/pages/?limit=100",
    "/api/v3/webinars/episodes/?limit=100",
    "/api/v3/webinars/episodes/?state=upcoming&limit=100",
    "/api/v3/webinars/series/",
    "/api/v3/site/navigation/",
]


SEARCHES = ["/sok/?q=Dolt", "/api/v3/pages/?search=Dolt", "/api/v3/search/?q=Dolt"]


def assert_no_hidden_page_on(client, site, paths):
    """Every path in one test: the site is twenty pages, built once."""
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        body = b"".join(response) if response.streaming else response.content
        text = body.decode()
        for pages in site["hidden"].values():
            for page in pages:
                assert page.title not in text, (path, page.title)


def test_no_hidden_page_on_any_public_listing(client, site):
    assert_no_hidden_page_on(client, site, PUBLIC_PATHS)


@pytest.mark.search_index
def test_no_hidden_page_in_any_search(client, site):
    assert_no_hidden_page_on(client, site, SEARCHES)


def test_previous_and_next_skip_hidden_episodes(client, site):
    visible = site["visible"]
    html = client.get(visible.url).content.decode()
    api = client.get(f"/api/v3/webinars/episodes/{visible.pk}/").content.decode()
    for pages in site["hidden"].values():
        assert pages[0].title not in html
        assert pages[0].title not in api


def test_hidden_pages_have_no_detail_and_take_no_answers(client, site):
    for reason in REASONS:
        cache.clear()  # each reason's answers and comments start under the rate limits
        assert_no_detail_and_no_answers(client, site, reason)


def assert_no_detail_and_no_answers(client, site, reason):
    for page in site["hidden"][reason]:
        for path in (
            f"/api/v3/pages/{page.pk}/",
            f"/api/v3/site/breadcrumbs/{page.pk}/",
            f"/api/v3/site/find/?path={page.url_path.split('/', 2)[2]}",
        ):
            assert client.get(path).status_code == 404, path
        feedback = client.post(
            "/api/v3/feedback/",
            json.dumps({"page": page.pk, "helpful": True}),
            content_type="application/json",
        )
        assert feedback.status_code == 404
        comment = client.post(
            "/api/v3/comments/",
            json.dumps({"page": page.pk, "body": "En kommentar."}),
            content_type="application/json",
        )
        assert comment.status_code == 404, comment.content
    episode = site["hidden"][reason][0]
    assert client.get(f"/api/v3/webinars/episodes/{episode.pk}/").status_code == 404
    if reason in ("draft", "expired"):
        assert client.get("/" + episode.url_path.split("/", 2)[2]).status_code == 404


def test_one_page_is_visible_by_the_same_rule_in_one_query(
    series, catalogue, django_assert_num_queries
):
    from core.visibility import is_visible

    locked = factories.WebinarEpisodePageFactory(parent=series, slug="lankad")
    below = factories.WebinarEpisodePageFactory(parent=series, slug="synlig")
    with django_assert_num_queries(1):
        assert is_visible(below)
    restrict(series, "password")
    below.refresh_from_db()
    assert not is_visible(below)  # under a restricted parent
    # An alias answers to its source's restrictions, as Wagtail serves it.
    restrict(locked, "login")
    alias = locked.create_alias(parent=catalogue, update_slug="alias-avsnitt")
    assert not is_visible(alias)


def test_the_trees_root_is_never_a_public_page(client, home):
    from wagtail.models import Page

    from core.visibility import is_visible, visible_pages

    root = Page.get_first_root_node()
    assert not is_visible(root)
    assert not visible_pages().filter(pk=root.pk).exists()
    assert client.get("/api/v3/comments/", {"page": root.pk}).status_code == 404
    assert client.get(f"/api/v3/pages/{root.pk}/").status_code == 404


def test_an_expired_series_leaves_no_trace_on_its_live_episode(client, catalogue):
    """Expiry is not inherited (as in Wagtail), so the episode stays; but nothing of the
    series shows with it: not its link, its breadcrumb or its calendar category."""
    series = factories.WebinarSeriesPageFactory(
        parent=catalogue, title="Utgången serie", expire_at=timezone.now() - timedelta(minutes=1)
    )
    episode = factories.WebinarEpisodePageFactory(parent=series, upcoming=True)
    for path in (
        episode.url,
        f"/api/v3/site/breadcrumbs/{episode.pk}/",
        f"/webbinarier/kalender/{episode.pk}.ics",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "Utgången serie" not in response.content.decode(), path
