"""The feedback report in the Wagtail admin: its URLs, its menu item and its permissions."""

from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_urls, admin_views

# Granted to groups under "Återkoppling" in Settings → Groups. Adding feedback is the
# visitors' business, so "add" is left out.
GROUP_PERMISSIONS = ["view_feedback", "change_feedback", "delete_feedback", "export_feedback"]


class FeedbackMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.VIEW)


@hooks.register("register_admin_urls")
def register_feedback_admin_urls():
    return [path("aterkoppling/", include((admin_urls.urlpatterns, "feedback_admin")))]


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
