"""The lists editors arrange on an episode: speakers, chapters, related cases."""

from datetime import timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.models import Orderable, TranslatableMixin


def clock(value: timedelta) -> str:
    total = int(value.total_seconds())
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours:d}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes:d}:{seconds:02d}"


class EpisodeSpeaker(Orderable):
    page = ParentalKey(
        "webinars.WebinarEpisodePage", related_name="speakers", on_delete=models.CASCADE
    )
    person = models.ForeignKey(
        "base.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="episode_appearances",
    )

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        verbose_name = _("medverkande")
        verbose_name_plural = _("medverkande")


class EpisodeChapter(TranslatableMixin, Orderable):
    """Translatable so an English episode gets English chapter titles (wagtail-localize)."""

    page = ParentalKey(
        "webinars.WebinarEpisodePage", related_name="chapters", on_delete=models.CASCADE
    )
    start = models.DurationField(_("start"), help_text=_("Anges som tt:mm:ss, t.ex. 00:04:30."))
    title = models.CharField(_("rubrik"), max_length=255)

    panels = [FieldRowPanel([FieldPanel("start"), FieldPanel("title")])]
    api_fields = [APIField("title"), APIField("start_seconds")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("kapitel")
        verbose_name_plural = _("kapitel")

    @property
    def start_seconds(self):
        return int(self.start.total_seconds())

    @property
    def start_clock(self):
        return clock(self.start)


class EpisodeRelatedCase(Orderable):
    page = ParentalKey(
        "webinars.WebinarEpisodePage", related_name="related_cases", on_delete=models.CASCADE
    )
    case = models.ForeignKey(
        "cases.CaseStoryPage",
        verbose_name=_("exempel"),
        on_delete=models.CASCADE,
        related_name="episode_links",
    )

    panels = [PageChooserPanel("case")]

    class Meta(Orderable.Meta):
        verbose_name = _("relaterat exempel")
        verbose_name_plural = _("relaterade exempel")


def chapters_beyond_duration(duration, chapters):
    """Messages for chapters (title, start) that start at or after the end of the video."""
    if duration is None:
        return []
    return [
        _("Kapitlet “%(title)s” börjar %(start)s, men videon är bara %(duration)s lång.")
        % {"title": title, "start": clock(start), "duration": clock(duration)}
        for title, start in chapters
        if start is not None and start >= duration
    ]
