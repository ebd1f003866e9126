"""The admin report "Återkoppling": per-page figures, a chart, the comments, CSV exports.

Registered under /admin/aterkoppling/ by wagtail_hooks.py. Every view needs
`feedback.view_feedback`; the actions and exports need their own permission on top. A missing
permission answers 403 here, not Wagtail's usual redirect to the dashboard."""

import csv
import datetime
import functools
from urllib.parse import urlencode

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.paginator import Paginator
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import AdminDateInput, AdminPageChooser
from wagtail.admin.widgets.chooser import BaseChooser
from wagtail.models import Page, get_page_models
from wagtail.permission_policies.pages import PagePermissionPolicy

from . import report
from .models import Feedback
from .services import delete_feedback

VIEW = "feedback.view_feedback"
CHANGE = "feedback.change_feedback"
DELETE = "feedback.delete_feedback"
EXPORT = "feedback.export_feedback"

ROWS_PER_PAGE = 50
COMMENTS_PER_PAGE = 50
EARLIEST_DATE = datetime.date(2000, 1, 1)
LATEST_DATE = datetime.date(2100, 12, 31)
# Larger ids than this overflow the database's integer column.
MAX_ID = 2**63 - 1


def forbidden(request):
    return TemplateResponse(request, "feedback/admin/forbidden.html", status=403)


class FeedbackAdminMixin:
    """403 for anyone without all of `permissions`."""

    permissions = (VIEW,)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perms(self.permissions):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)


def remember_superusers_explorable_root(user):
    """A superuser's explorable root (the sidebar's page explorer and its "Site history"
    report ask for it) is the tree's root: read by its path, one indexed query, where Wagtail
    reads every root by depth (a scan of the page table) and then their common ancestor. It
    is kept where Wagtail keeps it for the request, on the user; anyone else is left to
    Wagtail."""
    cache_name = getattr(PagePermissionPolicy, "_explorable_root_instance_cache_name", None)
    if not user.is_superuser or cache_name is None or hasattr(user, cache_name):
        return
    root = Page.objects.filter(path=Page._get_path(None, 1, 1), depth=1).first()
    if root is not None:
        setattr(user, cache_name, root)


# Filters -----------------------------------------------------------------------------------


