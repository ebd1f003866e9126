"""The editorial side of the admin: the "Behöver åtgärdas" report and its dashboard panel."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .attention import counts_for
from .digest import DigestSettingsPanel
from .drafts import AUTOSAVE_CREATED, mark_if_autosaved, name_the_page_holding_the_slug
from .views import AttentionPanel, AttentionReportView


@hooks.register("register_admin_urls")
def register_attention_urls():
    return [
        path("behover-atgardas/", AttentionReportView.as_view(), name="editorial_attention"),
        path(
            "behover-atgardas/resultat/",
            AttentionReportView.as_view(results_only=True),
            name="editorial_attention_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_attention_menu_item():
    return MenuItem(
        _("Behöver åtgärdas"),
        reverse("editorial_attention"),
        name="editorial-attention",
        icon_name="warning",
        order=10,
    )


@hooks.register("construct_homepage_panels")
def add_attention_panel(request, panels):
    panels.append(AttentionPanel(counts_for(request.user)))


hooks.register("register_account_settings_panel", DigestSettingsPanel)
hooks.register("after_create_page", mark_if_autosaved)
hooks.register("before_create_page", name_the_page_holding_the_slug)


@hooks.register("register_log_actions")
def register_autosave_created(actions):
    label = _("Skapad av automatisk sparning")
    actions.register_action(AUTOSAVE_CREATED, label, label)
