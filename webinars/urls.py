"""The catalogue's feeds, calendars and transcripts, at translated paths (cms/urls.py includes
them in i18n_patterns, before Wagtail's page serving)."""

from django.urls import path, register_converter
from django.utils.translation import gettext_lazy as _

from core.converters import IdConverter

from . import calendar, feeds, transcript

app_name = "webinars"
register_converter(IdConverter, "id")

urlpatterns = [
    path(_("webbinarier/flode.rss"), feeds.EpisodeFeed(), name="feed_rss"),
    path(_("webbinarier/flode.atom"), feeds.EpisodeAtomFeed(), name="feed_atom"),
    path(_("webbinarier/kalender.ics"), calendar.upcoming_calendar, name="calendar"),
    path(
        _("webbinarier/kalender/<id:episode_id>.ics"),
        calendar.episode_calendar,
        name="episode_calendar",
    ),
    path(
        _("webbinarier/transkribering/<id:episode_id>.txt"),
        transcript.transcript_text,
        name="transcript",
    ),
]
