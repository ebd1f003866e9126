from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Exempel")

    def ready(self):
        # The API's case cards, wherever a page lists or references cases, in the list's order.
        from base.api_cards import register_cards

        from .cards import case_cards
        from .models import CaseStoryPage

        register_cards(CaseStoryPage, case_cards, order=("-date_published", "path"))
