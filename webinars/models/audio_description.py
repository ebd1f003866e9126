"""Audio description of a recording (WCAG 1.2.5): a descriptions track (WebVTT), a link to a
described version, or the editor's statement that the video shows nothing essential that is
not also said. A recording is not published without one of the three."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from base.api_serializers import full_media_url

from ..captions import stored_file_error


def lacking_audio_description():
    """The condition of an episode with none of the three (for a queryset's filter)."""
    return Q(
        descriptions__isnull=True, described_version_url="", audio_description_not_needed=False
    )


class AudioDescriptionMixin(models.Model):
    descriptions = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("syntolkning (WebVTT)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "En .vtt-fil som beskriver det som visas men inte sägs (bilder, text i bild). "
            "Visas under spelaren och läses upp medan videon spelas, för alla videor."
        ),
    )
    described_version_url = models.URLField(
        _("länk till syntolkad version"),
        blank=True,
        help_text=_("En version av videon där det som visas också beskrivs i ljudet."),
    )
    audio_description_not_needed = models.BooleanField(
        _("Videon visar inget väsentligt som inte också sägs"),
        default=False,
        help_text=_("Kryssa bara i om allt som visas (bilder, text i bild) också sägs i ljudet."),
    )

    audio_description_panel = MultiFieldPanel(
        [
            FieldPanel("descriptions"),
            FieldPanel("described_version_url"),
            FieldPanel("audio_description_not_needed"),
        ],
        heading=_("Syntolkning"),
    )

    class Meta:
        abstract = True

    @property
    def audio_description(self):
        """What the API tells a front end: the track, the described version, the statement."""
        return {
            "track_url": full_media_url(self.descriptions.url) if self.descriptions_id else None,
            "described_version_url": self.described_version_url or None,
            "not_needed": self.audio_description_not_needed,
        }

    @property
    def has_audio_description(self):
        return bool(
            self.descriptions_id or self.described_version_url or self.audio_description_not_needed
        )

    def audio_description_errors(self):
        """Errors for any save, drafts included: a descriptions file must be valid WebVTT."""
        if not self.descriptions_id:
            return {}
        error = stored_file_error(
            self.descriptions,
            not_vtt=_("Syntolkningen måste vara en WebVTT-fil (.vtt)."),
            invalid=_("Syntolkningsfilen är inte giltig: %(error)s"),
            unreadable=_("Syntolkningsfilen kunde inte läsas. Ladda upp den igen."),
        )
        return {"descriptions": error} if error else {}

    def audio_description_problems(self):
        """Why a recording may be saved as a draft but not published (WCAG 1.2.5)."""
        if not self.is_recorded or self.has_audio_description:
            return []
        return [
            _(
                "En inspelning kan inte publiceras utan syntolkning. Ladda upp en "
                "syntolkningsfil (.vtt), ange en länk till en syntolkad version eller kryssa i "
                "att videon inte visar något väsentligt som inte också sägs. Spara som utkast "
                "så länge."
            )
        ]
