"""iCalendar for upcoming webinars, parsed with the real icalendar package."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import PageViewRestriction

from tests import factories
from tests.home.test_i18n import translate

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


@pytest.fixture
def upcoming(series):
    return factories.WebinarEpisodePageFactory(
        parent=series,
        title="Tjänstedesign i praktiken",
        summary="Hur kommuner arbetar med tjänstedesign.",
        upcoming=True,
        starts_at=timezone.now().replace(microsecond=0) + timedelta(days=7),
        duration=timedelta(minutes=45),
    )


def test_an_upcoming_episode_is_one_event_in_stockholm_time(client, series, upcoming):
    response = client.get(f"/webbinarier/kalender/{upcoming.pk}.ics")
    calendar = parse(response)

    assert response["Content-Disposition"] == f'attachment; filename="{upcoming.slug}.ics"'
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    assert calendar["METHOD"] == "PUBLISH"
    (timezone_component,) = calendar.timezones
    assert timezone_component.tz_name == "Europe/Stockholm"
    (event,) = calendar.events
    assert event["UID"] == str(upcoming.translation_key)
    assert event.start == upcoming.starts_at
    assert event.start.tzinfo.key == "Europe/Stockholm"
    assert (
        event.decoded("dtstart").utcoffset() == upcoming.starts_at.astimezone(STOCKHOLM).utcoffset()
    )
    assert event.end - event.start == timedelta(minutes=45)
    assert event["SUMMARY"] == "Tjänstedesign i praktiken"
    url = f"http://testserver{upcoming.url}"
    assert event["URL"] == url
    assert event["LOCATION"] == f"Online: {url}"
    description = event["DESCRIPTION"]
    assert description.startswith("Hur kommuner arbetar med tjänstedesign.")
    assert "Anmälan: https://example.org/anmalan" in description
    assert url in description
    assert event.categories == [series.title]
    assert event["DTSTAMP"]


def test_the_uid_stays_the_same_when_the_episode_is_edited(client, upcoming):
    first = parse(client.get(f"/webbinarier/kalender/{upcoming.pk}.ics")).events[0]["UID"]
    upcoming.title = "Nytt namn"
    upcoming.starts_at += timedelta(hours=2)
    upcoming.save_revision().publish()
    event = parse(client.get(f"/webbinarier/kalender/{upcoming.pk}.ics")).events[0]
    assert event["UID"] == first
    assert event["SUMMARY"] == "Nytt namn"


def test_an_episode_without_a_length_lasts_an_hour_in_the_calendar(client, series):
    episode = factories.WebinarEpisodePageFactory(parent=series, upcoming=True, duration=None)
    event = parse(client.get(f"/webbinarier/kalender/{episode.pk}.ics")).events[0]
    assert event.end - event.start == timedelta(hours=1)


def test_recordings_drafts_private_and_expired_episodes_have_no_calendar_file(client, series):
    recorded = factories.WebinarEpisodePageFactory(parent=series)
    draft = factories.WebinarEpisodePageFactory(parent=series, upcoming=True, live=False)
    private = factories.WebinarEpisodePageFactory(parent=series, upcoming=True)
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    expired = factories.WebinarEpisodePageFactory(
        parent=series, upcoming=True, expire_at=timezone.now() - timedelta(minutes=1)
    )
    for episode in (recorded, draft, private, expired):
        response = client.get(f"/webbinarier/kalender/{episode.pk}.ics")
        assert response.status_code == 404, episode.title
    assert client.get("/webbinarier/kalender/999999.ics").status_code == 404
    assert client.post(f"/webbinarier/kalender/{recorded.pk}.ics").status_code == 405


def test_the_calendar_of_upcoming_webinars_lists_them_soonest_first(client, series, upcoming):
    sooner = factories.WebinarEpisodePageFactory(
        parent=series,
        title="Snart",
        upcoming=True,
        starts_at=timezone.now() + timedelta(days=1),
    )
    factories.WebinarEpisodePageFactory(parent=series, title="Inspelad")
    factories.WebinarEpisodePageFactory(parent=series, title="Utkast", upcoming=True, live=False)

    response = client.get("/webbinarier/kalender.ics")
    calendar = parse(response)
    assert "Content-Disposition" not in response  # subscribed to, not downloaded
    assert calendar["X-WR-CALNAME"] == "Kommande webbinarier från SKL"
    assert calendar.decoded("REFRESH-INTERVAL") == timedelta(hours=6)
    assert b"X-PUBLISHED-TTL:PT6H" in response.content
    assert [event["SUMMARY"] for event in calendar.events] == ["Snart", upcoming.title]
    assert [event["UID"] for event in calendar.events] == [
        str(sooner.translation_key),
        str(upcoming.translation_key),
    ]
    assert len(calendar.timezones) == 1


def test_the_english_calendar_lists_english_episodes_with_english_texts(
    client, locales, series, upcoming
):
    translate(series.get_parent().get_parent(), locales["en"])
    translate(series.get_parent(), locales["en"])
    translate(series, locales["en"])
    english = translate(upcoming, locales["en"])

    calendar = parse(client.get("/en/webinars/calendar.ics"))
    assert calendar["X-WR-CALNAME"] == "Upcoming webinars from SKL"
    (event,) = calendar.events
    assert event["URL"] == f"http://testserver{english.url}"
    assert event["UID"] == str(upcoming.translation_key)  # the same webinar in both languages
    assert "Registration: https://example.org/anmalan" in event["DESCRIPTION"]
    single = parse(client.get(f"/en/webinars/calendar/{english.pk}.ics"))
    assert single.events[0]["LOCATION"] == f"Online: http://testserver{english.url}"


def test_an_empty_calendar_is_still_a_valid_calendar(client, catalogue):
    calendar = parse(client.get("/webbinarier/kalender.ics"))
    assert calendar.events == []


def test_calendar_queries_do_not_grow_with_webinars(client, series):
    def count():
        with CaptureQueriesContext(connection) as context:
            assert client.get("/webbinarier/kalender.ics").status_code == 200
        return len(context.captured_queries)

    factories.WebinarEpisodePageFactory(parent=series, upcoming=True)
    count()  # the first request fills Wagtail's cache of the sites' root paths
    few = count()
    for _ in range(5):
        factories.WebinarEpisodePageFactory(parent=series, upcoming=True)
    assert count() == few


def test_an_upcoming_episode_page_links_its_calendar_file_and_a_recording_does_not(
    client, series, upcoming
):
    html = client.get(upcoming.url).content.decode()
    assert (
        f'<a href="/webbinarier/kalender/{upcoming.pk}.ics" type="text/calendar" download>'
        "Lägg till i kalender"
    ) in html
    recorded = factories.WebinarEpisodePageFactory(parent=series)
    assert "Lägg till i kalender" not in client.get(recorded.url).content.decode()


def test_the_api_gives_an_upcoming_episode_its_calendar_url_in_its_language(
    client, locales, series, upcoming
):
    data = client.get(f"/api/v3/webinars/episodes/{upcoming.pk}/").json()
    assert data["calendar_url"] == f"http://testserver/webbinarier/kalender/{upcoming.pk}.ics"
    assert client.get(data["calendar_url"]).status_code == 200

    translate(series.get_parent().get_parent(), locales["en"])
    translate(series.get_parent(), locales["en"])
    translate(series, locales["en"])
    english = translate(upcoming, locales["en"])
    data = client.get(f"/api/v3/webinars/episodes/{english.pk}/").json()
    assert data["calendar_url"] == f"http://testserver/en/webinars/calendar/{english.pk}.ics"

    recorded = factories.WebinarEpisodePageFactory(parent=series)
    assert client.get(f"/api/v3/webinars/episodes/{recorded.pk}/").json()["calendar_url"] is None


def test_a_calendar_file_name_with_swedish_letters_is_sent_as_rfc_6266(client, upcoming):
    upcoming.slug = "möte-på-åländska"
    upcoming.save_revision().publish()
    response = client.get(f"/webbinarier/kalender/{upcoming.pk}.ics")

    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''m%C3%B6te-p%C3%A5-%C3%A5l%C3%A4ndska.ics"
    )
