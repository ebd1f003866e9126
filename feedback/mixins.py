"""The feedback switch every content page has (composed into base.models.BasePage)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from .panels import FeedbackSummaryPanel


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
