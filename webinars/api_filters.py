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


def topic_options(episodes, locale):
    """Counted per topic across its translations (pages share topics across languages),
    named in `locale` where a translation exists."""
    through = WebinarEpisodePage.topics.through
    counts = dict(
        through.objects.filter(webinarepisodepage__in=episodes)
        .values_list("topic__translation_key")
        .annotate(count=Count("webinarepisodepage", distinct=True))
    )
    originals = Topic.objects.filter(translation_key__in=counts).order_by("translation_key", "pk")
    one_each = list({topic.translation_key: topic for topic in originals}.values())
    topics = sorted(in_locale(one_each, locale), key=lambda topic: topic.name.casefold())
    return [
        {"slug": topic.slug, "name": topic.name, "count": counts[topic.translation_key]}
        for topic in topics
    ]


def id_options(episodes, field, model):
    """Options by the id stored on the speaker rows (what the episodes filter matches)."""
    counts = dict(
        EpisodeSpeaker.objects.filter(page__in=episodes, **{f"{field}__isnull": False})
        .values_list(field)
        .annotate(count=Count("page", distinct=True))
    )
    names = dict(model.objects.filter(pk__in=counts).values_list("pk", "name"))
    rows = [{"id": pk, "name": names[pk], "count": count} for pk, count in counts.items()]
    return sorted(rows, key=lambda row: (row["name"].casefold(), row["id"]))


def catalogue_filters(locale) -> dict:
    episodes = WebinarEpisodePage.objects.visible(locale)
    ids = episodes.values("pk")
    return {
        "locale": locale.language_code,
        "total": episodes.count(),
        "topics": topic_options(ids, locale),
        "speakers": id_options(ids, "person", Person),
        "organisations": id_options(ids, "person__organisation", Organisation),
        "years": [
            {"year": year, "count": count}
            for year, count in sorted(year_counts(episodes).items(), reverse=True)
        ],
    }
