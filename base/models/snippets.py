"""Snippets used across the site: people, organisations and topics.

All three are translatable (wagtail-localize): a person's role, an organisation's "about us"
text and a topic's name are what SKL would translate for English pages. Their editors show
every field, in the order declared here (Wagtail's default panels)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin
from wagtail.search import index


class OrganisationKind(models.TextChoices):
    KOMMUN = "kommun", _("Kommun")
    REGION = "region", _("Region")
    LANDSTING = "landsting", _("Landsting")
    MYNDIGHET = "myndighet", _("Myndighet")
    STIFTELSE = "stiftelse", _("Stiftelse")
    FORBUND = "forbund", _("Förbund")


class Organisation(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("namn"), max_length=255)
    kind = models.CharField(_("typ"), max_length=20, choices=OrganisationKind.choices)
    website = models.URLField(_("webbplats"), blank=True)
    about = RichTextField(
        _("om organisationen"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Visas som “Om oss” under pressmeddelanden som organisationen publicerar."),
    )

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        db_table = "home_organisation"  # made in home/, moved here with its rows
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Person(TranslatableMixin, index.Indexed, models.Model):
    """A speaker in a webinar or a press contact."""

    related_for_display = ("organisation", "portrait")

    name = models.CharField(_("namn"), max_length=255)
    role = models.CharField(_("roll"), max_length=255, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    portrait = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("porträtt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    phone = models.CharField(
        _("telefon"), max_length=40, blank=True, help_text=_("Visas bara för presskontakter.")
    )
    email = models.EmailField(
        _("e-post"), blank=True, help_text=_("Visas bara för presskontakter.")
    )

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("role"),
    ]

    class Meta(TranslatableMixin.Meta):
        db_table = "home_person"  # made in home/, moved here with its rows
        verbose_name = _("person")
        verbose_name_plural = _("personer")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def role_and_organisation(self):
        parts = [self.role, self.organisation.name if self.organisation else ""]
        return ", ".join(part for part in parts if part)


class Topic(TranslatableMixin, models.Model):
    name = models.CharField(_("namn"), max_length=100)
    slug = models.SlugField(
        _("kortnamn"),
        max_length=100,
        allow_unicode=True,
        help_text=_("Används i webbadresser för filtrering, t.ex. ?amne=tjanstedesign."),
    )

    class Meta(TranslatableMixin.Meta):
        db_table = "home_topic"  # made in home/, moved here with its rows
        verbose_name = _("ämne")
        verbose_name_plural = _("ämnen")
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.name
