"""The webinar catalogue in the JSON API: /api/v3/webinars/…, its own endpoints because
Wagtail's /pages/ filters on exact values only, and the catalogue filters through relations
(topic, speaker, organisation) and date ranges. The cards are the HTML ones (base/api_cards.py)."""

import operator
from datetime import date, datetime
from functools import reduce
from typing import Literal

from django.db.models import Count, F, Max
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.http import http_date
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from pydantic import BaseModel

from base.api_cards import (
    CaseCardSchema,
    EpisodeCardSchema,
    SeriesCardSchema,
    cards,
    episode_card,
    series_card,
)
from base.api_page import preview_or_404
from base.api_serializers import PageRefSchema, page_ref, rich_text_html
from base.listing import in_locale
from base.models import Topic
from core.api_params import (
    Moment,
    PaginationParams,
    QueryId,
    check_params,
    get_locale,
    object_id,
    paginate_queryset,
)

from .api_filters import CatalogueFiltersSchema, FilterParams, catalogue_filters
from .api_types import AudioDescriptionSchema, VideoSchema
from .catalogue import filter_episodes, with_topic
from .models import (
    CATALOGUE_ORDER,
    WebinarEpisodePage,
    WebinarSeriesPage,
    episode_cards,
    series_cards,
)
from .player import moment_url, transcript_cues

router = Router(tags=["webinars"])

# --- schemas: the cards (base/api_cards.py) and an episode's own page ------------------


class ChapterSchema(BaseModel):
    title: str
    start_seconds: int


class CueSchema(BaseModel):
    start_seconds: float
    end_seconds: float
    text: str = Field(description="Plain text (voices as “Name: ”)")
    url: str = Field(description="The episode page with its player starting here (?t=)")


class EpisodeDetailSchema(EpisodeCardSchema):
    position: int | None = Field(description="1-based place among the series' episodes")
    episode_count: int
    previous: PageRefSchema | None
    next: PageRefSchema | None
    video: VideoSchema | None
    audio_description: AudioDescriptionSchema
    captions_url: str | None
    recording_language: str = Field(description="Language code of the speech in the video")
    registration_url: str
    calendar_url: str | None = Field(
        description="iCalendar (.ics) file of an upcoming webinar; null once it has begun"
    )
    chapters: list[ChapterSchema]
    transcript: str = Field(description="HTML, links resolved to real URLs")
    transcript_cues: list[CueSchema] = Field(
        description="The captions' cues: the page's interactive transcript"
    )
    related_cases: list[CaseCardSchema]
    feedback_enabled: bool
    last_published_at: datetime | None


def episode_detail(episode, request) -> dict:
    """An episode from `episode_cards()`: its card and what its own page shows."""
    place = episode.place_in_series
    calendar_url = None
    if episode.is_upcoming:  # the .ics (webinars/calendar.py) at its URL in the episode's language
        with translation.override(episode.locale.language_code):
            url = reverse("webinars:episode_calendar", args=[episode.pk])
        calendar_url = request.build_absolute_uri(url)
    page_url = episode.get_url(request) or ""
    return episode_card(episode, request) | {
        "position": place.position,
        "episode_count": place.count,
        "previous": place.previous and page_ref(place.previous, request),
        "next": place.next and page_ref(place.next, request),
        "video": episode.video,
        "audio_description": episode.audio_description,
        "captions_url": episode.captions_url,
        "recording_language": episode.recording_language,
        "registration_url": episode.registration_url,
        "calendar_url": calendar_url,
        "chapters": [
            {"title": chapter.title, "start_seconds": chapter.start_seconds}
            for chapter in sorted(episode.chapters.all(), key=lambda chapter: chapter.start)
        ],
        "transcript": rich_text_html(episode.transcript),
        "transcript_cues": [
            {
                "start_seconds": cue.start,
                "end_seconds": cue.end,
                "text": cue.text,
                "url": moment_url(cue.seconds, page_url),
            }
            for cue in transcript_cues(episode)
        ],
        "related_cases": cards(episode.related_case_pages(), request),
        "feedback_enabled": episode.feedback_enabled,
        "last_published_at": episode.last_published_at,
    }


class EpisodeListSchema(Schema):
    count: int
    items: list[EpisodeCardSchema]


class SeriesListSchema(Schema):
    count: int
    items: list[SeriesCardSchema]


# --- filters ---------------------------------------------------------------------------


class SeriesFilters(PaginationParams):
    topic: str | None = Field(None, description="Topic slug (in any language)")
    locale: str | None = Field(None, description="Language code, e.g. sv or en")


class EpisodeFilters(SeriesFilters):
    series: str | None = Field(None, description="Series slug")
    speaker: QueryId | None = Field(None, description="Person id")
    organisation: QueryId | None = Field(None, description="Organisation id of a speaker")
    year: int | None = Field(None, ge=1900, le=2100, description="Year broadcast or recorded")
    state: Literal["upcoming", "recorded"] | None = None
    starts_after: Moment | None = Field(None, description="Start time on or after (ISO 8601)")
    starts_before: Moment | None = Field(None, description="Start time before (ISO 8601)")
    recorded_after: date | None = Field(None, description="Recorded on or after (YYYY-MM-DD)")
    recorded_before: date | None = Field(None, description="Recorded before (YYYY-MM-DD)")
    order: Literal["-date", "date", "title", "-title"] = "-date"


