"""A page's feedback of the last 90 days in its editor, for those who may view feedback."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from .figures import Figures
from .models import Feedback

SUMMARY_DAYS = 90


class FeedbackSummaryPanel(Panel):
    def __init__(self, heading="", **kwargs):
        super().__init__(heading=heading or _("Återkoppling från besökare"), **kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "feedback/admin/summary_panel.html"

        def is_shown(self):
            user = getattr(self.request, "user", None)
            return bool(
                self.instance
                and self.instance.pk
                and user
                and user.has_perm("feedback.view_feedback")
            )

        def get_context_data(self, parent_context=None):
            first = timezone.localdate() - datetime.timedelta(days=SUMMARY_DAYS - 1)
            answers = Feedback.objects.filter(page=self.instance).between_days(first)
            figures = Figures(**answers.summary())
            context = super().get_context_data(parent_context)
            report_url = reverse("feedback_admin:page", args=[self.instance.pk])
            return {**context, "figures": figures, "days": SUMMARY_DAYS, "report_url": report_url}
