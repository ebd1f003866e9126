"""The lists editors arrange on an episode: speakers, chapters, related cases."""

from datetime import timedelta
from typing import NamedTuple

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.models import Orderable, TranslatableMixin

from base.api_types import typed_field

from ..captions import clock


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
    api_fields = [APIField("title"), APIField("start_seconds", serializer=typed_field(int))]

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


class ChapterProblems(NamedTuple):
    length: str | None  # for Längd: the length is needed and not known
    chapters: dict[int, str]  # position in the list given: why that chapter does not fit


def chapter_problems(chapters, *, duration, video_file=None, has_video=True) -> ChapterProblems:
    """Check chapters (title, start) against the video's length: Längd, or else the uploaded
    file's own duration. A video with chapters needs a known length: without one, a chapter
    at 05:00:00 would be published unchecked (issue #25, item 7)."""
    if not any(start is not None for _title, start in chapters) or not has_video:
        return ChapterProblems(None, {})
    if duration is None and video_file is not None and video_file.duration:
        duration = timedelta(seconds=video_file.duration)
    if duration is None:
        return ChapterProblems(
            _("Ange videons längd: den behövs för att kontrollera att kapitlen ligger i videon."),
            {},
        )
    return ChapterProblems(
        None,
        {
            position: _(
                "Kapitlet “%(title)s” börjar %(start)s, men videon är bara %(duration)s lång."
            )
            % {"title": title, "start": clock(start), "duration": clock(duration)}
            for position, (title, start) in enumerate(chapters)
            if start is not None and start >= duration
        },
    )