ORDERINGS = {
    "-date": CATALOGUE_ORDER,
    "date": (F("starts_at").asc(nulls_last=True), F("recorded_on").asc(nulls_last=True), "path"),
    "title": ("title", "path"),
    "-title": ("-title", "path"),
}


def topic_keys(slug):
    """A topic's slug differs between languages: the filters take it in any."""
    return Topic.objects.filter(slug=slug).values("translation_key")


def api_episodes(filters: EpisodeFilters):
    locale = get_locale(filters.locale) if filters.locale else None
    episodes = WebinarEpisodePage.objects.visible(locale)
    if filters.series:
        series = list(WebinarSeriesPage.objects.visible(locale).filter(slug=filters.series))
        if not series:
            raise HttpError(
                400,
                _("series: ingen publicerad serie har kortnamnet “%(slug)s”.")
                % {"slug": filters.series},
            )
        # The translations of a series usually keep its slug: the episodes of each.
        episodes = episodes.filter(reduce(operator.or_, map(episodes.child_of_q, series)))
    episodes = filter_episodes(
        episodes,
        topic_keys=topic_keys(filters.topic) if filters.topic else None,
        speaker=filters.speaker,
        organisation=filters.organisation,
        year=filters.year,
        state=filters.state,
    )
    ranges = {
        "starts_at__gte": filters.starts_after,
        "starts_at__lt": filters.starts_before,
        "recorded_on__gte": filters.recorded_after,
        "recorded_on__lt": filters.recorded_before,
    }
    return episodes.filter(**{lookup: value for lookup, value in ranges.items() if value})


def set_last_modified(response: HttpResponse, moment) -> None:
    if moment:
        response["Last-Modified"] = http_date(moment.timestamp())


# --- endpoints -------------------------------------------------------------------------


@router.get(
    "/episodes/",
    response=EpisodeListSchema,
    summary="List webinar episodes (catalogue)",
    operation_id="webinars_episodes_list",
)
def list_episodes(
    request: HttpRequest,
    response: HttpResponse,
    filters: EpisodeFilters = Query(...),  # noqa: B008
):
    check_params(request, EpisodeFilters)
    episodes = api_episodes(filters)
    totals = episodes.aggregate(count=Count("pk"), latest=Max("last_published_at"))
    set_last_modified(response, totals["latest"])
    # The ids of the slice first (read from an index, or a narrow sort), then the cards for
    # those only: sorting every wide row was the cost of a deep offset.
    order = ORDERINGS[filters.order]
    ids = episodes.order_by(*order).values("pk")[filters.offset : filters.offset + filters.limit]
    items = episode_cards(WebinarEpisodePage.objects.filter(pk__in=ids).order_by(*order))
    return {"count": totals["count"], "items": [episode_card(item, request) for item in items]}


class EpisodeParams(Schema):
    token: str | None = Field(
        None,
        min_length=20,
        max_length=64,
        description="A headless preview's token (as for `site/preview/`): the editor's draft "
        "of this episode, for 10 minutes",
    )


def draft_episode(token: str, episode_id: int):
    """The episode an editor previews, by the same token rule as `site/preview/`."""
    episode = preview_or_404(token, WebinarEpisodePage, episode_id)
    episode.series = episode.place_in_series.series
    episode.card_topics = in_locale(episode.topics.all(), episode.locale_id)
    speakers = [speaker.person for speaker in episode.speakers.all()]
    episode.card_people = in_locale(speakers, episode.locale_id)
    return episode


@router.get(
    "/episodes/{episode_id}/",
    response=EpisodeDetailSchema,
    summary="Webinar episode detail",
    description="A visible episode; with a preview `token`, the editor's draft (never cached).",
    operation_id="webinars_episodes_detail",
)
def get_episode(
    request: HttpRequest,
    response: HttpResponse,
    episode_id: int = object_id("episode"),
    params: EpisodeParams = Query(...),  # noqa: B008
):
    check_params(request, EpisodeParams)
    if params.token:
        add_never_cache_headers(response)
        return episode_detail(draft_episode(params.token, episode_id), request)
    episodes = episode_cards(
        WebinarEpisodePage.objects.visible()
        .filter(pk=episode_id)
        .select_related("video_file", "captions")
    )
    if not episodes:
        raise Http404
    set_last_modified(response, episodes[0].last_published_at)
    return episode_detail(episodes[0], request)


@router.get(
    "/series/",
    response=SeriesListSchema,
    summary="List webinar series",
    operation_id="webinars_series_list",
)
def list_series(
    request: HttpRequest,
    filters: SeriesFilters = Query(...),  # noqa: B008
):
    check_params(request, SeriesFilters)
    locale = get_locale(filters.locale) if filters.locale else None
    series = WebinarSeriesPage.objects.visible(locale)
    if filters.topic:
        series = with_topic(series, topic_keys(filters.topic))
    count, page = paginate_queryset(series.order_by("path"), filters.limit, filters.offset)
    return {"count": count, "items": [series_card(item, request) for item in series_cards(page)]}


@router.get(
    "/filters/",
    response=CatalogueFiltersSchema,
    summary="The catalogue's filter options with episode counts, in one language",
    operation_id="webinars_filters",
)
def get_catalogue_filters(request: HttpRequest, params: FilterParams = Query(...)):  # noqa: B008
    check_params(request, FilterParams)
    return catalogue_filters(get_locale(params.locale))