class PageField(forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and not (str(value).isdigit() and int(value) <= MAX_ID):
            raise forms.ValidationError(self.error_messages["invalid_choice"], "invalid_choice")
        return super().to_python(value)


class SectionChooser(AdminPageChooser):
    """A page chooser that shows nothing chosen, rather than failing, for an id that is no id.

    It shows the page the form found (`chosen`, set by the form's validation) rather than
    reading it again, and as a plain Page: Wagtail's chooser reads the specific page too, a
    query for nothing here (its title, edit link and parent are the plain page's)."""

    chosen = None

    def get_instance(self, value):
        if isinstance(value, str) and not (value.isdigit() and int(value) <= MAX_ID):
            return None
        chosen = self.chosen
        if chosen is not None and str(value) == str(chosen.pk):
            return chosen
        return BaseChooser.get_instance(self, value)


def page_type_choices():
    return _page_type_choices(get_language())


@functools.lru_cache(maxsize=16)
def _page_type_choices(language_code):
    """The page types in the active language's alphabetical order: worked out once per
    language (the page models are known once the apps are loaded)."""
    models = sorted(
        (model for model in get_page_models() if model is not Page),
        key=lambda model: str(model._meta.verbose_name).lower(),
    )
    return [("", _("Alla sidtyper"))] + [
        (model._meta.label_lower, str(model._meta.verbose_name).capitalize()) for model in models
    ]


def language_choices():
    return [("", _("Alla språk"))] + list(settings.WAGTAIL_CONTENT_LANGUAGES)


DATE_ERRORS = {"invalid": gettext_lazy("Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2025-03-31.")}


class PeriodFilterForm(forms.Form):
    """Dates and language: what both the report and a page's own view can be narrowed by."""

    fran = forms.DateField(
        label=gettext_lazy("Från"),
        required=False,
        widget=AdminDateInput,
        error_messages=DATE_ERRORS,
    )
    till = forms.DateField(
        label=gettext_lazy("Till"),
        required=False,
        widget=AdminDateInput,
        error_messages=DATE_ERRORS,
    )
    sprak = forms.ChoiceField(
        label=gettext_lazy("Språk"),
        required=False,
        choices=language_choices,
        error_messages={"invalid_choice": gettext_lazy("Okänt språk. Välj ett språk i listan.")},
    )

    def clean_date(self, name):
        value = self.cleaned_data.get(name)
        if value and not EARLIEST_DATE <= value <= LATEST_DATE:
            raise forms.ValidationError(_("Välj ett datum mellan år 2000 och 2100."))
        return value

    def clean_fran(self):
        return self.clean_date("fran")

    def clean_till(self):
        return self.clean_date("till")

    def clean(self):
        cleaned_data = super().clean()
        first, last = cleaned_data.get("fran"), cleaned_data.get("till")
        if first and last and first > last:
            self.add_error("till", _("Till-datumet är före från-datumet."))
        return cleaned_data

    @cached_property
    def valid_data(self):
        """The values that passed; a bad value is ignored (and shown as an error), never a 500."""
        self.is_valid()
        return self.cleaned_data

    def to_filters(self) -> report.ReportFilters:
        data = self.valid_data
        page_type = data.get("sidtyp")
        return report.ReportFilters(
            date_from=data.get("fran"),
            date_to=data.get("till"),
            section=data.get("sektion"),
            page_type=page_type_for(page_type) if page_type else None,
            language_code=data.get("sprak") or "",
        )

    def period_query(self) -> dict:
        """The valid date and language values, to carry over to a page's own view."""
        data = self.valid_data
        query = {name: data[name].isoformat() for name in ("fran", "till") if data.get(name)}
        if data.get("sprak"):
            query["sprak"] = data["sprak"]
        return query


def page_type_for(label):
    return ContentType.objects.get_for_model(apps.get_model(label))


class ReportFilterForm(PeriodFilterForm):
    field_order = ["fran", "till", "sektion", "sidtyp", "sprak", "sortering"]

    sektion = PageField(
        label=gettext_lazy("Del av webbplatsen"),
        help_text=gettext_lazy("Bara svar på den valda sidan och sidorna under den."),
        required=False,
        queryset=Page.objects.filter(depth__gt=1),
        widget=SectionChooser(can_choose_root=False),
        error_messages={
            "invalid_choice": gettext_lazy("Sidan finns inte längre. Välj en annan sida i trädet.")
        },
    )
    sidtyp = forms.ChoiceField(
        label=gettext_lazy("Sidtyp"),
        required=False,
        choices=page_type_choices,
        error_messages={"invalid_choice": gettext_lazy("Okänd sidtyp. Välj en sidtyp i listan.")},
    )
    sortering = forms.ChoiceField(
        label=gettext_lazy("Sortering"),
        required=False,
        choices=[
            (report.ORDER_MOST_ANSWERS, gettext_lazy("Flest svar först")),
            (report.ORDER_LEAST_HELPFUL, gettext_lazy("Minst hjälpsam först")),
            (report.ORDER_MOST_COMMENTS, gettext_lazy("Flest kommentarer först")),
        ],
        error_messages={"invalid_choice": gettext_lazy("Okänd sortering. Välj en i listan.")},
    )

    @property
    def ordering(self):
        return self.valid_data.get("sortering") or report.ORDER_MOST_ANSWERS

    def clean_sektion(self):
        section = self.cleaned_data.get("sektion")
        self.fields["sektion"].widget.chosen = section
        return section


class RowPaginator(Paginator):
    """What Wagtail's pagination_nav.html expects, counting pages of the site."""

    @property
    def items_count_label(self):
        return ngettext("%(count)d sida", "%(count)d sidor", self.count) % {"count": self.count}


class CommentPaginator(Paginator):
    @property
    def items_count_label(self):
        return ngettext("%(count)d kommentar", "%(count)d kommentarer", self.count) % {
            "count": self.count
        }


def paginate(request, paginator):
    page = paginator.get_page(request.GET.get("p"))
    return {
        "page_obj": page,
        "elided_page_range": paginator.get_elided_page_range(page.number),
    }


def chart_for(scope, html_id, month_sums=None):
    periods = report.helpfulness_over_time(scope, month_sums=month_sums)
    return report.Chart(periods=periods, html_id=html_id) if periods else None


def page_number(request) -> int:
    """The page of rows asked for, as Paginator.get_page reads it (1 when it is no number)."""
    try:
        return max(int(request.GET.get("p", 1)), 1)
    except (TypeError, ValueError):
        return 1


def with_query(url, query):
    """`query` is a dict or a QueryDict."""
    if not query:
        return url
    encoded = query.urlencode() if hasattr(query, "urlencode") else urlencode(query)
    return f"{url}?{encoded}"


def page_view_url(row, period_query):
    if row.page_id:
        return with_query(reverse("feedback_admin:page", args=[row.page_id]), period_query)
    return with_query(
        reverse("feedback_admin:deleted_page"),
        {"titel": row.stored_title, "adress": row.stored_url, **period_query},
    )


# The rows of the report, written in Python: the same HTML the template loop wrote, at a
# fraction of its cost (a template variable, tag or filter per cell, 50 rows a page).
ROW_HTML = (
    "\n                    <tr>\n                        <td>\n                            "
    "{title}\n                            "
    '<div class="feedback-row-meta"><a href="{view_url}">{view_label}'
    '<span class="w-sr-only">: {row_title}</span></a></div>\n                        </td>'
    '\n                        <td class="feedback-numeric">{answers}</td>'
    '\n                        <td class="feedback-numeric">{percent}</td>'
    '\n                        <td class="feedback-numeric">{comments}</td>'
    '\n                        <td class="feedback-numeric">{trend}</td>'
    "\n                    </tr>\n                "
)
LIVE_TITLE_HTML = (
    "\n                                "
    '<a class="feedback-row-title" href="{edit_url}" title="{edit_label}">{title}</a>'
    "\n                            "
)
DELETED_TITLE_HTML = (
    "\n                                "
    '<span class="feedback-row-title">{title}</span>\n                                '
    "\n                                {status}\n                                {address}"
    "\n                            "
)


def rows_html(rows) -> str:
    """The table rows of `rows` (with their `view_url` and `edit_url`)."""
    view_label = _("Visa svar och kommentarer")
    edit_label = _("Redigera sidan")
    status = None  # Wagtail's "borttagen" tag, rendered once for every deleted page's row
    written = []
    for row in rows:
        if row.has_page:
            title = format_html(
                LIVE_TITLE_HTML, edit_url=row.edit_url, edit_label=edit_label, title=row.title
            )
        else:
            if status is None:
                status = render_to_string(
                    "wagtailadmin/shared/status_tag.html",
                    {"label": _("borttagen"), "classname": "w-status--label"},
                )
            address = (
                format_html('<div class="feedback-row-meta">{}</div>', row.stored_url)
                if row.stored_url
                else ""
            )
            title = format_html(DELETED_TITLE_HTML, title=row.title, status=status, address=address)
        written.append(
            format_html(
                ROW_HTML,
                title=title,
                view_url=row.view_url,
                view_label=view_label,
                row_title=row.title,
                answers=intcomma(row.answers),
                percent=row.percent_display,
                comments=intcomma(row.comments),
                trend=row.trend_display,
            )
        )
    return mark_safe("".join(written))  # noqa: S308 (each row is format_html's)


# Views -------------------------------------------------------------------------------------


class FeedbackTemplateView(FeedbackAdminMixin, WagtailAdminTemplateMixin, TemplateView):
    header_icon = "comment"
    page_title = gettext_lazy("Återkoppling")

    def dispatch(self, request, *args, **kwargs):
        remember_superusers_explorable_root(request.user)  # for the admin's sidebar
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            can_change=user.has_perm(CHANGE),
            can_delete=user.has_perm(DELETE),
            can_export=user.has_perm(EXPORT),
        )
        return context


