"""The webinar catalogue: index (the catalogue) → series → episodes."""

import mimetypes
from dataclasses import dataclass
from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager, TranslatableMixin
from wagtail.search import index

from core.visibility import VisiblePageQuerySet
from home.api_serializers import ImageField, PageRefsField, PeopleField, TopicsField
from home.listing import in_locale, paginate, plain_text, with_thumbnails
from home.models import BasePage
from home.per_request import private_q, remembered

from .captions import WebVTTError, parse_webvtt, read_caption_file
from .embeds import privacy_embed_url
from .forms import WebinarEpisodeForm

CATALOGUE_PAGE_SIZE = 12
# Newest first: upcoming broadcasts by start time, then recordings by date (an index in
# migration 0004 serves this order on PostgreSQL); the tree path keeps ties stable.
CATALOGUE_ORDER = (
    models.F("starts_at").desc(nulls_last=True),
    models.F("recorded_on").desc(nulls_last=True),
    "path",
)
# Up to this many series are shown as cards with images; more as a compact list of links.
SERIES_CARDS_MAX = 12


class WebinarIndexPage(BasePage):
    """The catalogue: every episode, filterable by series, topic, speaker, organisation and year."""

    intro = RichTextField(_("ingress"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["webinars.WebinarSeriesPage"]

    class Meta:
        verbose_name = _("webbinariekatalog")
        verbose_name_plural = _("webbinariekataloger")

    def get_context(self, request, *args, **kwargs):
        from .catalogue import CatalogueFilterForm

        context = super().get_context(request, *args, **kwargs)
        # The view restrictions, read once per request (each `.public()` reads them).
        private = private_q()
        series_list = self.series_links(request, private)
        series_cards = series_links_html = None
        if len(series_list) > SERIES_CARDS_MAX:
            from .templatetags.catalogue_tags import series_links

            series_links_html = remembered(
                ("series_links_html", self.pk, self.get_url(request)),
                lambda: series_links(series_list),
            )
        else:
            series_cards = list(
                with_thumbnails(
                    WebinarSeriesPage.objects.filter(pk__in=[item.pk for item in series_list]),
                    "image",
                ).order_by("path")
            )
        episodes = WebinarEpisodePage.objects.live().descendant_of(self).exclude(private)
        filter_form = CatalogueFilterForm(
            request.GET or None, catalogue=self, series=series_list, episodes=episodes
        )
        if filter_form.filtering:
            episodes = filter_form.filter(episodes)
            count = None
        else:  # the filter form has counted them already
            count = filter_form.episode_count
        # Page through the ids (an index scan, or a narrow sort), then read whole rows for the
        # one page shown: sorting every wide row was the cost of a deep page.
        page_of_episodes = paginate(
            request,
            Counted(episodes.order_by(*CATALOGUE_ORDER).values_list("pk", flat=True), count),
            CATALOGUE_PAGE_SIZE,
        )
        cards = WebinarEpisodePage.objects.filter(pk__in=page_of_episodes.object_list)
        filters = request.GET.copy()
        filters.pop("sida", None)
        context.update(
            filter_querystring=f"{filters.urlencode()}&" if filters else "",
            filter_form=filter_form,
            episodes=episode_cards(cards.order_by(*CATALOGUE_ORDER), series=series_list),
            page_of_episodes=page_of_episodes,
            series_list=series_list,
            series_cards=series_cards,
            series_links_html=series_links_html,
        )
        return context

    def series_links(self, request, private):
        """The published series, lightly: id, slug, title, tree position and URL (one query, no
        model instances; a catalogue may have a hundred), remembered per process for the
        content generation (home/per_request.py)."""
        own_url = self.get_url(request)
        return remembered(
            ("series_links", self.pk, own_url), lambda: self.read_series_links(own_url, private)
        )

    def read_series_links(self, own_url, private):
        return [
            SeriesLink(
                pk=pk,
                slug=slug,
                title=title,
                path=path,
                depth=self.depth + 1,
                # A child's URL is its parent's plus the rest of its url_path (slug + "/").
                url=own_url + url_path[len(self.url_path) :] if own_url else None,
            )
            for pk, slug, title, path, url_path in WebinarSeriesPage.objects.live()
            .child_of(self)
            # Found through the page type's index, not by reading every page of the catalogue.
            .type(WebinarSeriesPage)
            .exclude(private)
            .order_by("path")
            .values_list("pk", "slug", "title", "path", "url_path")
        ]


@dataclass(frozen=True, slots=True)
class SeriesLink:
    pk: int
    slug: str
    title: str
    path: str
    depth: int
    url: str | None


class Counted:
    """A queryset whose length is known already: the paginator asks `count()` of this."""

    def __init__(self, queryset, count=None):
        self.queryset, self.known_count = queryset, count
        self.ordered = queryset.ordered

    def count(self):
        return self.queryset.count() if self.known_count is None else self.known_count

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        return self.queryset[key]


class WebinarSeriesPage(BasePage):
    intro = RichTextField(_("ingress"), blank=True, features=["bold", "italic", "link"])
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("bild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    topics = ParentalManyToManyField(
        "home.Topic", verbose_name=_("ämnen"), blank=True, related_name="series"
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.RelatedFields("topics", [index.SearchField("name")]),
    ]
    api_fields = [
        APIField("intro"),
        APIField("image", serializer=ImageField()),
        APIField("topics", serializer=TopicsField()),
        APIField("episode_pages", serializer=PageRefsField()),
    ]

    parent_page_types = ["webinars.WebinarIndexPage"]
    subpage_types = ["webinars.WebinarEpisodePage"]

    class Meta:
        verbose_name = _("webbinarieserie")
        verbose_name_plural = _("webbinarieserier")

    @property
    def teaser(self):
        return plain_text(self.intro)

    def episodes(self):
        """The series' published episodes, in the order editors set in the page tree."""
        return (
            WebinarEpisodePage.objects.live()
            .exclude(private_q())  # `.public()`, with the restrictions read once per request
            .child_of(self)
            .order_by("path")
        )

    @property
    def episode_pages(self):
        return self.episodes()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["episodes"] = episode_cards(self.episodes())
        context["topics"] = in_locale(self.topics.all(), self.locale_id)
        context["catalogue_url"] = self.get_parent().get_url(request)
        return context


class WebinarEpisodeQuerySet(VisiblePageQuerySet):
    def with_video(self):
        return self.filter(Q(video_file__isnull=False) | ~Q(video_url=""))

    def upcoming(self, now=None):
        return self.filter(starts_at__gt=now or timezone.now())

    def recorded(self, now=None):
        return self.with_video().exclude(starts_at__gt=now or timezone.now())


WebinarEpisodeManager = PageManager.from_queryset(WebinarEpisodeQuerySet)


class WebinarEpisodePage(BasePage):
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
    transcript = RichTextField(
        _("transkribering"), blank=True, features=["bold", "italic", "h3", "ul", "link"]
    )
    topics = ParentalManyToManyField(
        "home.Topic", verbose_name=_("ämnen"), blank=True, related_name="episodes"
    )

    objects = WebinarEpisodeManager()
    base_form_class = WebinarEpisodeForm

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("thumbnail"),
        MultiFieldPanel(
            [
                FieldPanel("video_url"),
                FieldPanel("video_file"),
                FieldRowPanel([FieldPanel("duration"), FieldPanel("recorded_on")]),
                FieldPanel("captions"),
            ],
            heading=_("Inspelning"),
        ),
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
        APIField("state"),
        APIField("starts_at"),
        APIField("recorded_on"),
        APIField("duration_seconds"),
        APIField("video"),
        APIField("captions_url"),
        APIField("registration_url"),
        APIField("chapters"),
        APIField("transcript"),
        APIField("speakers", serializer=PeopleField()),
        APIField("topics", serializer=TopicsField()),
        APIField("related_case_pages", serializer=PageRefsField()),
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
        """One of upcoming, recorded or unscheduled (neither a video nor a future start)."""
        if self.is_upcoming:
            return "upcoming"
        return "recorded" if self.has_video else "unscheduled"

    @property
    def duration_seconds(self):
        return int(self.duration.total_seconds()) if self.duration is not None else None

    @property
    def video(self):
        """The player source: an embed URL (privacy-enhanced) or an uploaded file with its type."""
        if self.video_url:
            return {"kind": "embed", "url": self.video_embed_url, "mime_type": None}
        if self.video_file_id:
            return {
                "kind": "file",
                "url": full_media_url(self.video_file.file.url),
                "mime_type": self.video_file_type,
            }
        return None

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
            captions_error = self.captions_error()
            if captions_error:
                errors["captions"] = captions_error
        chapter_errors = chapters_beyond_duration(
            self.duration, [(chapter.title, chapter.start) for chapter in self.chapters.all()]
        )
        if chapter_errors:
            errors.setdefault("duration", chapter_errors)
        if errors:
            raise ValidationError(errors)

    def captions_error(self):
        document = self.captions
        if not document.file.name.lower().endswith(".vtt"):
            return _("Textningen måste vara en WebVTT-fil (.vtt).")
        try:
            parse_webvtt(read_caption_file(document.file))
        except WebVTTError as error:
            return _("Textningsfilen är inte giltig: %(error)s") % {"error": error}
        except OSError:
            return _("Textningsfilen kunde inte läsas. Ladda upp den igen.")
        return None

    def publish_problems(self):
        """Why this episode may be saved as a draft but not published (WCAG 1.2.2)."""
        if self.is_recorded and not self.captions_id:
            return [
                _(
                    "En inspelning kan inte publiceras utan textning. Ladda upp en WebVTT-fil "
                    "(.vtt) under Textning, eller spara som utkast så länge."
                )
            ]
        return []

    def save(self, *args, **kwargs):
        # The admin form explains this before publishing; this guards every other path
        # (shell, scheduled publishing, API writes).
        if kwargs.get("clean", True) and self.live:
            problems = self.publish_problems()
            if problems:
                raise ValidationError({"captions": problems})
        result = super().save(*args, **kwargs)
        # Wagtail indexes the page when its own row is saved, before the chapters (child
        # objects) are written: index again so chapter titles are searchable at once.
        if self.pk and self.chapters.exists():
            index.insert_or_update_object(self)
        return result

    # --- display -----------------------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        series = self.get_parent().specific
        siblings = list(
            WebinarEpisodePage.objects.live()
            .exclude(private_q())
            .child_of(series)
            .order_by("path")
            .only("id", "title", "path", "url_path", "depth")
        )
        ids = [sibling.id for sibling in siblings]
        index_in_series = ids.index(self.id) if self.id in ids else None
        context.update(
            series=series,
            position=index_in_series + 1 if index_in_series is not None else None,
            episode_count=len(siblings),
            previous_episode=siblings[index_in_series - 1] if index_in_series else None,
            next_episode=siblings[index_in_series + 1]
            if index_in_series is not None and index_in_series + 1 < len(siblings)
            else None,
            speakers=in_locale(
                [
                    speaker.person
                    for speaker in self.speakers.select_related(
                        "person__organisation", "person__portrait"
                    )
                ],
                self.locale_id,
            ),
            chapters=sorted(self.chapters.all(), key=lambda chapter: chapter.start),
            topics=in_locale(self.topics.all(), self.locale_id),
            related_cases=list(self.related_case_pages().select_related("organisation")),
        )
        return context

    def related_case_pages(self):
        from cases.models import CaseStoryPage

        return (
            CaseStoryPage.objects.live()
            .exclude(private_q())
            .filter(Q(episode_links__page=self) | Q(related_episodes__episode=self))
            .distinct()
        )


def full_media_url(url):
    from django.conf import settings

    if url and url.startswith("/"):
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url
    return url


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


def clock(value: timedelta) -> str:
    total = int(value.total_seconds())
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours:d}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes:d}:{seconds:02d}"


def episode_cards(episodes, series=None):
    """Episodes ready for cards: thumbnails with renditions and their series, in 3 queries
    (2 when the caller has the series already: `series`, e.g. all of a catalogue's)."""
    episodes = list(with_thumbnails(episodes, "thumbnail"))
    parent_paths = {episode.path[: -Page.steplen] for episode in episodes}
    if series is None:
        series = WebinarSeriesPage.objects.filter(path__in=parent_paths).only(
            "id", "title", "path", "url_path", "depth"
        )
    series_by_path = {item.path: item for item in series if item.path in parent_paths}
    for episode in episodes:
        episode.series = series_by_path.get(episode.path[: -Page.steplen])
    return episodes


class EpisodeSpeaker(Orderable):
    page = ParentalKey(WebinarEpisodePage, related_name="speakers", on_delete=models.CASCADE)
    person = models.ForeignKey(
        "home.Person",
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

    page = ParentalKey(WebinarEpisodePage, related_name="chapters", on_delete=models.CASCADE)
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
    page = ParentalKey(WebinarEpisodePage, related_name="related_cases", on_delete=models.CASCADE)
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
