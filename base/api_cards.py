"""Cards in the JSON API: each content type's one card, what its HTML card shows, wherever the
API lists or references a page of that type. Built from pages prepared in batch by their app
(`register_cards()` in its `AppConfig.ready()`: base cannot import the apps above it), so N
references cost the queries of one."""

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Annotated, Literal, NamedTuple

from pydantic import BaseModel, Discriminator, Field, Tag
from wagtail.models import Page

from core.visibility import visible_pages

from .api_serializers import (
    ImageDataSchema,
    ImageField,
    OrganisationSchema,
    PageRefSchema,
    PersonSchema,
    TopicSchema,
    image_data,
    organisation_data,
    page_ref,
    person_data,
    rich_text_html,
    topic_data,
)

EPISODE = "webinars.WebinarEpisodePage"
SERIES = "webinars.WebinarSeriesPage"
CASE = "cases.CaseStoryPage"
PRESS_RELEASE = "articles.PressReleasePage"


class CardBaseSchema(BaseModel):
    id: int
    type: str = Field(description="The page type, e.g. webinars.WebinarEpisodePage")
    title: str
    url: str | None
    locale: str = Field(description="Language code of the page")


class EpisodeCardSchema(CardBaseSchema):
    """An episode: topics and speakers in the episode's language."""

    type: Literal["webinars.WebinarEpisodePage"]
    summary: str
    thumbnail: ImageDataSchema | None
    series: PageRefSchema | None
    state: Literal["upcoming", "recorded", "unscheduled"]
    starts_at: datetime | None
    recorded_on: date | None
    duration_seconds: int | None
    topics: list[TopicSchema]
    speakers: list[PersonSchema]


class SeriesCardSchema(CardBaseSchema):
    """A series: topics in the series' language."""

    type: Literal["webinars.WebinarSeriesPage"]
    intro: str = Field(description="HTML, links resolved to real URLs")
    image: ImageDataSchema | None
    topics: list[TopicSchema]


class CaseCardSchema(CardBaseSchema):
    """A case story: its organisation and topics in the case's language."""

    type: Literal["cases.CaseStoryPage"]
    summary: str
    image: ImageDataSchema | None
    organisation: OrganisationSchema | None
    date_published: date | None
    topics: list[TopicSchema]


class PressReleaseCardSchema(CardBaseSchema):
    type: Literal["articles.PressReleasePage"]
    published_at: datetime | None
    lead: str


class PageTeaserCardSchema(CardBaseSchema):
    """Any other page type: its teaser (meta description, intro or summary)."""

    type: str
    teaser: str


def card_tag(value) -> str:
    kind = value.get("type") if isinstance(value, dict) else getattr(value, "type", None)
    return kind if kind in (EPISODE, SERIES, CASE, PRESS_RELEASE) else "page"


CardSchema = Annotated[
    Annotated[EpisodeCardSchema, Tag(EPISODE)]
    | Annotated[SeriesCardSchema, Tag(SERIES)]
    | Annotated[CaseCardSchema, Tag(CASE)]
    | Annotated[PressReleaseCardSchema, Tag(PRESS_RELEASE)]
    | Annotated[PageTeaserCardSchema, Tag("page")],
    Discriminator(card_tag),
    Field(description="A page's card, by its `type`"),
]


def card_base(page, request) -> dict:
    return page_ref(page, request) | {"locale": page.locale.language_code}


def episode_card(episode, request) -> dict:
    """An episode from `webinars.models.episode_cards()`."""
    return card_base(episode, request) | {
        "summary": episode.summary,
        "thumbnail": image_data(episode.thumbnail),
        "series": page_ref(episode.series, request) if episode.series else None,
        "state": episode.state,
        "starts_at": episode.starts_at,
        "recorded_on": episode.recorded_on,
        "duration_seconds": episode.duration_seconds,
        "topics": [topic_data(topic) for topic in episode.card_topics],
        "speakers": [person_data(person) for person in episode.card_people],
    }


def series_card(series, request) -> dict:
    """A series from `webinars.models.series_cards()`."""
    return card_base(series, request) | {
        "intro": rich_text_html(series.intro),
        "image": image_data(series.image),
        "topics": [topic_data(topic) for topic in series.card_topics],
    }


def case_card(case, request) -> dict:
    """A case story from `cases.cards.case_cards()`."""
    return card_base(case, request) | {
        "summary": case.summary,
        "image": image_data(case.image),
        "organisation": organisation_data(case.card_organisation),
        "date_published": case.date_published,
        "topics": [topic_data(topic) for topic in case.card_topics],
    }


def press_release_card(release, request) -> dict:
    return card_base(release, request) | {
        "published_at": release.published_at,
        "lead": release.lead,
    }


def teaser_card(page, request) -> dict:
    return card_base(page, request) | {"teaser": getattr(page, "teaser", "") or ""}


BUILDERS = {
    EPISODE: episode_card,
    SERIES: series_card,
    CASE: case_card,
    PRESS_RELEASE: press_release_card,
}


class CardType(NamedTuple):
    prepare: Callable[[Iterable[Page]], list[Page]]
    order: tuple[str, ...]  # the HTML list's order of such pages


CARD_TYPES: dict[str, CardType] = {}


def register_cards(model, prepare=list, order=("path",)) -> None:
    """`prepare(queryset)`: the pages with all their card shows, in a fixed number of queries."""
    CARD_TYPES[model._meta.label] = CardType(prepare, order)


def card_type(model) -> CardType:
    return CARD_TYPES.get(model._meta.label, CardType(list, ("path",)))


def prepared_cards(pages, request) -> list[dict]:
    """`pages` (a queryset of one page type, sliced or not), prepared by the type's
    `register_cards()` preparer, as cards."""
    build = BUILDERS.get(pages.model._meta.label, teaser_card)
    prepare = card_type(pages.model).prepare
    return [build(page, request) for page in prepare(pages.select_related("locale"))]


def cards(pages, request=None) -> list[dict]:
    """The visible pages among `pages` (any types, in their order) as their cards: one batch
    per page type."""
    pages = list(pages)
    ids_by_model = defaultdict(list)
    for page in pages:
        ids_by_model[page.specific_class or type(page)].append(page.pk)
    found = {}
    for model, ids in ids_by_model.items():
        queryset = visible_pages(model.objects.filter(pk__in=ids))
        found.update((card["id"], card) for card in prepared_cards(queryset, request))
    return [found[page.pk] for page in pages if page.pk in found]


class CardsField(ImageField):
    """Page references (`api_fields`) as the cards of the visible pages among them."""

    def to_representation(self, value) -> list[CardSchema]:
        return cards(value)
