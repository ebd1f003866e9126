"""A webinar series: its intro, image and topics, and its episodes in the editors' order."""

from django import forms
from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page, PageManager
from wagtail.search import index

from base.api_cards import CardsField
from base.api_serializers import ImageField, TopicsField
from base.listing import card_images, in_locale, plain_text
from base.models import BasePage, Topic
from core.visibility import VisiblePageQuerySet

from .episode import WebinarEpisodePage


class WebinarSeriesQuerySet(VisiblePageQuerySet):
    def cards(self):
        """What a series card shows, in HTML and the API."""
        return self.select_related("locale").prefetch_related(
            Prefetch("image", queryset=card_images()),
            Prefetch("topics", queryset=Topic.objects.order_by("name")),
        )


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
        "base.Topic", verbose_name=_("ämnen"), blank=True, related_name="series"
    )

    objects = PageManager.from_queryset(WebinarSeriesQuerySet)()

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
        APIField("episode_pages", serializer=CardsField(source="episodes")),
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
        return WebinarEpisodePage.objects.visible().child_of(self).order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The compact list shows each episode's own fields only: no cards, no prefetching.
        context["episodes"] = self.episodes()
        context["topics"] = in_locale(self.topics.all(), self.locale_id)
        context["catalogue_url"] = self.get_parent().get_url(request)
        return context
