"""Issue 26: the home page leads with the upcoming webinars (visible, in its language, soonest
first), then the featured series and the latest cases, each with a "Visa alla" link to its
list page; its queries do not grow with the number of upcoming episodes."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from home.models import HomePageFeaturedSeries
from tests import factories

pytestmark = pytest.mark.django_db


def upcoming(series, title, days):
    return factories.WebinarEpisodePageFactory(
        parent=series, upcoming=True, title=title, starts_at=timezone.now() + timedelta(days=days)
    )


def test_upcoming_webinars_come_first_soonest_first_then_series_and_cases(
    client, home, catalogue, series, episode, case_index
):
    later = upcoming(series, "Senare webbinariet", 20)
    upcoming(series, "Snart webbinariet", 2)
    draft = upcoming(series, "Utkastet", 1)
    type(draft).objects.filter(pk=draft.pk).update(live=False)
    case = factories.CaseStoryPageFactory(parent=case_index, title="Exemplet")
    HomePageFeaturedSeries.objects.create(home_page=home, page=series)

    html = client.get(home.url).content.decode()

    order = ["Kommande webbinarier", "Snart webbinariet", "Senare webbinariet"]
    order += ["Utvalda webbinarieserier", f"{series.title}</a>", "Exempel från kommuner"]
    order += [f"{case.title}</a>"]
    positions = [html.index(text) for text in order]
    assert positions == sorted(positions)
    assert "Utkastet" not in html
    assert (
        html.index(later.title) < html.index("Senaste webbinarierna") < html.index(">Inledning</a>")
    )
    assert f'<a href="{catalogue.url}">Visa alla webbinarier</a>' in html
    assert f'<a href="{catalogue.url}#serier">Visa alla serier</a>' in html
    assert f'<a href="{case_index.url}">Visa alla exempel</a>' in html


def test_no_upcoming_section_without_upcoming_webinars(client, home, episode):
    html = client.get(home.url).content.decode()
    assert "Kommande webbinarier" not in html
    assert "Inledning" in html


def test_the_query_count_does_not_grow_with_the_upcoming_episodes(client, home, series, case_index):
    upcoming(series, "Första", 3)
    client.get(home.url)  # warm the frame's cache, as the second view is measured too
    with CaptureQueriesContext(connection) as one:
        assert client.get(home.url).content.decode().count('class="badge"') == 1
    for day in range(4, 8):
        upcoming(series, f"Webbinarium {day}", day)
    client.get(home.url)
    with CaptureQueriesContext(connection) as five:
        # Only the next three are shown, however many are coming.
        assert client.get(home.url).content.decode().count('class="badge"') == 3
    assert len(five) == len(one)


def test_the_english_home_page_shows_only_english_upcoming_webinars(client, locales, home, series):
    from tests.home.test_i18n import translate

    swedish = upcoming(series, "Svenska webbinariet", 2)
    english_home = translate(home, locales["en"])
    translate(home.get_children().first().specific, locales["en"])  # the catalogue
    english_series = translate(series, locales["en"])
    english = translate(swedish, locales["en"])
    type(english).objects.filter(pk=english.pk).update(title="The English webinar")

    html = client.get(english_home.url).content.decode()

    assert "Upcoming webinars" in html and "The English webinar" in html
    assert "Svenska webbinariet" not in html
    assert english_series.url.startswith("/en/")
    assert 'href="/en/' in html.split("See all webinars")[0].rsplit("<a ", 1)[1]
