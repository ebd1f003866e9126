"""Guidance articles and press releases."""

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from base.api_serializers import ContactsField, OrganisationField, TopicsField
from base.api_types import body_field, guidance_body_field
from base.blocks import BaseStreamBlock, GuidanceStreamBlock
from base.listing import paginate
from base.models import BasePage


class GuidanceArticlePage(BasePage):
    date_published = models.DateField(_("publiceringsdatum"), null=True, blank=True)
    intro = models.TextField(_("ingress"))
    body = StreamField(GuidanceStreamBlock(), verbose_name=_("brödtext"), blank=True)
    topics = ParentalManyToManyField(
        "base.Topic", verbose_name=_("ämnen"), blank=True, related_name="guidance_articles"
    )

    content_panels = Page.content_panels + [
        FieldPanel("date_published"),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.RelatedFields("topics", [index.SearchField("name")]),
    ]
    api_fields = [
        APIField("date_published"),
        APIField("intro"),
        APIField("body", serializer=guidance_body_field()),
        APIField("topics", serializer=TopicsField()),
    ]

    parent_page_types = ["home.HomePage", "articles.GuidanceArticlePage"]
    subpage_types = ["articles.GuidanceArticlePage"]

    class Meta:
        verbose_name = _("vägledning")
        verbose_name_plural = _("vägledningar")

    @property
    def teaser(self):
        return self.intro


class PressReleaseIndexPage(BasePage):
    intro = models.TextField(_("ingress"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["articles.PressReleasePage"]

    class Meta:
        verbose_name = _("pressrum")
        verbose_name_plural = _("pressrum")

    @property
    def teaser(self):
        return self.intro

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        releases = PressReleasePage.objects.visible().child_of(self).order_by("-published_at")
        context["page_of_releases"] = paginate(request, releases, 10)
        return context


class PressReleasePage(BasePage):
    published_at = models.DateTimeField(
        _("publicerat"),
        null=True,
        blank=True,
        help_text=_(
            "Lämna tomt för tiden då pressmeddelandet publiceras (eller schemaläggs att gå "
            "live). Fyll i bara för ett äldre pressmeddelande."
        ),
    )
    lead = models.TextField(_("ingress"))
    body = StreamField(BaseStreamBlock(), verbose_name=_("brödtext"), blank=True)
    publisher = models.ForeignKey(
        "base.Organisation",
        verbose_name=_("utgivare"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Organisationens “om oss”-text visas sist i pressmeddelandet."),
    )
    # Press releases invite comments (moderated, see comments/); editors can switch them off.
    comments_enabled = models.BooleanField(
        _("tillåt kommentarer"),
        default=True,
        help_text=_("Besökare kan kommentera sidan. Kommentarer visas först när de granskats."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("published_at"),
        FieldPanel("lead"),
        FieldPanel("body"),
        InlinePanel("contacts", label=_("Kontaktpersoner")),
        FieldPanel("publisher"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("published_at"),
    ]
    api_fields = [
        APIField("published_at"),
        APIField("lead"),
        APIField("body", serializer=body_field()),
        APIField("contacts", serializer=ContactsField()),
        APIField("publisher", serializer=OrganisationField()),
    ]

    parent_page_types = ["articles.PressReleaseIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("pressmeddelande")
        verbose_name_plural = _("pressmeddelanden")

    @property
    def teaser(self):
        return self.lead

    def save(self, *args, **kwargs):
        # An empty date follows the publishing itself, so the date visitors see is the
        # go-live time or the first publication, and a later republish never moves it.
        if self.published_at is None and self.live:
            self.published_at = self.go_live_at or self.first_published_at or timezone.now()
        super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["contacts"] = [
            contact.person for contact in self.contacts.select_related("person__organisation")
        ]
        return context


class PressReleaseContact(Orderable):
    page = ParentalKey(PressReleasePage, related_name="contacts", on_delete=models.CASCADE)
    person = models.ForeignKey(
        "base.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Telefon och e-post hämtas från personen."),
    )

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        verbose_name = _("kontaktperson")
        verbose_name_plural = _("kontaktpersoner")
