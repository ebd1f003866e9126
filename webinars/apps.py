from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebinarsConfig(AppConfig):
    name = "webinars"
    verbose_name = _("Webbinarier")

    def ready(self):
        # The API's cards of episodes and series, wherever a page lists or references them.
        from base.api_cards import register_cards

        from .models import WebinarEpisodePage, WebinarSeriesPage, episode_cards, series_cards

        register_cards(WebinarEpisodePage, episode_cards)
        register_cards(WebinarSeriesPage, series_cards)
