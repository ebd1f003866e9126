"""The report's pages and comments as CSV or XLSX on Wagtail's `ReportView`. The CSV is what
Swedish Excel reads: a byte order mark, ";" between cells, formulas written as text (OWASP)."""

import csv

from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.views.mixins import Echo
from wagtail.admin.views.reports import ReportView

from . import admin_views, figures
from .forms import ReportFilterForm
from .models import Feedback

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CHUNK = 2000


def csv_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class FeedbackExportView(admin_views.FeedbackAdminMixin, ReportView):
    permissions = (admin_views.VIEW, admin_views.EXPORT)

    def get(self, request, *args, **kwargs):
        kind = request.GET.get("export")
        rows = self.get_rows(ReportFilterForm(request.GET))
        return self.as_spreadsheet(rows, kind if kind in self.FORMATS else "csv")

    def get_filename(self):
        return f"aterkoppling-{self.kind}-{timezone.localdate().isoformat()}"

    def stream_csv(self, rows):
        writer = csv.DictWriter(Echo(), fieldnames=self.list_export, delimiter=";")
        yield "\ufeff".encode() + writer.writerow(self.export_headings)
        for row in rows:
            yield self.write_csv_row(writer, {name: csv_cell(value) for name, value in row.items()})

    def write_csv_response(self, rows):
        response = super().write_csv_response(rows)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response


class ExportPagesView(FeedbackExportView):
    kind = "sidor"
    export_headings = {
        "title": gettext_lazy("Sida"),
        "url": gettext_lazy("Adress"),
        "deleted": gettext_lazy("Borttagen"),
        "answers": gettext_lazy("Svar"),
        "helpful": gettext_lazy("Hjälpsamma"),
        "percent": gettext_lazy("Hjälpsam (%)"),
        "comments": gettext_lazy("Kommentarer"),
        "trend": gettext_lazy("Trend (procentenheter)"),
    }
    list_export = list(export_headings)

    def get_rows(self, form):
        """Streamed CHUNK pages at a time: their titles, addresses and trends."""
        filters = form.to_filters()
        scope = figures.Scope(filters)
        rows = figures.sorted_rows(scope.rows(filters.date_from, filters.date_to), form.ordering)
        yes, no = _("Ja"), _("Nej")
        for start in range(0, len(rows), CHUNK):
            chunk = figures.attach_pages(rows[start : start + CHUNK], self.request)
            scope.add_trends(chunk)
            for row in chunk:
                yield {
                    "title": row.title,
                    "url": row.current_url if row.has_page else row.stored_url,
                    "deleted": no if row.has_page else yes,
                    "answers": row.answers,
                    "helpful": row.helpful,
                    "percent": row.percent_helpful,
                    "comments": row.comments,
                    "trend": "" if row.trend is None else row.trend,
                }


class ExportCommentsView(FeedbackExportView):
    kind = "kommentarer"
    export_headings = {
        "created_at": gettext_lazy("Tidpunkt"),
        "title": gettext_lazy("Sida"),
        "url": gettext_lazy("Adress"),
        "language": gettext_lazy("Språk"),
        "helpful": gettext_lazy("Hjälpsam"),
        "comment": gettext_lazy("Kommentar"),
        "handled": gettext_lazy("Hanterad"),
    }
    list_export = list(export_headings)

    def get_rows(self, form):
        filters = form.to_filters()
        comments = (
            filters.apply(Feedback.objects.all())
            .between_days(filters.date_from, filters.date_to)
            .with_comments()
            .order_by("-created_at", "-pk")
            .annotate(title=Coalesce("page__title", "page_title"), url=F("page_url"))
            .annotate(language=Coalesce("locale__language_code", Value("")))
        )
        yes, no = _("Ja"), _("Nej")
        for row in comments.values(*self.list_export).iterator(CHUNK):
            row["created_at"] = timezone.localtime(row["created_at"]).strftime("%Y-%m-%d %H:%M")
            row["helpful"] = yes if row["helpful"] else no
            row["handled"] = yes if row["handled"] else no
            yield row
