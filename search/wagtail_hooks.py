"""Search in the Wagtail admin: the statistics report and its permission.

Wagtail's own "Search terms" report (search_promotions) is for superusers only and says less
than Sökstatistik (no languages, no searches without results): it is taken out of the menu.
Its counts (SearchTermDay.record) still fill "Välj från populära söktermer"."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import VIEW, SearchStatsView


class SearchStatsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW)


@hooks.register("register_admin_urls")
def register_search_stats_url():
    return [path("sokstatistik/", SearchStatsView.as_view(), name="search_stats")]


@hooks.register("register_reports_menu_item")
def register_search_stats_menu_item():
    return SearchStatsMenuItem(
        _("Sökstatistik"), reverse("search_stats"), name="search-stats", icon_name="search"
    )


@hooks.register("construct_reports_menu")
def hide_wagtails_search_terms_report(request, menu_items):
    menu_items[:] = [item for item in menu_items if item.name != "search-terms"]


@hooks.register("register_permissions")
def register_search_stats_permission():
    return Permission.objects.filter(
        content_type__app_label="search", codename="view_searchtermday"
    )
