"""iCalendar (.ics) of upcoming webinars: one episode's ("Lägg till i kalender"), and all of
them, to subscribe to. An event's UID is the episode's translation key: stable, and the same in
both languages, so a calendar holding both keeps one event."""

from datetime import date, timedelta

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from icalendar import Calendar, Event, vDuration
from wagtail.models import Locale

from .models import WebinarEpisodePage, episode_cards

# An upcoming webinar without a stated length is put in the calendar as one hour.
DEFAULT_LENGTH = timedelta(hours=1)
REFRESH = timedelta(hours=6)


def episode_event(episode, request, now):
    url = episode.get_full_url(request)
    starts = timezone.localtime(episode.starts_at)
    description = [episode.summary]
    if episode.registration_url:
        description.append(_("Anmälan: %(url)s") % {"url": episode.registration_url})
    description.append(_("Mer om webbinariet: %(url)s") % {"url": url})

    event = Event()
    event.add("uid", str(episode.translation_key))
    event.add("dtstamp", now)
    event.add("dtstart", starts)
    event.add("dtend", starts + (episode.duration or DEFAULT_LENGTH))
    event.add("summary", episode.title)
    event.add("description", "\n\n".join(description))
    event.add("url", url)
    event.add("location", _("Online: %(url)s") % {"url": url})
    event.add("status", "CONFIRMED")
    event.add("transp", "OPAQUE")
    if episode.series:
        event.add("categories", [episode.series.title])
    if episode.first_published_at:
        event.add("created", episode.first_published_at)
    if episode.last_published_at:
        event.add("last-modified", episode.last_published_at)
    return event


def calendar_response(name, events, filename=None, refresh=None):
    calendar = Calendar()
    calendar.add("prodid", "-//Sveriges Kommuner och Landsting//Webbinarier//SV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", timezone.get_default_timezone_name())
    if refresh:
        # How often subscribers should fetch it again (RFC 7986, and the older Outlook property).
        calendar.add("refresh-interval", refresh, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", vDuration(refresh))
    for event in events:
        calendar.add_component(event)
    if events:
        starts = [event.decoded("dtstart").date() for event in events]
        # VTIMEZONE rules for the years the events fall in (icalendar builds them from tzdata).
        calendar.add_missing_timezones(
            first_date=date(min(starts).year, 1, 1), last_date=date(max(starts).year + 2, 1, 1)
        )
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    if filename:
        # ASCII `filename` plus RFC 6266's `filename*` for a slug with å, ä or ö.
        response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@require_safe
def episode_calendar(request, episode_id):
    """One upcoming webinar, for "Lägg till i kalender"; once it has begun, a 404."""
    now = timezone.now()
    # As a card: its series only when that is visible too.
    # In the URL's language only, as the transcript.
    episodes = WebinarEpisodePage.objects.visible(Locale.get_active()).upcoming(now)
    found = episode_cards(episodes.filter(pk=episode_id))
    if not found:
        raise Http404
    episode = found[0]
    event = episode_event(episode, request, now)
    return calendar_response(episode.title, [event], filename=f"{episode.slug}.ics")


@require_safe
def upcoming_calendar(request):
    """Every upcoming webinar in the current language, soonest first: a calendar to subscribe to."""
    now = timezone.now()
    episodes = episode_cards(
        WebinarEpisodePage.objects.visible(Locale.get_active())
        .upcoming(now)
        .order_by("starts_at", "path")
    )
    events = [episode_event(episode, request, now) for episode in episodes]
    return calendar_response(_("Kommande webbinarier från SKL"), events, refresh=REFRESH)
