from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Vägledning och press")

    def ready(self):
        # The API's press release cards in the press list's order.
        from base.api_cards import register_cards

        from .models import PressReleasePage

        register_cards(PressReleasePage, order=("-published_at", "path"))
