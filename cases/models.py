"""Case stories: how municipalities and regions work with user-driven innovation."""

from django import forms
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from base.api_cards import CardsField
from base.api_serializers import ImageField, OrganisationField, TopicsField
from base.api_types import body_field
from base.blocks import BaseStreamBlock
from base.listing import in_locale, paginate, plain_text, with_thumbnails
from base.models import BasePage
from webinars.models import WebinarEpisodePage, episode_cards


class CaseIndexPage(BasePage):
    intro = RichTextField(_("ingress"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["cases.CaseStoryPage"]

    class Meta:
        verbose_name = _("exempelsamling")
        verbose_name_plural = _("exempelsamlingar")

    @property
    def teaser(self):
        # The meta description and cards: the editor's own, else the introduction.
        return self.search_description or plain_text(self.intro)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        cases = with_thumbnails(
            CaseStoryPage.objects.visible()
            .child_of(self)
            .select_related("organisation")
            .order_by("-date_published", "path"),
            "image",
        )
        context["page_of_cases"] = paginate(request, cases, 12)
        return context


class CaseStoryPage(BasePage):
    organisation = models.ForeignKey(
        "base.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Kommunen, regionen eller landstinget som exemplet handlar om."),
    )
    date_published = models.DateField(_("publiceringsdatum"), null=True, blank=True)
    summary = models.TextField(_("sammanfattning"))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("bild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("brödtext"), blank=True)
    topics = ParentalManyToManyField(
        "base.Topic", verbose_name=_("ämnen"), blank=True, related_name="cases"
    )

    content_panels = Page.content_panels + [
        FieldPanel("organisation"),
        FieldPanel("date_published"),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        InlinePanel("related_episodes", label=_("Relaterade webbinarier")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("organisation", [index.SearchField("name")]),
        index.RelatedFields("topics", [index.SearchField("name")]),
    ]
    api_fields = [
        APIField("organisation", serializer=OrganisationField()),
        APIField("date_published"),
        APIField("summary"),
        APIField("image", serializer=ImageField()),
        APIField("body", serializer=body_field()),
        APIField("topics", serializer=TopicsField()),
        APIField("related_episode_pages", serializer=CardsField()),
    ]

    parent_page_types = ["cases.CaseIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("exempel")
        verbose_name_plural = _("exempel")

    @property
    def teaser(self):
        return self.summary

    def related_episode_pages(self):
        """Episodes in this page's language linked from either side: chosen here, or choosing
        this case (or one of its translations: an English episode links the Swedish case)."""
        translations = CaseStoryPage.objects.filter(translation_key=self.translation_key)
        linked = WebinarEpisodePage.objects.filter(
            Q(case_links__page__in=translations) | Q(related_cases__case__in=translations)
        )
        return (
            WebinarEpisodePage.objects.visible(self.locale)
            .filter(translation_key__in=linked.values("translation_key"))
            .order_by("path")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related_episodes"] = episode_cards(self.related_episode_pages())
        context["topics"] = in_locale(self.topics.all(), self.locale)
        return context


class CaseRelatedEpisode(Orderable):
    page = ParentalKey(CaseStoryPage, related_name="related_episodes", on_delete=models.CASCADE)
    episode = models.ForeignKey(
        "webinars.WebinarEpisodePage",
        verbose_name=_("avsnitt"),
        on_delete=models.CASCADE,
        related_name="case_links",
    )

    panels = [PageChooserPanel("episode")]

    class Meta(Orderable.Meta):
        verbose_name = _("relaterat webbinarium")
        verbose_name_plural = _("relaterade webbinarier")
