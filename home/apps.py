from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Gemensamt")

    def ready(self):
        from . import page_cache, per_request
        from .expiry import hide_expired_pages_in_wagtail_api

        hide_expired_pages_in_wagtail_api()
        page_cache.connect_signals()
        per_request.connect_signals()
