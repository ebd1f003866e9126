"""The webinar catalogue: index (the catalogue) → series → episodes."""

from .cards import episode_cards, in_own_language, series_cards
from .episode import WebinarEpisodePage
from .index import CATALOGUE_ORDER, SERIES_CARDS_MAX, WebinarIndexPage
from .orderables import EpisodeChapter, EpisodeRelatedCase, EpisodeSpeaker, chapter_problems
from .series import WebinarSeriesPage

__all__ = [
    "CATALOGUE_ORDER",
    "SERIES_CARDS_MAX",
    "EpisodeChapter",
    "EpisodeRelatedCase",
    "EpisodeSpeaker",
    "WebinarEpisodePage",
    "WebinarIndexPage",
    "WebinarSeriesPage",
    "chapter_problems",
    "episode_cards",
    "in_own_language",
    "series_cards",
]
