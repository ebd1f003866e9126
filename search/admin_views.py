"""The admin report "Sökstatistik": what people search for and what they do not find.

Counted per day and language in search.models.SearchTermDay, never tied to a person. Needs
`search.view_searchtermday` (grantable to groups in Settings → Groups)."""

import datetime

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .models import SearchTermDay

VIEW = "search.view_searchtermday"
PERIODS = {"7": _("7 dagar"), "30": _("30 dagar"), "90": _("90 dagar"), "365": _("ett år")}
DEFAULT_PERIOD = "30"
ROWS = 50


class SearchStatsView(PermissionRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    permission_required = VIEW
    raise_exception = True  # a 403, as Wagtail's own views (the admin already needs a login)
    template_name = "search/admin/stats.html"
    page_title = _("Sökstatistik")
    header_icon = "search"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        period = self.request.GET.get("period", DEFAULT_PERIOD)
        if period not in PERIODS:
            period = DEFAULT_PERIOD
        language = self.request.GET.get("sprak", "")
        since = timezone.localdate() - datetime.timedelta(days=int(period) - 1)
        days = SearchTermDay.objects.filter(day__gte=since)
        if language in ("sv", "en"):
            days = days.filter(language=language)
        else:
            language = ""
        context.update(
            period=period,
            periods=PERIODS,
            language=language,
            popular=list(days.popular()[:ROWS]),
            without_results=list(days.without_results()[:ROWS]),
        )
        return context
