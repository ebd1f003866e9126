"""A webinar episode: a recording (a link or an uploaded file, with captions) or an upcoming
broadcast, under its series."""

import mimetypes
from typing import NamedTuple

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page, PageManager
from wagtail.search import index

from base.api_cards import CardsField
from base.api_serializers import ImageField, PeopleField, TopicsField, full_media_url
from base.api_types import typed_field
from base.listing import card_images, in_locale, with_thumbnails
from base.models import BasePage, Topic
from core.visibility import VisiblePageQuerySet, visible_pages

from ..api_types import AudioDescriptionSchema, EpisodeState, VideoSchema
from ..captions import cue_plain_text, document_cues, stored_file_error
from ..embeds import privacy_embed_url
from ..forms import WebinarEpisodeForm
from ..player import episode_player
from .audio_description import AudioDescriptionMixin, lacking_audio_description
from .orderables import EpisodeRelatedCase, EpisodeSpeaker, chapter_problems
from .rules import publish_problems


class SeriesPlace(NamedTuple):
    """An episode's place among its series' visible episodes, as plain pages (titles, links)."""

    position: int | None  # 1-based; None when the episode itself is not visible (a preview)
    count: int
    previous: Page | None
    next: Page | None
    series: Page | None


class WebinarEpisodeQuerySet(VisiblePageQuerySet):
    def upcoming(self, now=None):
        return self.filter(starts_at__gt=now or timezone.now())

    def recorded(self, now=None):
        with_video = self.exclude(video_file__isnull=True, video_url="")
        return with_video.exclude(starts_at__gt=now or timezone.now())

    def lacking_audio_description(self):
        return self.recorded().filter(lacking_audio_description())

    def cards(self):
        """Everything an episode's card shows (HTML and API), in a fixed number of queries."""
        speakers = EpisodeSpeaker.objects.select_related("person__organisation").prefetch_related(
            Prefetch("person__portrait", queryset=card_images())
        )
        return self.select_related("locale").prefetch_related(
            Prefetch("thumbnail", queryset=card_images()),
            Prefetch("topics", queryset=Topic.objects.order_by("name")),
            Prefetch("speakers", queryset=speakers),
        )


