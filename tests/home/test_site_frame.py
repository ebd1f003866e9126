"""Every page renders inside the accessible site frame."""

import pytest

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
