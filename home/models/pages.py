"""The shared page base and the home page.

`BasePage` is abstract (no extra table or join on every page query) and is composed of small
mixins that each bring their own fields and panels."""

from urllib.parse import urlencode

from django.conf import settings
from django.db import models
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.visibility import VisiblePageManager
from feedback.panels import FeedbackSummaryPanel
from home.api_serializers import ImageField, PageRefsField
from home.listing import with_thumbnails
from home.translation_status import TranslationStatusPanel


class FeedbackMixin(models.Model):
    """Every content page asks "Hjälpte informationen på sidan dig?" unless an editor says no."""

    feedback_enabled = models.BooleanField(
        _("visa frågan “Hjälpte informationen på sidan dig?”"),
        default=True,
        help_text=_("Besökare kan svara ja eller nej och lämna en kommentar."),
    )

    # The summary (answers and share helpful, 90 days) shows only to those who may view feedback.
    settings_panels = [FieldPanel("feedback_enabled"), FeedbackSummaryPanel()]

    class Meta:
        abstract = True


class CommentsMixin(models.Model):
    """Public comments (comments/): off unless a page type or an editor switches them on.
    Nothing is shown before an editor with the "moderate_comment" permission approves it."""

    comments_enabled = models.BooleanField(
        _("tillåt kommentarer"),
        default=False,
        help_text=_("Besökare kan kommentera sidan. Kommentarer visas först när de granskats."),
    )
    comments_close_at = models.DateTimeField(
        _("stäng kommentarer"),
        null=True,
        blank=True,
        help_text=_("Efter den här tidpunkten tas inga nya kommentarer emot. Tomt: inget slut."),
    )

    settings_panels = [
        MultiFieldPanel(
            [FieldPanel("comments_enabled"), FieldPanel("comments_close_at")],
            heading=_("Kommentarer"),
        )
    ]

    class Meta:
        abstract = True

    @property
    def comments_open(self) -> bool:
        """New comments are taken: switched on and not past the closing time."""
        if not self.comments_enabled:
            return False
        return self.comments_close_at is None or timezone.now() < self.comments_close_at


class SocialImageMixin(models.Model):
    """The image used when the page is shared (OpenGraph, Twitter cards)."""

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("delningsbild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Visas när sidan delas i sociala medier."),
    )

    promote_panels = [FieldPanel("social_image")]

    class Meta:
        abstract = True


class BasePage(FeedbackMixin, CommentsMixin, SocialImageMixin, Page):
    objects = VisiblePageManager()

    promote_panels = Page.promote_panels + SocialImageMixin.promote_panels
    settings_panels = (
        [TranslationStatusPanel()]
        + Page.settings_panels
        + FeedbackMixin.settings_panels
        + CommentsMixin.settings_panels
    )

    class Meta:
        abstract = True

    @property
    def teaser(self):
        """A sentence or two for cards and listings; page types override it."""
        return self.search_description

    def serve_preview(self, request, mode_name):
        """With HEADLESS_PREVIEW_URL set, the admin's preview shows the decoupled front end,
        which reads this snapshot of the editor's content from /api/v3/site/preview/."""
        front_end = getattr(settings, "HEADLESS_PREVIEW_URL", "")
        if not front_end:
            return super().serve_preview(request, mode_name)
        from .preview import PagePreview

        preview = PagePreview.snapshot(self)
        query = urlencode({"token": preview.token, "type": self.specific_class._meta.label})
        return HttpResponseRedirect(f"{front_end}?{query}")


class HomePage(BasePage):
    hero_intro = models.TextField(_("ingress"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("bild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("hero_intro"), FieldPanel("hero_image")], heading=_("Toppyta")),
        InlinePanel("featured_series", label=_("Utvalda webbinarieserier"), max_num=6),
    ]
    search_fields = Page.search_fields + [index.SearchField("hero_intro")]
    api_fields = [
        APIField("hero_intro"),
        APIField("hero_image", serializer=ImageField()),
        APIField("featured_series_pages", serializer=PageRefsField()),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "webinars.WebinarIndexPage",
        "cases.CaseIndexPage",
        "articles.GuidanceArticlePage",
        "articles.PressReleaseIndexPage",
    ]

    class Meta:
        verbose_name = _("startsida")
        verbose_name_plural = _("startsidor")

    @property
    def teaser(self):
        return self.hero_intro

    @property
    def featured_series_pages(self):
        """The featured series in this page's language, visible ones only, in the editors'
        order. Editors choose them on the Swedish home page; a translated home page shows the
        translations of the same series."""
        from webinars.models import WebinarSeriesPage

        chosen = self.featured_series.order_by("sort_order")
        if not chosen.exists():  # a translation not synced with its rows: the source's choice
            chosen = HomePageFeaturedSeries.objects.filter(
                home_page__translation_key=self.translation_key
            ).order_by("home_page__id", "sort_order")
        keys = list(dict.fromkeys(chosen.values_list("page__translation_key", flat=True)))
        series = with_thumbnails(
            WebinarSeriesPage.objects.visible(self.locale).filter(translation_key__in=keys),
            "image",
        )
        return sorted(series, key=lambda page: keys.index(page.translation_key))

    LATEST_COUNT = 3

    def get_context(self, request, *args, **kwargs):
        from articles.models import PressReleasePage
        from cases.models import CaseStoryPage
        from webinars.models import WebinarEpisodePage, episode_cards

        context = super().get_context(request, *args, **kwargs)
        context["featured_series"] = self.featured_series_pages
        context["latest_episodes"] = episode_cards(
            WebinarEpisodePage.objects.visible(self.locale).order_by("-first_published_at", "path")[
                : self.LATEST_COUNT
            ]
        )
        context["latest_cases"] = with_thumbnails(
            CaseStoryPage.objects.visible(self.locale)
            .select_related("organisation")
            .order_by("-date_published", "-first_published_at")[: self.LATEST_COUNT],
            "image",
        )
        context["latest_press_releases"] = PressReleasePage.objects.visible(self.locale).order_by(
            "-published_at"
        )[: self.LATEST_COUNT]
        return context


class HomePageFeaturedSeries(Orderable):
    home_page = ParentalKey(HomePage, related_name="featured_series", on_delete=models.CASCADE)
    page = models.ForeignKey(
        "webinars.WebinarSeriesPage",
        verbose_name=_("serie"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PageChooserPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = _("utvald serie")
        verbose_name_plural = _("utvalda serier")
