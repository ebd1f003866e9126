"""Facet counts: how many of the matching pages have each type, topic, series, organisation
and year, in three grouped queries over the matching ids (type, year and series together;
topic; organisation) and one for the names of each list, whatever the number of results."""

from collections import Counter
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F
from django.db.models.functions import Coalesce, Substr
from wagtail.models import Page

from base.models import Organisation, Topic
from core.visibility import visible_pages

from .filters import CONTENT_TYPES, OTHER_TYPE, TOPIC_MODELS, TYPE_LABELS, Filters, page_year


@dataclass
class FacetValue:
    key: str
    label: str
    count: int
    selected: bool = False


def add_up(rows, key="key"):
    counts = Counter()
    for row in rows:
        if row[key] is not None:
            counts[row[key]] += row["n"]
    return counts


def snippet_facet(matching, model, keys, chosen, locale, facet_key):
    """The topics or organisations (`keys`: their translation keys) of the `matching` pages,
    most used first, each in `locale` where it has a version there."""
    counts = add_up(matching.values(key=keys).annotate(n=Count("pk", distinct=True)).order_by())
    versions = {}
    for item in model.objects.filter(translation_key__in=counts):
        if item.translation_key not in versions or item.locale_id == locale.pk:
            versions[item.translation_key] = item
    chosen_key = chosen.translation_key if chosen else None
    values = [
        FacetValue(facet_key(item), item.name, counts[key], key == chosen_key)
        for key, item in versions.items()
    ]
    return sorted(values, key=lambda value: (-value.count, value.label))


def facet_counts(ids, locale, chosen: Filters) -> dict[str, list[FacetValue]]:
    """The facets of the pages `ids` (all visible in `locale`), the chosen values marked."""
    matching = Page.objects.filter(pk__in=ids)
    # Type, year and parent (an episode's series) in one grouped query.
    parent = Substr("path", 1, (F("depth") - 1) * Page.steplen)
    rows = list(
        matching.values("content_type", year=page_year(), parent=parent)
        .annotate(n=Count("pk"))
        .order_by()
    )
    types = ContentType.objects.get_for_models(*CONTENT_TYPES.values())
    keys_by_type = {types[model].pk: key for key, model in CONTENT_TYPES.items()}
    for row in rows:
        row["type"] = keys_by_type.get(row["content_type"], OTHER_TYPE)
        row["series"] = row["parent"] if row["type"] == "avsnitt" else None
    type_counts, year_counts, series_counts = (add_up(rows, k) for k in ("type", "year", "series"))
    # An episode's parent is its series; slug and title are all a facet shows of it.
    series = visible_pages(Page.objects.filter(path__in=series_counts), locale).order_by("title")
    topic_keys = (f"{model._meta.model_name}__topics__translation_key" for model in TOPIC_MODELS)
    # An episode's speakers' organisations, a case's organisation, a press release's publisher.
    organisation_keys = Coalesce(
        "webinarepisodepage__speakers__person__organisation__translation_key",
        "casestorypage__organisation__translation_key",
        "pressreleasepage__publisher__translation_key",
    )
    chosen_series = chosen.series.pk if chosen.series else None
    return {
        "type": [
            FacetValue(key, str(TYPE_LABELS[key]), type_counts[key], key == chosen.type)
            for key in TYPE_LABELS
            if key in type_counts
        ],
        "topic": snippet_facet(
            matching, Topic, Coalesce(*topic_keys), chosen.topic, locale, lambda t: t.slug
        ),
        "series": [
            FacetValue(page.slug, page.title, series_counts[page.path], page.pk == chosen_series)
            for page in series
        ],
        "organisation": snippet_facet(
            matching,
            Organisation,
            organisation_keys,
            chosen.organisation,
            locale,
            lambda o: str(o.pk),
        ),
        "year": [
            FacetValue(str(year), str(year), year_counts[year], year == chosen.year)
            for year in sorted(year_counts, reverse=True)
        ],
    }
