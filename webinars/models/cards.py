"""Episodes and series as every listing's cards show them, in HTML and in the API, in a fixed
number of queries whatever their number."""

from collections import defaultdict

from django.db.models import Prefetch
from wagtail.models import Page

from base.listing import card_images, with_thumbnails
from base.models import Person, Topic
from core.visibility import visible_pages


def episode_cards(episodes, *, details=True):
    """`episodes` (a queryset) as a list ready for cards, each with its visible `series` (a
    plain page). With `details` (the API's card, the feeds): `card_topics` and `card_people`
    in each episode's language; without, only what the HTML card shows."""
    episodes = list(episodes.cards() if details else with_thumbnails(episodes, "thumbnail"))
    parent_paths = {episode.path[: -Page.steplen] for episode in episodes}
    # Title, URL and type are all a card shows of its series: no series table needed (and no
    # query at all for no episodes: Django answers an empty IN itself).
    series = {item.path: item for item in visible_pages(Page.objects.filter(path__in=parent_paths))}
    for episode in episodes:
        episode.series = series.get(episode.path[: -Page.steplen])
    if not details:
        return episodes
    in_own_language(episodes, "card_topics", lambda page: page.topics.all(), Topic.objects)
    people = Person.objects.select_related("organisation").prefetch_related(
        Prefetch("portrait", queryset=card_images())
    )
    in_own_language(
        episodes,
        "card_people",
        lambda episode: [speaker.person for speaker in episode.speakers.all()],
        people,
    )
    return episodes


def series_cards(series):
    series = list(series.cards())
    in_own_language(series, "card_topics", lambda page: page.topics.all(), Topic.objects)
    return series


def in_own_language(pages, attribute, items_of, translations):
    """Set `attribute` on each page to `items_of(page)` (topics, people) in the page's language
    where a translation exists: pages share snippets across languages. One query from
    `translations` per language that needs any."""
    by_locale = defaultdict(list)
    for page in pages:
        by_locale[page.locale_id].append(page)
    for locale_id, group in by_locale.items():
        items = [item for page in group for item in items_of(page)]
        keys = {item.translation_key for item in items if item.locale_id != locale_id}
        found = {
            item.translation_key: item
            for item in translations.filter(translation_key__in=keys, locale_id=locale_id)
        }
        for page in group:
            translated = [found.get(item.translation_key, item) for item in items_of(page)]
            setattr(page, attribute, translated)