class ReportView(FeedbackTemplateView):
    template_name = "feedback/admin/report.html"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = ReportFilterForm(self.request.GET)
        scope = report.Scope(form.to_filters())
        figures = report.PageFigures(scope)
        rows = report.SortedRows(figures, form.ordering)
        # The page shown, the number of pages and the totals come in one query (with the
        # chart's answers per month where it can, see PageFigures.months_in_fetch).
        rows.prefetch((page_number(self.request) - 1) * ROWS_PER_PAGE, ROWS_PER_PAGE, months=True)
        pagination = paginate(self.request, RowPaginator(rows, ROWS_PER_PAGE))
        page_rows = report.attach_pages(list(pagination["page_obj"].object_list))
        total = figures.summary()
        period_query = form.period_query()
        for row in page_rows:
            row.view_url = page_view_url(row, period_query)
            row.edit_url = (
                reverse("wagtailadmin_pages:edit", args=[row.page_id]) if row.has_page else None
            )
        query = self.request.GET.copy()
        query.pop("p", None)
        context.update(
            form=form,
            rows=page_rows,
            rows_html=rows_html(page_rows),
            total=total,
            chart=(
                chart_for(figures.rows_scope, "feedback-chart", figures.month_sums)
                if total.answers
                else None
            ),
            export_pages_url=with_query(reverse("feedback_admin:export_pages"), query),
            export_comments_url=with_query(reverse("feedback_admin:export_comments"), query),
            media=form.media,
            **pagination,
        )
        return context


