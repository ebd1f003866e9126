"""The feedback report in the Wagtail admin: its URLs, menu item and group permissions."""

from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views as views
from .exports import ExportCommentsView, ExportPagesView

# "add" is the visitors' business, not a group's.
GROUP_PERMISSIONS = ["view_feedback", "change_feedback", "delete_feedback", "export_feedback"]

urlpatterns = [
    path("", views.ReportView.as_view(), name="report"),
    path("sida/<int:page_id>/", views.PageFeedbackView.as_view(), name="page"),
    path("borttagen-sida/", views.PageFeedbackView.as_view(), name="deleted_page"),
    path("svar/<int:pk>/hanterad/", views.ToggleHandledView.as_view(), name="toggle_handled"),
    path("svar/<int:pk>/ta-bort/", views.DeleteFeedbackView.as_view(), name="delete"),
    path("export/sidor/", ExportPagesView.as_view(), name="export_pages"),
    path("export/kommentarer/", ExportCommentsView.as_view(), name="export_comments"),
]


class FeedbackMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(views.VIEW)


@hooks.register("register_admin_urls")
def register_feedback_admin_urls():
    return [path("aterkoppling/", include((urlpatterns, "feedback_admin")))]


@hooks.register("register_admin_menu_item")
def register_feedback_menu_item():
    return FeedbackMenuItem(
        _("Återkoppling"),
        reverse("feedback_admin:report"),
        name="feedback",
        icon_name="comment",
        order=450,
    )


@hooks.register("register_permissions")
def register_feedback_permissions():
    return Permission.objects.filter(
        content_type__app_label="feedback", codename__in=GROUP_PERMISSIONS
    )
