"""The admin report "Återkoppling": per-page figures, a chart, the comments; the exports are in
feedback/exports.py.

Registered under /admin/aterkoppling/ by wagtail_hooks.py. Every view needs
`feedback.view_feedback`; the actions and exports need their own permission on top. A missing
permission answers 403 here, not Wagtail's usual redirect to the dashboard."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView, View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from . import figures
from .chart import chart_for
from .forms import MAX_ID, PeriodFilterForm, ReportFilterForm
from .models import Feedback
from .services import delete_feedback

VIEW = "feedback.view_feedback"
CHANGE = "feedback.change_feedback"
DELETE = "feedback.delete_feedback"
EXPORT = "feedback.export_feedback"

ROWS_PER_PAGE = 50
COMMENTS_PER_PAGE = 50


def forbidden(request):
    return TemplateResponse(request, "feedback/admin/forbidden.html", status=403)


class FeedbackAdminMixin:
    """403 for anyone without all of `permissions`."""

    permissions = (VIEW,)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perms(self.permissions):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)


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


# Views -------------------------------------------------------------------------------------


class FeedbackTemplateView(FeedbackAdminMixin, WagtailAdminTemplateMixin, TemplateView):
    header_icon = "comment"
    page_title = gettext_lazy("Återkoppling")

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
        filters = form.to_filters()
        scope = figures.Scope(filters)
        rows = figures.sorted_rows(scope.rows(filters.date_from, filters.date_to), form.ordering)
        pagination = paginate(self.request, RowPaginator(rows, ROWS_PER_PAGE))
        page_rows = figures.attach_pages(list(pagination["page_obj"].object_list))
        scope.add_trends(page_rows, page_rows)
        total = figures.total_of(rows)
        scope.add_trends([total])
        period_query = form.period_query()
        for row in page_rows:
            row.view_url = page_view_url(row, period_query)
        query = self.request.GET.copy()
        query.pop("p", None)
        exports = reverse("feedback_admin:export_pages"), reverse("feedback_admin:export_comments")
        context.update(
            form=form,
            rows=page_rows,
            total=total,
            chart=chart_for(scope, "feedback-chart") if total.answers else None,
            export_urls=[
                (label, with_query(url, {**query.dict(), "export": kind}))
                for url, kind, label in (
                    (exports[0], "csv", _("Exportera sidorna (CSV)")),
                    (exports[0], "xlsx", _("Exportera sidorna (Excel)")),
                    (exports[1], "csv", _("Exportera kommentarerna (CSV)")),
                    (exports[1], "xlsx", _("Exportera kommentarerna (Excel)")),
                )
            ],
            media=form.media,
            **pagination,
        )
        return context


class PageFeedbackView(FeedbackTemplateView):
    """One page: its figures, its chart and its comments, newest first."""

    template_name = "feedback/admin/page.html"

    def get_scope(self, filters):
        """(the scope of this page's feedback, its title, the page or None)."""
        if self.kwargs["page_id"] > MAX_ID:
            raise Http404
        page = get_object_or_404(Page, pk=self.kwargs["page_id"])
        return figures.Scope(filters, page=page), page.get_admin_display_title(), page

    def get_page_subtitle(self):
        return self.scoped[1]

    @cached_property
    def form(self):
        return PeriodFilterForm(self.request.GET)

    @cached_property
    def scoped(self):
        return self.get_scope(self.form.to_filters())

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("feedback_admin:report"), "label": _("Återkoppling")},
            {"url": "", "label": self.scoped[1]},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scope, title, page = self.scoped
        filters = scope.filters
        totals = scope.totals(filters.date_from, filters.date_to)
        scope.add_trends([totals])
        comments = (
            scope.answers()
            .between_days(filters.date_from, filters.date_to)
            .with_comments()
            .order_by("-created_at", "-pk")
        )
        pagination = paginate(self.request, CommentPaginator(comments, COMMENTS_PER_PAGE))
        context.update(
            form=self.form,
            title=title,
            page=page,
            is_deleted=page is None,
            edit_url=reverse("wagtailadmin_pages:edit", args=[page.pk]) if page else None,
            live_url=page.get_url(self.request) if page and page.live else None,
            figures=totals,
            chart=chart_for(scope, "feedback-page-chart") if totals.answers else None,
            comments=pagination["page_obj"].object_list,
            back_url=self.request.get_full_path(),
            media=self.form.media,
            **pagination,
        )
        return context


class DeletedPageFeedbackView(PageFeedbackView):
    """A deleted page, known by the title and address stored with its feedback."""

    def get_scope(self, filters):
        title = self.request.GET.get("titel", "")
        address = self.request.GET.get("adress", "")
        answers = Feedback.objects.filter(page__isnull=True, page_title=title, page_url=address)
        if not answers.exists():
            raise Http404
        return figures.Scope(filters, deleted=(title, address)), title, None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["stored_url"] = self.request.GET.get("adress", "")
        # The filter form must keep saying which deleted page it is about.
        context["hidden"] = {"titel": self.scoped[1], "adress": context["stored_url"]}
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