class WebinarEpisodePage(AudioDescriptionMixin, BasePage):
    summary = models.TextField(_("sammanfattning"), help_text=_("En eller två meningar."))
    thumbnail = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("miniatyrbild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    video_url = models.URLField(
        _("länk till video"),
        blank=True,
        help_text=_(
            "En länk till YouTube eller Vimeo. Spelaren visas i integritetsvänligt läge "
            "(youtube-nocookie)."
        ),
    )
    video_file = models.ForeignKey(
        "wagtailmedia.Media",
        verbose_name=_("uppladdad videofil"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    duration = models.DurationField(
        _("längd"), null=True, blank=True, help_text=_("Anges som tt:mm:ss, t.ex. 00:24:30.")
    )
    recorded_on = models.DateField(_("inspelad/sänd"), null=True, blank=True)
    starts_at = models.DateTimeField(
        _("starttid"),
        null=True,
        blank=True,
        help_text=_("För ett kommande webbinarium: när sändningen börjar (svensk tid)."),
    )
    registration_url = models.URLField(_("länk till anmälan"), blank=True)
    captions = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("textning (WebVTT)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "En .vtt-fil med textning. Krävs för att publicera en inspelning (WCAG 1.2.2)."
        ),
    )
    recording_language = models.CharField(
        _("inspelningens språk"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        # Kept, not translated, on a translation: its English page plays the same recording
        # (its captions may be English: a translation may override the captions file).
        help_text=_("Språket som talas i videon."),
    )
    transcript = RichTextField(
        _("transkribering"), blank=True, features=["bold", "italic", "h3", "ul", "link"]
    )
    topics = ParentalManyToManyField(
        "base.Topic", verbose_name=_("ämnen"), blank=True, related_name="episodes"
    )

    objects = PageManager.from_queryset(WebinarEpisodeQuerySet)()
    served_with = (*BasePage.served_with, "thumbnail", "video_file", "captions", "descriptions")
    base_form_class = WebinarEpisodeForm

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("thumbnail"),
        MultiFieldPanel(
            [
                FieldPanel(
                    "video_url",
                    help_text=_(
                        "En länk till YouTube eller Vimeo. Spelaren visas i integritetsvänligt "
                        "läge (youtube-nocookie, Vimeo med dnt). Ladda upp textningen även hos "
                        "YouTube eller Vimeo: deras spelare visar bara textning som finns där. "
                        "Transkriberingen på sidan byggs av textningsfilen nedan."
                    ),
                ),
                FieldPanel("video_file"),
                FieldRowPanel([FieldPanel("duration"), FieldPanel("recorded_on")]),
                FieldPanel("captions"),
                FieldPanel("recording_language"),
            ],
            heading=_("Inspelning"),
        ),
        AudioDescriptionMixin.audio_description_panel,
        MultiFieldPanel(
            [FieldPanel("starts_at"), FieldPanel("registration_url")],
            heading=_("Kommande sändning"),
        ),
        InlinePanel("speakers", label=_("Medverkande")),
        InlinePanel("chapters", label=_("Kapitel")),
        FieldPanel("transcript"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        InlinePanel("related_cases", label=_("Relaterade exempel")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("transcript"),
        index.SearchField("captions_text"),
        index.RelatedFields("chapters", [index.SearchField("title")]),
        index.RelatedFields(
            "speakers", [index.RelatedFields("person", [index.SearchField("name")])]
        ),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.FilterField("starts_at"),
        index.FilterField("recorded_on"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("thumbnail", serializer=ImageField()),
        APIField("state", serializer=typed_field(EpisodeState)),
        APIField("starts_at"),
        APIField("recorded_on"),
        APIField("duration_seconds", serializer=typed_field(int, allow_null=True)),
        APIField("video", serializer=typed_field(VideoSchema, allow_null=True)),
        APIField("captions_url", serializer=typed_field(str, allow_null=True)),
        APIField("audio_description", serializer=typed_field(AudioDescriptionSchema)),
        APIField("recording_language"),
        APIField("registration_url"),
        APIField("chapters"),
        APIField("transcript"),
        APIField("speakers", serializer=PeopleField()),
        APIField("topics", serializer=TopicsField()),
        APIField("related_case_pages", serializer=CardsField()),
    ]

    parent_page_types = ["webinars.WebinarSeriesPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("webbinarieavsnitt")
        verbose_name_plural = _("webbinarieavsnitt")
        # The catalogue's year filter and the upcoming list; on PostgreSQL also an index in
        # the catalogue's order (migration 0004), which SQLite cannot declare.
        indexes = [
            models.Index(fields=["recorded_on"], name="webinars_episode_recorded_on"),
            models.Index(fields=["starts_at"], name="webinars_episode_starts_at"),
        ]

    @property
    def teaser(self):
        return self.summary

    # --- state -------------------------------------------------------------------------

    @property
    def has_video(self):
        return bool(self.video_url or self.video_file_id)

    @property
    def is_upcoming(self):
        return self.starts_at is not None and self.starts_at > timezone.now()

    @property
    def is_recorded(self):
        return self.has_video and not self.is_upcoming

    @property
    def video_embed_url(self):
        return privacy_embed_url(self.video_url) if self.video_url else None

    @property
    def state(self):
        if self.is_upcoming:
            return "upcoming"
        return "recorded" if self.has_video else "unscheduled"

    @property
    def duration_seconds(self):
        return int(self.duration.total_seconds()) if self.duration is not None else None

    @property
    def video(self):
        if self.video_url:
            return {"kind": "embed", "url": self.video_embed_url, "mime_type": None}
        if self.video_file_id:
            return {
                "kind": "file",
                "url": full_media_url(self.video_file.file.url),
                "mime_type": self.video_file_type,
            }
        return None

    def captions_text(self):
        """What is said in the recording (its captions' cues), for the search index."""
        return " ".join(cue_plain_text(cue.text) for cue in document_cues(self.captions))

    @property
    def captions_url(self):
        return full_media_url(self.captions.url) if self.captions_id else None

    @cached_property
    def video_file_type(self):
        if not self.video_file:
            return None
        return mimetypes.guess_type(self.video_file.file.name)[0] or "video/mp4"

    # --- validation --------------------------------------------------------------------

    def clean(self):
        super().clean()
        errors = {}
        if self.video_url and self.video_file_id:
            errors["video_url"] = _("Välj antingen en länk eller en uppladdad fil, inte båda.")
        elif self.video_url and not privacy_embed_url(self.video_url):
            errors["video_url"] = _(
                "Länken känns inte igen som en video på YouTube eller Vimeo. "
                "Ladda upp filen i stället, eller kontrollera länken."
            )
        if not self.has_video and not self.starts_at:
            errors["video_url"] = _(
                "Ett avsnitt behöver en video (länk eller uppladdad fil), "
                "eller en starttid om det är ett kommande webbinarium."
            )
        if self.registration_url and not self.starts_at:
            errors["starts_at"] = _("Ange starttiden för det webbinarium man anmäler sig till.")
        if self.captions_id:
            captions_error = stored_file_error(
                self.captions,
                not_vtt=_("Textningen måste vara en WebVTT-fil (.vtt)."),
                invalid=_("Textningsfilen är inte giltig: %(error)s"),
                unreadable=_("Textningsfilen kunde inte läsas. Ladda upp den igen."),
            )
            if captions_error:
                errors["captions"] = captions_error
        errors.update(self.audio_description_errors())
        chapters = chapter_problems(
            [(chapter.title, chapter.start) for chapter in self.chapters.all()],
            duration=self.duration,
            video_file=self.video_file,
            has_video=self.has_video,
        )
        if chapters.length or chapters.chapters:  # the admin form puts them on each chapter
            errors.setdefault("duration", chapters.length or list(chapters.chapters.values()))
        if errors:
            raise ValidationError(errors)

    def publish_problems_by_field(self):
        """Why this episode may be saved as a draft but not published (WCAG 1.2.2, 1.2.5)."""
        found = {
            "captions": publish_problems(self),
            "descriptions": self.audio_description_problems(),
        }
        return {field: problems for field, problems in found.items() if problems}

    def publish_problems(self):
        return [problem for found in self.publish_problems_by_field().values() for problem in found]

    def save(self, *args, **kwargs):
        # The admin form explains this before publishing; this guards every other path
        # (shell, scheduled publishing, API writes).
        if kwargs.get("clean", True) and self.live:
            problems = self.publish_problems_by_field()
            if problems:
                raise ValidationError(problems)
        result = super().save(*args, **kwargs)
        # Wagtail indexes the page when its own row is saved, before the chapters (child
        # objects) are written: index again so chapter titles are searchable at once.
        if self.pk and self.chapters.exists():
            index.insert_or_update_object(self)
        return result

    # --- display -----------------------------------------------------------------------

    @cached_property
    def place_in_series(self) -> SeriesPlace:
        """Position, count and neighbours among the series' visible episodes, in tree order."""
        # Ids only: a long series is many rows, and only the two neighbours are shown.
        ids = list(visible_pages(self.get_siblings()).order_by("path").values_list("pk", flat=True))
        at = ids.index(self.pk) if self.pk in ids else None
        before = ids[at - 1] if at else None
        after = ids[at + 1] if at is not None and at + 1 < len(ids) else None
        rows = visible_pages(
            Page.objects.filter(Q(pk__in=[before, after]) | Q(path=self.path[: -self.steplen]))
        )
        by_id = {row.pk: row for row in rows}
        series = next((row for row in by_id.values() if row.depth < self.depth), None)
        position = at + 1 if at is not None else None
        return SeriesPlace(position, len(ids), by_id.get(before), by_id.get(after), series)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        speakers = self.speakers.select_related("person__organisation", "person__portrait")
        context.update(
            place=self.place_in_series,
            player=episode_player(self, request),
            speakers=in_locale([speaker.person for speaker in speakers], self.locale_id),
            chapters=sorted(self.chapters.all(), key=lambda chapter: chapter.start),
            topics=in_locale(self.topics.all(), self.locale_id),
            related_cases=list(
                with_thumbnails(self.related_case_pages().select_related("organisation"), "image")
            ),
        )
        return context

    def related_case_pages(self):
        """Case stories in this page's language linked from either side (here, or from the
        case to any translation of this episode). The case model is reached through the
        relation: cases build on webinars, not the other way round."""
        case_model = EpisodeRelatedCase._meta.get_field("case").related_model
        episodes = type(self).objects.filter(translation_key=self.translation_key)
        linked = case_model.objects.filter(
            Q(episode_links__page__in=episodes) | Q(related_episodes__episode__in=episodes)
        )
        return case_model.objects.visible(self.locale).filter(
            translation_key__in=linked.values("translation_key")
        )