class PageFeedbackView(FeedbackTemplateView):
    """One page: its figures, its chart and its comments, newest first."""

    template_name = "feedback/admin/page.html"

    def get_scope(self):
        """(feedback on this page, which counts are its (a condition on FeedbackDay and
        FeedbackMonth), title, the page or None)."""
        if self.kwargs["page_id"] > MAX_ID:
            raise Http404
        page = get_object_or_404(Page, pk=self.kwargs["page_id"])
        return (
            Feedback.objects.filter(page=page),
            Q(page=page),
            page.get_admin_display_title(),
            page,
        )

    def get_page_subtitle(self):
        return self.scope[2]

    @cached_property
    def scope(self):
        return self.get_scope()

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("feedback_admin:report"), "label": _("Återkoppling")},
            {"url": "", "label": self.scope[2]},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        queryset, counts, title, page = self.scope
        form = PeriodFilterForm(self.request.GET)
        filters = form.to_filters()
        scope = report.Scope(filters, page_q=counts)
        figures = report.PageFigures(scope).summary()
        comments = filters.apply(queryset).with_comments().order_by("-created_at", "-pk")
        pagination = paginate(self.request, CommentPaginator(comments, COMMENTS_PER_PAGE))
        context.update(
            form=form,
            title=title,
            page=page,
            is_deleted=page is None,
            edit_url=reverse("wagtailadmin_pages:edit", args=[page.pk]) if page else None,
            live_url=page.get_url(self.request) if page and page.live else None,
            figures=figures,
            chart=chart_for(scope, "feedback-page-chart") if figures.answers else None,
            comments=pagination["page_obj"].object_list,
            back_url=self.request.get_full_path(),
            media=form.media,
            **pagination,
        )
        return context


class DeletedPageFeedbackView(PageFeedbackView):
    """A deleted page, known by the title and address stored with its feedback."""

    def get_scope(self):
        title = self.request.GET.get("titel", "")
        address = self.request.GET.get("adress", "")
        queryset = Feedback.objects.filter(page__isnull=True, page_title=title, page_url=address)
        if not queryset.exists():
            raise Http404
        counts = Q(page__isnull=True, page_title=title, page_url=address)
        return queryset, counts, title, None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["stored_url"] = self.request.GET.get("adress", "")
        # The filter form must keep saying which deleted page it is about.
        context["hidden"] = {"titel": self.scope[2], "adress": context["stored_url"]}
        return context


def back_url(request, feedback):
    url = request.POST.get("next") or request.GET.get("next")
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    if feedback.page_id:
        return reverse("feedback_admin:page", args=[feedback.page_id])
    return reverse("feedback_admin:report")


def feedback_or_404(pk):
    if pk > MAX_ID:
        raise Http404
    return get_object_or_404(Feedback, pk=pk)


class ToggleHandledView(FeedbackAdminMixin, View):
    """Sets `handled` to what the button said ("hanterad" = "ja"/"nej"), so two editors
    clicking at once agree; without a value it toggles."""

    permissions = (VIEW, CHANGE)
    http_method_names = ["post"]

    def post(self, request, pk):
        feedback = feedback_or_404(pk)
        wanted = request.POST.get("hanterad")
        feedback.handled = wanted == "ja" if wanted in ("ja", "nej") else not feedback.handled
        feedback.save(update_fields=["handled"])
        if feedback.handled:
            messages.success(request, _("Kommentaren är markerad som hanterad."))
        else:
            messages.success(request, _("Kommentaren är markerad som ej hanterad."))
        return redirect(back_url(request, feedback))


