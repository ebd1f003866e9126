"""The catalogue's filter options with counts of visible episodes, in one language, so a
front end draws the form without paging through every episode: /api/v3/webinars/filters/.
Each option's value is what `webinars/episodes/` takes. A fixed number of queries."""

from django.conf import settings
from django.db.models import Count
from ninja import Field, Schema

from base.listing import in_locale
from base.models import Organisation, Person, Topic

from .catalogue import year_counts
from .models import EpisodeSpeaker, WebinarEpisodePage


class FilterParams(Schema):
    locale: str = Field(settings.LANGUAGE_CODE, description="Language code, e.g. sv or en")


class TopicOptionSchema(Schema):
    slug: str
    name: str
    count: int


class IdOptionSchema(Schema):
    id: int
    name: str
    count: int


class YearOptionSchema(Schema):
    year: int
    count: int


class CatalogueFiltersSchema(Schema):
    locale: str
    total: int = Field(description="Visible episodes in this language")
    topics: list[TopicOptionSchema]
    speakers: list[IdOptionSchema]
    organisations: list[IdOptionSchema]
    years: list[YearOptionSchema]


def one_each_in_locale(counts, model, locale):
    """(snippet, count) for `counts` of {translation key: episodes}, the snippet in `locale`
    where a translation exists (what that language's cards show), sorted by name. Counted by
    translation key: pages share snippets across languages, and the filters match any."""
    originals = model.objects.filter(translation_key__in=counts).order_by("translation_key", "pk")
    one_each = list({item.translation_key: item for item in originals}.values())
    items = sorted(in_locale(one_each, locale), key=lambda item: (item.name.casefold(), item.pk))
    return [(item, counts[item.translation_key]) for item in items]


def topic_options(episodes, locale):
    through = WebinarEpisodePage.topics.through
    counts = dict(
        through.objects.filter(webinarepisodepage__in=episodes)
        .values_list("topic__translation_key")
        .annotate(count=Count("webinarepisodepage", distinct=True))
    )
    return [
        {"slug": topic.slug, "name": topic.name, "count": count}
        for topic, count in one_each_in_locale(counts, Topic, locale)
    ]


def id_options(episodes, field, model, locale):
    """Options by the id of a speaker's person or organisation in `locale` (the episodes
    filter takes the id of any of its translations)."""
    counts = dict(
        EpisodeSpeaker.objects.filter(page__in=episodes, **{f"{field}__isnull": False})
        .values_list(f"{field}__translation_key")
        .annotate(count=Count("page", distinct=True))
    )
    return [
        {"id": item.pk, "name": item.name, "count": count}
        for item, count in one_each_in_locale(counts, model, locale)
    ]


def catalogue_filters(locale) -> dict:
    episodes = WebinarEpisodePage.objects.visible(locale)
    ids = episodes.values("pk")
    return {
        "locale": locale.language_code,
        "total": episodes.count(),
        "topics": topic_options(ids, locale),
        "speakers": id_options(ids, "person", Person, locale),
        "organisations": id_options(ids, "person__organisation", Organisation, locale),
        "years": [
            {"year": year, "count": count}
            for year, count in sorted(year_counts(episodes).items(), reverse=True)
        ],
    }
