"""A read-only summary of a page's feedback in the page editor."""

from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from .figures import recent_figures

SUMMARY_DAYS = 90
HEADING = _("Återkoppling från besökare")


class FeedbackSummaryPanel(Panel):
    """ "23 svar, 78 % hjälpsamma de senaste 90 dagarna." with a link to the page's report,
    for users who may view feedback, on a page that exists."""

    def __init__(self, heading=HEADING, **kwargs):
        super().__init__(heading=heading, **kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "feedback/admin/summary_panel.html"

        def is_shown(self):
            return bool(
                self.instance is not None
                and self.instance.pk
                and self.request is not None
                and self.request.user.has_perm("feedback.view_feedback")
            )

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            figures = recent_figures(self.instance, days=SUMMARY_DAYS)
            context.update(
                summary=summary_text(figures, SUMMARY_DAYS),
                comments=comments_text(figures) if figures.comments else "",
                report_url=reverse("feedback_admin:page", args=[self.instance.pk]),
            )
            return context


def summary_text(figures, days):
    if not figures.answers:
        return gettext("Inga svar de senaste %(days)d dagarna.") % {"days": days}
    return ngettext(
        "%(answers)d svar, %(percent)s hjälpsamma de senaste %(days)d dagarna.",
        "%(answers)d svar, %(percent)s hjälpsamma de senaste %(days)d dagarna.",
        figures.answers,
    ) % {"answers": figures.answers, "percent": figures.percent_display, "days": days}


def comments_text(figures):
    return ngettext("%(count)d kommentar.", "%(count)d kommentarer.", figures.comments) % {
        "count": figures.comments
    }