class DeleteFeedbackView(FeedbackTemplateView):
    """Asks first (GET), deletes the whole answer with its comment (POST)."""

    permissions = (VIEW, DELETE)
    template_name = "feedback/admin/confirm_delete.html"
    http_method_names = ["get", "post"]

    @cached_property
    def feedback(self):
        return feedback_or_404(self.kwargs["pk"])

    def get_page_subtitle(self):
        return _("Ta bort svar")

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("feedback_admin:report"), "label": _("Återkoppling")},
            {"url": "", "label": _("Ta bort svar")},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(feedback=self.feedback, next=back_url(self.request, self.feedback))
        return context

    def post(self, request, pk):
        url = back_url(request, self.feedback)
        delete_feedback(self.feedback)
        messages.success(request, _("Svaret och dess kommentar är borttagna."))
        return redirect(url)


# CSV ---------------------------------------------------------------------------------------

CSV_CHUNK_ROWS = 500
# A cell a spreadsheet would read as a formula is written as text (OWASP "CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class _Echo:
    def write(self, value):
        return value


def streaming_csv(filename, header, rows):
    """UTF-8 with a byte order mark, or Excel reads "Hjälpsam" as "HjÃ¤lpsam". The delimiter is
    ";" because Swedish Excel uses "," as the decimal separator and ";" as the list separator, so
    a double-click opens the file in columns. Rows are written as they are read, sent
    `CSV_CHUNK_ROWS` at a time (a chunk per row cost more than writing the row)."""
    writer = csv.writer(_Echo(), delimiter=";")

    def lines():
        yield "\ufeff" + writer.writerow(header)
        chunk = []
        for row in rows:
            chunk.append(writer.writerow([csv_cell(value) for value in row]))
            if len(chunk) == CSV_CHUNK_ROWS:
                yield "".join(chunk)
                chunk = []
        if chunk:
            yield "".join(chunk)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def export_filename(kind):
    return f"aterkoppling-{kind}-{timezone.localdate().isoformat()}.csv"


class ExportPagesView(FeedbackAdminMixin, View):
    permissions = (VIEW, EXPORT)

    def get(self, request):
        form = ReportFilterForm(request.GET)
        rows = report.PageFigures(report.Scope(form.to_filters())).fetch(form.ordering)
        pages = report.page_titles_and_urls(rows, request)
        yes, no = _("Ja"), _("Nej")
        header = [
            _("Sida"),
            _("Adress"),
            _("Borttagen"),
            _("Svar"),
            _("Hjälpsamma"),
            _("Hjälpsam (%)"),
            _("Kommentarer"),
            _("Trend (procentenheter)"),
        ]

        def lines():
            for row in rows:
                page = pages.get(row.page_id)
                title, url = page or (row.title, row.stored_url)
                yield [
                    title,
                    url or "",
                    no if page else yes,
                    row.answers,
                    row.helpful,
                    row.percent_helpful,
                    row.comments,
                    "" if row.trend is None else row.trend,
                ]

        return streaming_csv(export_filename("sidor"), header, lines())


class ExportCommentsView(FeedbackAdminMixin, View):
    permissions = (VIEW, EXPORT)

    def get(self, request):
        filters = ReportFilterForm(request.GET).to_filters()
        comments = (
            filters.apply(Feedback.objects.all())
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
        header = [
            _("Tidpunkt"),
            _("Sida"),
            _("Adress"),
            _("Språk"),
            _("Hjälpsam"),
            _("Kommentar"),
            _("Hanterad"),
        ]

        def lines():
            for created_at, title, url, language, helpful, comment, handled in comments.iterator(
                chunk_size=2000
            ):
                yield [
                    timezone.localtime(created_at).strftime("%Y-%m-%d %H:%M"),
                    title,
                    url,
                    language or "",
                    yes if helpful else no,
                    comment,
                    yes if handled else no,
                ]

        return streaming_csv(export_filename("kommentarer"), header, lines())


urlpatterns = [
    path("", ReportView.as_view(), name="report"),
    path("sida/<int:page_id>/", PageFeedbackView.as_view(), name="page"),
    path("borttagen-sida/", DeletedPageFeedbackView.as_view(), name="deleted_page"),
    path("svar/<int:pk>/hanterad/", ToggleHandledView.as_view(), name="toggle_handled"),
    path("svar/<int:pk>/ta-bort/", DeleteFeedbackView.as_view(), name="delete"),
    path("export/sidor.csv", ExportPagesView.as_view(), name="export_pages"),
    path("export/kommentarer.csv", ExportCommentsView.as_view(), name="export_comments"),
]
