"""Every page renders inside the accessible site frame."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.http_cache import forget_content_version
from tests import factories


def test_home_page_renders_with_frame_and_latest_content(
    client, home, series, case_index, press_index
):
    factories.WebinarEpisodePageFactory(parent=series, title="Politisk vilja centralt")
    factories.CaseStoryPageFactory(parent=case_index, title="Oxelösunds äldreomsorg")
    factories.PressReleasePageFactory(parent=press_index, title="Kommuner får stöd")
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="sv">' in html
    assert '<a class="skip-link" href="#main">Till huvudinnehållet</a>' in html
    assert '<main id="main"' in html
    for title in ("Politisk vilja centralt", "Oxelösunds äldreomsorg", "Kommuner får stöd"):
        assert title in html


def test_menu_lists_sections_and_marks_the_current_one(client, catalogue, episode):
    catalogue.show_in_menus = True
    catalogue.save_revision().publish()
    html = client.get(episode.url).content.decode()
    assert f'<a href="{catalogue.url}" aria-current="true">Webbinarier</a>' in html
    html = client.get(catalogue.url).content.decode()
    assert f'<a href="{catalogue.url}" aria-current="page">Webbinarier</a>' in html


def test_breadcrumbs_lead_from_start_to_the_current_page(client, episode, series, catalogue):
    html = client.get(episode.url).content.decode()
    assert 'aria-label="Du är här"' in html
    crumbs = html[html.index('aria-label="Du är här"') :]
    assert crumbs.index(catalogue.title) < crumbs.index(series.title) < crumbs.index(episode.title)


def test_unknown_address_gets_the_swedish_404_page(client, home):
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()


def test_drafts_are_not_served_to_the_public(client, series):
    draft = factories.WebinarEpisodePageFactory(parent=series, live=False, slug="utkast")
    assert client.get(draft.url or "/webbinarier/politiskt-ledarskap/utkast/").status_code == 404


@pytest.mark.parametrize("query", ["", "tjänstedesign", "<script>alert(1)</script>", "x" * 5000])
def test_search_page_handles_any_query(client, home, query):
    response = client.get("/sok/", {"q": query, "sida": "abc"})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_an_expired_page_is_gone_at_once_without_waiting_for_publish_scheduled(client, series):
    from datetime import timedelta

    from django.utils import timezone

    episode = factories.WebinarEpisodePageFactory(parent=series, slug="utgangen")
    assert client.get(episode.url).status_code == 200
    type(episode).objects.filter(pk=episode.pk).update(
        expire_at=timezone.now() - timedelta(minutes=1)
    )
    assert client.get(episode.url).status_code == 404


def test_the_frame_is_read_in_one_query_and_kept_until_content_changes(
    client,
    catalogue,
    episode,
    shared_cache,
    django_assert_num_queries,
    django_capture_on_commit_callbacks,
):
    """With a cache every process shares, the header, hreflang links and breadcrumbs are
    fragments under the content version: a second view reads no frame, and a publish shows
    at once (never a stale menu, never a draft)."""
    catalogue.show_in_menus = True
    with django_capture_on_commit_callbacks(execute=True):
        catalogue.save_revision().publish()
    first = client.get(episode.url).content.decode()
    assert f'<a href="{catalogue.url}" aria-current="true">Webbinarier</a>' in first
    with CaptureQueriesContext(connection) as kept:
        assert client.get(episode.url).content.decode() == first
    with CaptureQueriesContext(connection) as fresh:
        forget_content_version()
        client.get(episode.url)
    assert len(fresh) == len(kept) + 2  # the frame, and the next scheduled change

    draft = factories.GuidanceArticlePageFactory(parent=catalogue.get_parent(), title="Utkastet")
    type(draft).objects.filter(pk=draft.pk).update(show_in_menus=True, live=False)
    forget_content_version()
    assert "Utkastet" not in client.get(episode.url).content.decode()
    draft.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()
    assert f'<a href="{draft.url}">Utkastet</a>' in client.get(episode.url).content.decode()
