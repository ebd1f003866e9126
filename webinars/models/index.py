"""The catalogue: its series, and every episode under it, filtered (webinars/catalogue.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from base.listing import paginate, with_thumbnails
from base.models import BasePage

from .cards import episode_cards
from .episode import WebinarEpisodePage
from .series import WebinarSeriesPage

CATALOGUE_PAGE_SIZE = 12
# Newest first: upcoming broadcasts by start time, then recordings by date (an index in
# migration 0004 serves this order on PostgreSQL); the tree path keeps ties stable.
CATALOGUE_ORDER = (
    models.F("starts_at").desc(nulls_last=True),
    models.F("recorded_on").desc(nulls_last=True),
    "path",
)
# Up to this many series are shown as cards with images; all of them behind "Visa alla serier"
# (?serier=alla), as a compact list of links.
SERIES_CARDS_MAX = 12


class WebinarIndexPage(BasePage):
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
        from ..catalogue import CatalogueFilterForm

        context = super().get_context(request, *args, **kwargs)
        series = WebinarSeriesPage.objects.visible().child_of(self).order_by("path")
        if request.GET.get("serier") == "alla":
            context["series_links"] = series.only("title", "url_path")
        else:
            cards = list(with_thumbnails(series, "image")[: SERIES_CARDS_MAX + 1])
            context["series_cards"] = cards[:SERIES_CARDS_MAX]
            context["more_series"] = len(cards) > SERIES_CARDS_MAX
        episodes = WebinarEpisodePage.objects.visible().descendant_of(self)
        filter_form = CatalogueFilterForm(
            request.GET or None, catalogue=self, series=series, episodes=episodes
        )
        if filter_form.filtering:
            episodes = filter_form.filter(episodes)
        # Page through the ids (an index scan, or a narrow sort), then read whole rows for the
        # one page shown: sorting every wide row was the cost of a deep page.
        page_of_episodes = paginate(
            request,
            episodes.order_by(*CATALOGUE_ORDER).values_list("pk", flat=True),
            CATALOGUE_PAGE_SIZE,
        )
        shown = WebinarEpisodePage.objects.filter(pk__in=page_of_episodes.object_list)
        filters = request.GET.copy()
        filters.pop("sida", None)
        context.update(
            filter_querystring=f"{filters.urlencode()}&" if filters else "",
            filter_form=filter_form,
            episodes=episode_cards(shown.order_by(*CATALOGUE_ORDER), details=False),
            page_of_episodes=page_of_episodes,
        )
        return context
