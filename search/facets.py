"""Facet counts: how many of the matching pages have each type, topic, series, organisation
and year. Plain Django over the matching ids: three grouped queries (type, year and series
together; topic; organisation) and one for the names of each list, whatever the number of
results."""

from dataclasses import dataclass
from operator import attrgetter

from django.db.models import Count, F
from django.db.models.functions import Coalesce, Substr
from wagtail.models import Page

from base.models import Organisation, Topic
from core.visibility import visible_pages
from webinars.models import WebinarEpisodePage

from .filters import (
    CONTENT_TYPES,
    OTHER_TYPE,
    TOPIC_MODELS,
    TYPE_LABELS,
    Filters,
    content_type_id,
    page_year,
)


@dataclass
class FacetValue:
    key: str
    label: str
    count: int
    selected: bool = False


def parent_path():
    return Substr("path", 1, (F("depth") - 1) * Page.steplen)


def topic_key():
    """A page's topics (their translation keys), whichever page type holds them."""
    return Coalesce(
        *(f"{model._meta.model_name}__topics__translation_key" for model in TOPIC_MODELS)
    )


def organisation_key():
    """An episode's speakers' organisations, a case's organisation, a press release's
    publisher (their translation keys)."""
    return Coalesce(
        "webinarepisodepage__speakers__person__organisation__translation_key",
        "casestorypage__organisation__translation_key",
        "pressreleasepage__publisher__translation_key",
    )


def add_up(rows, key="key"):
    counts = {}
    for row in rows:
        if row[key] is not None:
            counts[row[key]] = counts.get(row[key], 0) + row["n"]
    return counts


def by_count(values):
    return sorted(values, key=lambda value: (-value.count, value.label))


def snippet_facet(matching, model, expression, chosen, locale, key):
    """The topics or organisations (`expression`: their translation keys) of the `matching`
    pages, most used first, each in `locale` where it has a version there: one query for the
    counts and one for every language's versions."""
    counts = add_up(
        matching.values(key=expression).annotate(n=Count("pk", distinct=True)).order_by()
    )
    versions = {}
    for item in model.objects.filter(translation_key__in=counts):
        if item.translation_key not in versions or item.locale_id == locale.pk:
            versions[item.translation_key] = item
    chosen_key = chosen.translation_key if chosen else None
    return by_count(
        FacetValue(key(item), item.name, counts[translation_key], translation_key == chosen_key)
        for translation_key, item in versions.items()
    )


def facet_counts(ids, locale, chosen: Filters) -> dict[str, list[FacetValue]]:
    """The facets of the pages `ids` (all visible in `locale`), with the chosen values
    marked."""
    matching = Page.objects.filter(pk__in=ids)
    # Type, year and parent (an episode's series) in one grouped query.
    rows = list(
        matching.values("content_type", year=page_year(), parent=parent_path())
        .annotate(n=Count("pk"))
        .order_by()
    )
    keys_by_type = {content_type_id(model): key for key, model in CONTENT_TYPES.items()}
    episode_type = content_type_id(WebinarEpisodePage)
    for row in rows:
        row["type"] = keys_by_type.get(row["content_type"], OTHER_TYPE)
        row["series"] = row["parent"] if row["content_type"] == episode_type else None
    type_counts = add_up(rows, "type")
    year_counts = add_up(rows, "year")
    series_counts = add_up(rows, "series")
    # An episode's parent is its series; slug and title are all a facet shows of it.
    series = visible_pages(Page.objects.filter(path__in=series_counts), locale)

    topics = snippet_facet(matching, Topic, topic_key(), chosen.topic, locale, attrgetter("slug"))
    organisations = snippet_facet(
        matching, Organisation, organisation_key(), chosen.organisation, locale, lambda o: str(o.pk)
    )

    return {
        "type": [
            FacetValue(key, str(TYPE_LABELS[key]), type_counts[key], key == chosen.type)
            for key in TYPE_LABELS
            if key in type_counts
        ],
        "topic": topics,
        "series": [
            FacetValue(
                page.slug,
                page.title,
                series_counts[page.path],
                chosen.series is not None and page.pk == chosen.series.pk,
            )
            for page in series.order_by("title")
        ],
        "organisation": organisations,
        "year": [
            FacetValue(str(year), str(year), year_counts[year], year == chosen.year)
            for year in sorted(year_counts, reverse=True)
        ],
    }
