"""The "Behöver åtgärdas" report and dashboard panel (editorial/attention.py has the checks)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView

from .attention import CHECKS, items_for


class AttentionReportView(ReportView):
    """Every editor may open it; each sees only the kinds of problems they can fix."""

    page_title = _("Behöver åtgärdas")
    header_icon = "warning"
    index_url_name = "editorial_attention"
    index_results_url_name = "editorial_attention_results"
    paginate_by = 100
    columns = [
        TitleColumn("title", label=_("Vad"), get_url=lambda item: item.url),
        Column("kind", label=_("Problem"), accessor=lambda item: CHECKS[item.kind].label),
        Column("detail", label=_("Gör så här")),
    ]

    def get_queryset(self):
        return items_for(self.request.user, kind=self.request.GET.get("typ") or None)


class AttentionPanel(Component):
    """On the dashboard: how many of each kind need the user, with a link to the list."""

    name = "editorial_attention"
    order = 50
    template_name = "editorial/attention_panel.html"

    def __init__(self, counts):
        self.counts = [(check, count) for check, count in counts if count]

    def get_context_data(self, parent_context=None):
        return {"counts": self.counts}
