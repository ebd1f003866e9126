"""The admin report /admin/aterkoppling/: figures per page, a chart and the comments. Every view
needs `feedback.view_feedback`, actions and exports their own permission too (else a 403)."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from . import figures
from .chart import chart_for
from .forms import PeriodFilterForm, ReportFilterForm
from .models import Feedback
from .services import delete_feedback

VIEW, CHANGE = "feedback.view_feedback", "feedback.change_feedback"
DELETE, EXPORT = "feedback.delete_feedback", "feedback.export_feedback"
PER_PAGE = 50


class FeedbackAdminMixin:
    permissions = (VIEW,)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perms(self.permissions):
            return TemplateResponse(request, "feedback/admin/forbidden.html", status=403)
        return super().dispatch(request, *args, **kwargs)


PAGES = ngettext_lazy("%(count)d sida", "%(count)d sidor", "count")
COMMENTS = ngettext_lazy("%(count)d kommentar", "%(count)d kommentarer", "count")


def paginate(request, items, label) -> dict:
    """What Wagtail's pagination_nav.html expects; `label` (PAGES, COMMENTS) names the items."""
    paginator = Paginator(items, PER_PAGE)
    paginator.items_count_label = label % {"count": paginator.count}
    page = paginator.get_page(request.GET.get("p"))
    return {"page_obj": page, "elided_page_range": paginator.get_elided_page_range(page.number)}


def view_url(row, period: dict) -> str:
    if row.page_id:
        url, query = reverse("feedback_admin:page", args=[row.page_id]), period
    else:
        url = reverse("feedback_admin:deleted_page")
        query = {"titel": row.stored_title, "adress": row.stored_url, **period}
    return f"{url}?{urlencode(query)}" if query else url


class FeedbackTemplateView(FeedbackAdminMixin, WagtailAdminTemplateMixin, TemplateView):
    header_icon = "comment"
    page_title = gettext_lazy("Återkoppling")

    def get_breadcrumbs_items(self):
        if self.get_page_subtitle():
            report = {"url": reverse("feedback_admin:report"), "label": _("Återkoppling")}
            return [*self.breadcrumbs_items, report, {"url": "", "label": self.get_page_subtitle()}]
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class ReportView(FeedbackTemplateView):
    template_name = "feedback/admin/report.html"

    def get_context_data(self, **kwargs):
        form = ReportFilterForm(self.request.GET)
        filters = form.to_filters()
        scope = figures.Scope(filters)
        rows = figures.sorted_rows(scope.rows(filters.date_from, filters.date_to), form.ordering)
        pagination = paginate(self.request, rows, PAGES)
        shown = figures.attach_pages(list(pagination["page_obj"].object_list))
        scope.add_trends(shown)
        total = figures.total_of(rows)
        scope.add_trend(total)
        period = form.period_query()
        for row in shown:
            row.view_url = view_url(row, period)
        return super().get_context_data(
            form=form,
            rows=shown,
            total=total,
            chart=chart_for(scope, "feedback-chart") if total.answers else None,
            export_query=urlencode({k: v for k, v in self.request.GET.items() if k != "p"}),
            media=form.media,
            **pagination,
            **kwargs,
        )


class PageFeedbackView(FeedbackTemplateView):
    """One page: its figures, its chart and its comments, newest first. A deleted page (no
    `page_id`) is known by the title and address kept with its answers."""

    template_name = "feedback/admin/page.html"

    @cached_property
    def form(self):
        return PeriodFilterForm(self.request.GET)

    @cached_property
    def page(self):
        if "page_id" not in self.kwargs:
            return None
        return get_object_or_404(Page, pk=self.kwargs["page_id"])

    @cached_property
    def kept(self):
        return self.request.GET.get("titel", ""), self.request.GET.get("adress", "")

    @cached_property
    def scope(self):
        if self.page is not None:
            return figures.Scope(self.form.to_filters(), page=self.page)
        title, url = self.kept
        if not Feedback.objects.filter(page__isnull=True, page_title=title, page_url=url).exists():
            raise Http404
        return figures.Scope(self.form.to_filters(), deleted=self.kept)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title() if self.page else self.scope.deleted[0]

    def get_context_data(self, **kwargs):
        filters, page = self.scope.filters, self.page
        totals = self.scope.totals(filters.date_from, filters.date_to)
        self.scope.add_trend(totals)
        comments = self.scope.answers().between_days(filters.date_from, filters.date_to)
        comments = comments.with_comments().order_by("-created_at", "-pk")
        pagination = paginate(self.request, comments, COMMENTS)
        return super().get_context_data(
            form=self.form,
            page=page,
            figures=totals,
            chart=chart_for(self.scope, "feedback-page-chart") if totals.answers else None,
            comments=pagination["page_obj"].object_list,
            media=self.form.media,
            # A deleted page's filter form keeps saying which page it is about.
            stored_url=None if page else self.kept[1],
            hidden=None if page else {"titel": self.kept[0], "adress": self.kept[1]},
            **pagination,
            **kwargs,
        )


def back_url(request, feedback):
    url = request.POST.get("next") or request.GET.get("next")
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    if feedback.page_id:
        return reverse("feedback_admin:page", args=[feedback.page_id])
    return reverse("feedback_admin:report")


class ToggleHandledView(FeedbackAdminMixin, View):
    """Sets `handled` to what the button said ("hanterad": "ja"/"nej"), so two editors
    clicking at once agree; without a value it toggles."""

    permissions = (VIEW, CHANGE)
    http_method_names = ["post"]

    def post(self, request, pk):
        feedback = get_object_or_404(Feedback, pk=pk)
        wanted = request.POST.get("hanterad")
        feedback.handled = wanted == "ja" if wanted in ("ja", "nej") else not feedback.handled
        feedback.save(update_fields=["handled"])
        done = _("Kommentaren är markerad som hanterad.")
        messages.success(
            request, done if feedback.handled else _("Kommentaren är markerad som ej hanterad.")
        )
        return redirect(back_url(request, feedback))


class DeleteFeedbackView(FeedbackTemplateView):
    """Asks first (GET), deletes the answer with its comment (POST)."""

    permissions = (VIEW, DELETE)
    template_name = "feedback/admin/confirm_delete.html"
    http_method_names = ["get", "post"]

    @cached_property
    def feedback(self):
        return get_object_or_404(Feedback, pk=self.kwargs["pk"])

    def get_page_subtitle(self):
        return _("Ta bort svar")

    def get_context_data(self, **kwargs):
        next_url = back_url(self.request, self.feedback)
        return super().get_context_data(feedback=self.feedback, next=next_url, **kwargs)

    def post(self, request, pk):
        url = back_url(request, self.feedback)
        delete_feedback(self.feedback)
        messages.success(request, _("Svaret och dess kommentar är borttagna."))
        return redirect(url)
