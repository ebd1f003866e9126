"""The feedback switch every content page has (composed into base.models.BasePage), with the
page's feedback of the last 90 days beside it for those who may view feedback."""

import datetime

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, Panel

from .figures import ReportFilters, Scope

SUMMARY_DAYS = 90


class FeedbackSummaryPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "feedback/admin/summary_panel.html"

        def is_shown(self):
            user = getattr(self.request, "user", None)
            may_view = user is not None and user.has_perm("feedback.view_feedback")
            return bool(may_view and getattr(self.instance, "pk", None))

        def get_context_data(self, parent_context=None):
            first = timezone.localdate() - datetime.timedelta(days=SUMMARY_DAYS - 1)
            figures = Scope(ReportFilters(), page=self.instance).totals(first)
            context = super().get_context_data(parent_context)
            report_url = reverse("feedback_admin:page", args=[self.instance.pk])
            return {**context, "figures": figures, "days": SUMMARY_DAYS, "report_url": report_url}


class FeedbackMixin(models.Model):
    """Every content page asks "Hjälpte informationen på sidan dig?" unless an editor says no."""

    feedback_enabled = models.BooleanField(
        _("visa frågan “Hjälpte informationen på sidan dig?”"),
        default=True,
        help_text=_("Besökare kan svara ja eller nej och lämna en kommentar."),
    )

    # The summary (answers and share helpful, 90 days) shows only to those who may view feedback.
    settings_panels = [
        FieldPanel("feedback_enabled"),
        FeedbackSummaryPanel(heading=_("Återkoppling från besökare")),
    ]

    class Meta:
        abstract = True
