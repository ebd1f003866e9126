"""The home page: one per language, the root of the site's tree."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.models import Orderable, Page
from wagtail.search import index

from base.api_cards import CardsField
from base.api_serializers import ImageField
from base.listing import with_card_images
from base.models import BasePage
from core.visibility import visible_pages


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
        APIField("featured_series_pages", serializer=CardsField()),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "webinars.WebinarIndexPage",
        "cases.CaseIndexPage",
        "articles.GuidanceArticlePage",
        "articles.PressReleaseIndexPage",
        "information.AccessibilityStatementPage",
        "information.InformationPage",
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
        translations of the same series (its own choice when it has one)."""
        from webinars.models import WebinarSeriesPage

        chosen = list(
            HomePageFeaturedSeries.objects.filter(home_page__translation_key=self.translation_key)
            .order_by("home_page_id", "sort_order")
            .values_list("home_page_id", "page__translation_key")
        )
        own = [key for home_page_id, key in chosen if home_page_id == self.pk]
        keys = list(dict.fromkeys(own or [key for _, key in chosen]))
        series = WebinarSeriesPage.objects.visible(self.locale_id).filter(translation_key__in=keys)
        return sorted(series, key=lambda page: keys.index(page.translation_key))

    def get_context(self, request, *args, **kwargs):
        from articles.models import PressReleaseIndexPage, PressReleasePage
        from cases.models import CaseIndexPage, CaseStoryPage
        from webinars.models import WebinarEpisodePage, WebinarIndexPage, episode_cards

        context = super().get_context(request, *args, **kwargs)
        latest = slice(0, 3)
        now = timezone.now()
        episodes = WebinarEpisodePage.objects.visible(self.locale_id)
        cases = CaseStoryPage.objects.visible(self.locale_id).select_related("organisation")
        context.update(
            # Soonest first: what a visitor can still sign up for leads the page.
            upcoming_episodes=episode_cards(
                episodes.upcoming(now).order_by("starts_at", "path")[latest]
            ),
            featured_series=self.featured_series_pages,
            latest_episodes=episode_cards(
                episodes.exclude(starts_at__gt=now).order_by("-first_published_at", "path")[latest],
                details=False,
            ),
            latest_cases=list(cases.order_by("-date_published", "-first_published_at")[latest]),
            latest_press_releases=PressReleasePage.objects.visible(self.locale_id).order_by(
                "-published_at"
            )[latest],
        )
        # The sections' "Visa alla" links: the first visible list page of each kind, one query.
        urls = {}
        list_pages = Page.objects.child_of(self).type(
            WebinarIndexPage, CaseIndexPage, PressReleaseIndexPage
        )
        for page in visible_pages(list_pages, self.locale_id):
            urls.setdefault(page.specific_class, page.get_url(request))
        context.update(
            catalogue_url=urls.get(WebinarIndexPage),
            case_index_url=urls.get(CaseIndexPage),
            press_index_url=urls.get(PressReleaseIndexPage),
        )
        with_card_images((context["featured_series"], "image"), (context["latest_cases"], "image"))
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
