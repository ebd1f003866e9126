"""The webinar catalogue: index (the catalogue) → series → episodes."""

from .audio_description import full_media_url
from .cards import episode_cards, in_own_language, series_cards
from .episode import SeriesPlace, WebinarEpisodePage, WebinarEpisodeQuerySet
from .index import CATALOGUE_ORDER, CATALOGUE_PAGE_SIZE, SERIES_CARDS_MAX, WebinarIndexPage
from .orderables import (
    EpisodeChapter,
    EpisodeRelatedCase,
    EpisodeSpeaker,
    chapter_problems,
    clock,
)
from .series import WebinarSeriesPage, WebinarSeriesQuerySet

__all__ = [
    "CATALOGUE_ORDER",
    "CATALOGUE_PAGE_SIZE",
    "SERIES_CARDS_MAX",
    "EpisodeChapter",
    "EpisodeRelatedCase",
    "EpisodeSpeaker",
    "SeriesPlace",
    "WebinarEpisodePage",
    "WebinarEpisodeQuerySet",
    "WebinarIndexPage",
    "WebinarSeriesPage",
    "WebinarSeriesQuerySet",
    "chapter_problems",
    "clock",
    "episode_cards",
    "full_media_url",
    "in_own_language",
    "series_cards",
]
