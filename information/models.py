"""The site's information pages, linked from the footer of every page: the accessibility
statement the law requires (lagen 2018:1937, DIGG's MDFFS 2019:2) and plain pages such as
Personuppgifter, Om webbplatsen and Kontakt."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from base.api_serializers import ImageField, PageRefSchema, public_page_ref
from base.api_types import body_field
from base.blocks import RICH_TEXT_FEATURES, BaseStreamBlock
from base.models import BasePage
from core.visibility import is_visible
from webinars.models import WebinarEpisodePage

STATEMENT_FEATURES = ["h3", *RICH_TEXT_FEATURES]


class PageRefField(ImageField):
    """One page reference, or null when the page is not published and public."""

    def to_representation(self, value) -> PageRefSchema | None:
        return public_page_ref(value, self.context)


class InformationPage(BasePage):
    """A page about the site itself: personal data, about the site, contact."""

    intro = models.TextField(_("ingress"))
    body = StreamField(BaseStreamBlock(), verbose_name=_("brödtext"), blank=True)

    # The frame lists these pages in the footer (base.context_processors.SiteFrame).
    show_in_site_footer = True

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    api_fields = [APIField("intro"), APIField("body", serializer=body_field())]

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("informationssida")
        verbose_name_plural = _("informationssidor")

    @property
    def teaser(self):
        return self.search_description or self.intro


class AccessibilityStatementPage(BasePage):
    """Tillgänglighetsredogörelse in the structure of DIGG's model statement: the compliance
    status, what is not accessible and why, how to report a problem or ask for content in
    another format, DIGG's supervision, how and when the site was assessed."""

    class Compliance(models.TextChoices):
        FULL = "full", _("helt förenlig")
        PARTIAL = "partial", _("delvis förenlig")
        NONE = "none", _("inte förenlig")

    intro = models.TextField(
        _("ingress"),
        help_text=_("Vem som står bakom webbplatsen och vad redogörelsen beskriver."),
    )
    compliance = models.CharField(
        _("förenlighet med lagkraven"),
        max_length=10,
        choices=Compliance.choices,
        default=Compliance.PARTIAL,
        help_text=_(
            "Hur webbplatsen uppfyller lagen om tillgänglighet till digital offentlig "
            "service (WCAG 2.1 AA)."
        ),
    )
    deficiencies = RichTextField(
        _("innehåll som inte är tillgängligt"),
        features=STATEMENT_FEATURES,
        blank=True,
        help_text=_(
            "De kända bristerna, var och en med det WCAG-kriterium den gäller och när "
            "den ska vara åtgärdad."
        ),
    )
    exempt_content = RichTextField(
        _("innehåll som inte omfattas av lagen"),
        features=STATEMENT_FEATURES,
        blank=True,
        help_text=_("Till exempel förinspelad video publicerad före den 23 september 2020."),
    )
    contact_email = models.EmailField(
        _("e-post för synpunkter"),
        blank=True,
        help_text=_(
            "Dit besökare skriver för att rapportera brister eller be om innehåll i annat format."
        ),
    )
    contact_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("kontaktsida"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assessment = models.TextField(
        _("så har vi testat webbplatsen"),
        help_text=_(
            "Till exempel: en självskattning (intern granskning) med automatiska och "
            "manuella tester."
        ),
    )
    assessed_on = models.DateField(_("senaste bedömningen gjordes"))
    updated_on = models.DateField(_("redogörelsen uppdaterades senast"))

    show_in_site_footer = True

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("compliance"),
        FieldPanel("deficiencies"),
        FieldPanel("exempt_content"),
        MultiFieldPanel(
            [FieldPanel("contact_email"), PageChooserPanel("contact_page")],
            heading=_("Rapportera brister och be om annat format"),
        ),
        MultiFieldPanel(
            [FieldPanel("assessment"), FieldPanel("assessed_on"), FieldPanel("updated_on")],
            heading=_("Hur vi testat webbplatsen"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("deficiencies"),
        index.SearchField("exempt_content"),
    ]
    api_fields = [
        APIField("intro"),
        APIField("compliance"),
        APIField("deficiencies"),
        APIField("exempt_content"),
        APIField("contact_email"),
        APIField("contact", serializer=PageRefField()),
        APIField("assessment"),
        APIField("assessed_on"),
        APIField("updated_on"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    # One statement per language: it speaks for the whole site.
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("tillgänglighetsredogörelse")
        verbose_name_plural = _("tillgänglighetsredogörelser")

    @property
    def teaser(self):
        return self.search_description or self.intro

    @property
    def contact(self):
        """The contact page in this page's language where translated (wagtail-localize keeps a
        page link as chosen); None when it is not for the public to see."""
        page = self.contact_page
        if page is None:
            return None
        page = page.get_translation_or_none(self.locale) or page
        return page if is_visible(page) else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["contact_page"] = self.contact
        # Visible recordings in this language with no descriptions track, no described version
        # and no statement that none is needed (WCAG 1.2.5): listed, so always up to date.
        episodes = WebinarEpisodePage.objects.visible(self.locale).lacking_audio_description()
        context["recordings_without_audio_description"] = list(
            episodes.order_by("path").only("title", "url_path", "path", "depth")
        )
        return context
