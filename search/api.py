"""Site search in the JSON API: /api/v3/search/ and /api/v3/search/suggestions/.

The same search as the page /sok/ (search.query): the same words, filters, facets, editors'
recommendations and counting of what people search for. The suggestions also fill the search
page's box (static/js/search.js). Bad input is a 400 with a message."""

from datetime import date, datetime
from typing import Literal

from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from wagtail.models import Locale

from base.api_serializers import ImageDataSchema, image_data
from core.api_params import PaginationParams, QueryId, check_params, get_locale, paginate_queryset

from .filters import FILTER_NAMES, TYPE_LABELS, resolve_filters
from .models import SearchTermDay
from .query import MAX_QUERY_LENGTH, QueryProblem, clean_query, site_search, title_suggestions
from .results import promotions_for, result_cards

router = Router(tags=["search"])
MAX_SUGGESTIONS = 8


class SearchParams(PaginationParams):
    q: str = Field(..., description="The words to search for, at most 200 characters (longer: 400)")
    type: str | None = Field(
        None, description="avsnitt, serie, exempel, vagledning, pressmeddelande or sida"
    )
    topic: str | None = Field(None, description="Topic slug")
    series: str | None = Field(None, description="Series slug")
    organisation: QueryId | None = Field(None, description="Organisation id")
    year: int | None = Field(None, ge=1900, le=2100)
    locale: str | None = Field(None, description="Language code; default: Accept-Language")
    limit: int = Field(10, ge=1, le=50)


class SuggestParams(Schema):
    q: str
    locale: str | None = None


class FacetValueSchema(Schema):
    key: str
    label: str
    count: int
    selected: bool


class MomentSchema(Schema):
    seconds: int = Field(description="Where in the video the words are (chapter or caption)")
    clock: str = Field(description="The same time as shown, e.g. 12:34 or 1:02:03")
    url: str = Field(description="The episode page starting its player there (?t=)")


class SearchResultSchema(Schema):
    id: int = Field(alias="page.pk")
    type: str = Field(description="Page model, e.g. webinars.WebinarEpisodePage")
    result_type: Literal[tuple(TYPE_LABELS)] = Field(  # avsnitt, serie, ..., sida
        description="The search's own type key, as in the type filter"
    )
    result_type_label: str = Field(alias="type_label")
    title: str = Field(alias="page.title")
    url: str = Field(
        description="The page's URL; a hit in a chapter or in what is said: ?t=<seconds>#player"
    )
    date: date | datetime | None
    excerpt_html: str = Field(alias="excerpt", description="Escaped text; matching words in <mark>")
    found_in: Literal["", "chapter", "transcript"] = Field(description="Where the words are")
    found_in_label: str
    moment: MomentSchema | None = Field(description="The moment of a hit in an episode's video")
    thumbnail: ImageDataSchema | None

    @staticmethod
    def resolve_type(card) -> str:
        return card.page.specific_class._meta.label

    @staticmethod
    def resolve_thumbnail(card):
        return image_data(card.image)


class PromotionSchema(Schema):
    title: str
    url: str
    description: str


class SearchResponseSchema(Schema):
    query: str
    count: int
    notes: list[str]
    promotions: list[PromotionSchema]
    facets: dict[str, list[FacetValueSchema]]
    items: list[SearchResultSchema]


class SuggestionSchema(Schema):
    title: str
    url: str

    @staticmethod
    def resolve_url(page, context) -> str:
        return page.get_url(context["request"]) or ""


class SuggestResponseSchema(Schema):
    query: str
    suggestions: list[SuggestionSchema]


def cleaned(raw: str) -> tuple[str, list[str]]:
    """The API refuses an over-long query (a client can shorten it), as /api/v3/pages/ does;
    the search page shortens it and tells the reader."""
    if len((raw or "").strip()) > MAX_QUERY_LENGTH:
        raise HttpError(400, _("q: högst %(max)d tecken.") % {"max": MAX_QUERY_LENGTH})
    try:
        return clean_query(raw)
    except QueryProblem as problem:
        raise HttpError(400, f"q: {problem}") from problem


@router.get(
    "/",
    response=SearchResponseSchema,
    summary="Search the site (episodes, series, cases, guidance, press releases)",
    operation_id="search",
)
def search(request: HttpRequest, params: SearchParams = Query(...)):  # noqa: B008
    check_params(request, SearchParams)
    locale = get_locale(params.locale) if params.locale else Locale.get_active()
    query, notes = cleaned(params.q)
    with translation.override(locale.language_code):
        chosen, problems = resolve_filters(locale, params.dict(include=set(FILTER_NAMES)))
        if problems:
            raise HttpError(
                400, " ".join(f"{name}: {message}" for name, message in problems.items())
            )
        results, facets = site_search(query, locale, chosen)
        count, page = paginate_queryset(results, params.limit, params.offset)
        if params.offset == 0:
            SearchTermDay.record(query, locale.language_code, found=bool(count))
        return {
            "query": query,
            "count": count,
            "notes": [str(note) for note in notes],
            "promotions": promotions_for(query, locale, request) if params.offset == 0 else [],
            "facets": facets,
            "items": result_cards(page, query, request),
        }


@router.get(
    "/suggestions/",
    response=SuggestResponseSchema,
    summary="Page titles that start like the words typed (autocomplete)",
    operation_id="search_suggestions",
    url_name="search_suggestions",
)
def suggestions(request: HttpRequest, params: SuggestParams = Query(...)):  # noqa: B008
    check_params(request, SuggestParams)
    locale = get_locale(params.locale) if params.locale else Locale.get_active()
    query, _notes = cleaned(params.q)
    with translation.override(locale.language_code):
        # Run inside the override: the search parses the words in the locale's language.
        pages = list(title_suggestions(query, locale, MAX_SUGGESTIONS))
    return {"query": query, "suggestions": pages}
