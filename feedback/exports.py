"""The report's exports on Wagtail's `ReportView` (`list_export`): the pages and the comments,
as CSV or XLSX (`?export=csv` or `xlsx`), with the report's filters.

The CSV is UTF-8 with a byte order mark (or Excel reads "Hjälpsam" as "HjÃ¤lpsam") and ";"
between cells, Swedish Excel's list separator, so a double-click opens it in columns. A cell a
spreadsheet would read as a formula is written as text (OWASP "CSV injection"); Wagtail's XLSX
export already keeps formulas out."""

import csv

from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.views.mixins import Echo
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

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
    kind = ""

    def get(self, request, *args, **kwargs):
        export = request.GET.get("export")
        form = ReportFilterForm(request.GET)
        return self.as_spreadsheet(self.get_rows(form), export if export in self.FORMATS else "csv")

    def get_filename(self):
        return f"aterkoppling-{self.kind}-{timezone.localdate().isoformat()}"

    def get_heading(self, queryset, field):
        return str(self.export_headings[field])

    def stream_csv(self, queryset):
        writer = csv.DictWriter(Echo(), fieldnames=self.list_export, delimiter=";")
        yield "\ufeff".encode() + writer.writerow(
            {f: self.get_heading(None, f) for f in self.list_export}
        )
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))

    def write_csv_row(self, writer, row_dict):
        return super().write_csv_row(
            writer, {field: csv_cell(value) for field, value in row_dict.items()}
        )

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response


class ExportPagesView(FeedbackExportView):
    kind = "sidor"
    list_export = ["title", "url", "deleted", "answers", "helpful", "percent", "comments", "trend"]
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

    def get_rows(self, form):
        filters = form.to_filters()
        scope = figures.Scope(filters)
        rows = figures.sorted_rows(scope.rows(filters.date_from, filters.date_to), form.ordering)
        scope.add_trends(rows, rows)
        pages = self.live_pages([row.page_id for row in rows if row.page_id])
        yes, no = _("Ja"), _("Nej")
        for row in rows:
            page = pages.get(row.page_id)
            yield {
                "title": page.get_admin_display_title() if page else row.title,
                "url": (page.get_full_url(self.request) if page else row.stored_url) or "",
                "deleted": no if page else yes,
                "answers": row.answers,
                "helpful": row.helpful,
                "percent": row.percent_helpful,
                "comments": row.comments,
                "trend": "" if row.trend is None else row.trend,
            }

    def live_pages(self, ids) -> dict:
        pages = {}
        for start in range(0, len(ids), CHUNK):
            chunk = Page.objects.filter(pk__in=ids[start : start + CHUNK])
            for page in chunk.only("id", "title", "draft_title", "url_path", "path", "depth"):
                pages[page.pk] = page
        return pages


class ExportCommentsView(FeedbackExportView):
    kind = "kommentarer"
    list_export = ["created_at", "title", "url", "language", "helpful", "comment", "handled"]
    export_headings = {
        "created_at": gettext_lazy("Tidpunkt"),
        "title": gettext_lazy("Sida"),
        "url": gettext_lazy("Adress"),
        "language": gettext_lazy("Språk"),
        "helpful": gettext_lazy("Hjälpsam"),
        "comment": gettext_lazy("Kommentar"),
        "handled": gettext_lazy("Hanterad"),
    }

    def get_rows(self, form):
        filters = form.to_filters()
        comments = (
            filters.apply(Feedback.objects.all())
            .between_days(filters.date_from, filters.date_to)
            .with_comments()
            .order_by("-created_at", "-pk")
            .annotate(current_title=Coalesce("page__title", "page_title"))
            .values_list(
                "created_at",
                "current_title",
                "page_url",
                "locale__language_code",
                "helpful",
                "comment",
                "handled",
            )
        )
        yes, no = _("Ja"), _("Nej")
        for created_at, title, url, language, helpful, comment, handled in comments.iterator(
            chunk_size=CHUNK
        ):
            yield {
                "created_at": timezone.localtime(created_at).strftime("%Y-%m-%d %H:%M"),
                "title": title,
                "url": url,
                "language": language or "",
                "helpful": yes if helpful else no,
                "comment": comment,
                "handled": yes if handled else no,
            }
