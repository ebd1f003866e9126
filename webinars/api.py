"""The webinar catalogue in the JSON API: /api/v3/webinars/…

Wagtail's own /pages/ endpoints list any page type but only with id, title and meta, and filter
on exact values. The catalogue needs cards with their fields, date ranges, upcoming/recorded,
and filters through relations (topic, speaker, organisation), so it has its own endpoints."""

from datetime import date, datetime
from typing import Literal

from django.db.models import Count, Exists, F, Max, OuterRef, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.http import http_date
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from wagtail.images import get_image_model
from wagtail.models import Page

from home.api import check_params, get_locale, paginate_queryset
from home.api_serializers import (
    RENDITIONS,
    ImageSchema,
    PageRefSchema,
    PersonSchema,
    TopicSchema,
    image_data,
    not_expired_q,
    page_ref,
    person_data,
    public_page_ref,
    rich_text_html,
    topic_data,
    with_api_renditions,
)
from home.per_request import private_q

from .models import EpisodeSpeaker, WebinarEpisodePage, WebinarSeriesPage

router = Router(tags=["webinars"])

MAX_LIMIT = 100
MAX_OFFSET = 10_000


# --- schemas ---------------------------------------------------------------------------


class VideoSchema(Schema):
    kind: Literal["embed", "file"]
    url: str
    mime_type: str | None


class ChapterSchema(Schema):
    title: str
    start_seconds: int


class EpisodeCardSchema(PageRefSchema):
    locale: str
    summary: str
    thumbnail: ImageSchema | None
    series: PageRefSchema | None
    state: Literal["upcoming", "recorded", "unscheduled"]
    starts_at: datetime | None
    recorded_on: date | None
    duration_seconds: int | None
    topics: list[TopicSchema]
    speakers: list[PersonSchema]


class EpisodeDetailSchema(EpisodeCardSchema):
    position: int | None = Field(description="1-based place among the series' episodes")
    episode_count: int
    previous: PageRefSchema | None
    next: PageRefSchema | None
    video: VideoSchema | None
    captions_url: str | None
    registration_url: str
    calendar_url: str | None = Field(
        description="iCalendar (.ics) file of an upcoming webinar; null once it has begun"
    )
    chapters: list[ChapterSchema]
    transcript: str = Field(description="HTML, links resolved to real URLs")
    related_cases: list[PageRefSchema]
    feedback_enabled: bool
    last_published_at: datetime | None


class EpisodeListSchema(Schema):
    count: int
    items: list[EpisodeCardSchema]


class SeriesCardSchema(PageRefSchema):
    locale: str
    intro: str = Field(description="HTML, links resolved to real URLs")
    image: ImageSchema | None
    topics: list[TopicSchema]


class SeriesListSchema(Schema):
    count: int
    items: list[SeriesCardSchema]


class EpisodeFilters(Schema):
    series: str | None = Field(None, description="Series slug")
    topic: str | None = Field(None, description="Topic slug")
    speaker: int | None = Field(None, ge=1, description="Person id")
    organisation: int | None = Field(None, ge=1, description="Organisation id of a speaker")
    year: int | None = Field(None, ge=1900, le=2100, description="Year broadcast or recorded")
    state: Literal["upcoming", "recorded"] | None = None
    locale: str | None = Field(None, description="Language code, e.g. sv or en")
    starts_after: datetime | None = Field(None, description="Start time on or after (ISO 8601)")
    starts_before: datetime | None = Field(None, description="Start time before (ISO 8601)")
    recorded_after: date | None = Field(None, description="Recorded on or after (YYYY-MM-DD)")
    recorded_before: date | None = Field(None, description="Recorded before (YYYY-MM-DD)")
    order: Literal["-date", "date", "title", "-title"] = "-date"
    limit: int = Field(20, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class SeriesFilters(Schema):
    topic: str | None = Field(None, description="Topic slug")
    locale: str | None = None
    limit: int = Field(20, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


ORDERINGS = {
    "-date": [F("starts_at").desc(nulls_last=True), F("recorded_on").desc(nulls_last=True)],
    "date": [F("starts_at").asc(nulls_last=True), F("recorded_on").asc(nulls_last=True)],
    "title": ["title"],
    "-title": ["-title"],
}


# --- querysets -------------------------------------------------------------------------


def public_episodes():
    return WebinarEpisodePage.objects.live().exclude(private_q()).filter(not_expired_q())


def public_series():
    return WebinarSeriesPage.objects.live().exclude(private_q()).filter(not_expired_q())


def filter_episodes(episodes, filters: EpisodeFilters):
    if filters.locale:
        episodes = episodes.filter(locale=get_locale(filters.locale))
    if filters.series:
        series = public_series().filter(slug=filters.series).first()
        if series is None:
            raise HttpError(
                400,
                _("series: ingen publicerad serie har kortnamnet “%(slug)s”.")
                % {"slug": filters.series},
            )
        episodes = episodes.child_of(series)
    # EXISTS rather than joins: an episode is never repeated, so the result is counted and
    # ordered as it is (no `pk IN (…)` around it).
    if filters.topic:
        through = WebinarEpisodePage.topics.through
        episodes = episodes.filter(
            Exists(
                through.objects.filter(webinarepisodepage=OuterRef("pk"), topic__slug=filters.topic)
            )
        )
    if filters.speaker:
        episodes = episodes.filter(
            Exists(EpisodeSpeaker.objects.filter(page=OuterRef("pk"), person_id=filters.speaker))
        )
    if filters.organisation:
        episodes = episodes.filter(
            Exists(
                EpisodeSpeaker.objects.filter(
                    page=OuterRef("pk"), person__organisation_id=filters.organisation
                )
            )
        )
    if filters.year:
        episodes = episodes.filter(
            Q(recorded_on__year=filters.year) | Q(starts_at__year=filters.year)
        )
    if filters.state == "upcoming":
        episodes = episodes.upcoming()
    elif filters.state == "recorded":
        episodes = episodes.recorded()
    if filters.starts_after:
        episodes = episodes.filter(starts_at__gte=filters.starts_after)
    if filters.starts_before:
        episodes = episodes.filter(starts_at__lt=filters.starts_before)
    if filters.recorded_after:
        episodes = episodes.filter(recorded_on__gte=filters.recorded_after)
    if filters.recorded_before:
        episodes = episodes.filter(recorded_on__lt=filters.recorded_before)
    return episodes


def with_card_relations(episodes):
    """Everything a card shows, in a constant number of queries."""
    portraits = get_image_model().objects.prefetch_renditions(*RENDITIONS.values())
    return with_api_renditions(
        episodes.select_related("locale").prefetch_related(
            "topics",
            Prefetch(
                "speakers",
                queryset=EpisodeSpeaker.objects.select_related("person__organisation"),
            ),
            Prefetch("speakers__person__portrait", queryset=portraits),
        ),
        "thumbnail",
    )


def attach_series(episodes):
    parent_paths = {episode.path[: -Page.steplen] for episode in episodes}
    series_by_path = {
        series.path: series
        for series in WebinarSeriesPage.objects.filter(path__in=parent_paths).only(
            "id", "title", "path", "url_path", "depth", "content_type_id", "locale_id"
        )
    }
    for episode in episodes:
        episode.series = series_by_path.get(episode.path[: -Page.steplen])
    return episodes


# --- representations -------------------------------------------------------------------


def episode_card(episode, request) -> dict:
    return {
        **page_ref(episode, request),
        "type": WebinarEpisodePage._meta.label,
        "locale": episode.locale.language_code,
        "summary": episode.summary,
        "thumbnail": image_data(episode.thumbnail),
        "series": series_ref(episode.series, request),
        "state": episode.state,
        "starts_at": episode.starts_at,
        "recorded_on": episode.recorded_on,
        "duration_seconds": episode.duration_seconds,
        "topics": [topic_data(topic) for topic in episode.topics.all()],
        "speakers": [person_data(speaker.person) for speaker in episode.speakers.all()],
    }


def series_ref(series, request) -> dict | None:
    """The series' reference, made once for all its episodes in a listing."""
    if series is None:
        return None
    if getattr(series, "_api_ref", None) is None:
        series._api_ref = page_ref(series, request)
    return series._api_ref


def episode_detail(episode, request) -> dict:
    context = {"request": request}
    siblings = list(
        public_episodes()
        .child_of(episode.series)
        .order_by("path")
        .only("id", "title", "path", "url_path", "depth", "content_type_id")
    )
    ids = [sibling.pk for sibling in siblings]
    index = ids.index(episode.pk) if episode.pk in ids else None
    previous = siblings[index - 1] if index else None
    following = siblings[index + 1] if index is not None and index + 1 < len(siblings) else None
    return {
        **episode_card(episode, request),
        "position": index + 1 if index is not None else None,
        "episode_count": len(siblings),
        "previous": page_ref(previous, request) if previous else None,
        "next": page_ref(following, request) if following else None,
        "video": episode.video,
        "captions_url": episode.captions_url,
        "registration_url": episode.registration_url,
        "calendar_url": calendar_url(episode, request),
        "chapters": [
            {"title": chapter.title, "start_seconds": chapter.start_seconds}
            for chapter in sorted(episode.chapters.all(), key=lambda chapter: chapter.start)
        ],
        "transcript": rich_text_html(episode.transcript),
        "related_cases": [
            ref
            for ref in (public_page_ref(case, context) for case in episode.related_case_pages())
            if ref
        ],
        "feedback_enabled": episode.feedback_enabled,
        "last_published_at": episode.last_published_at,
    }


def calendar_url(episode, request) -> str | None:
    """The episode's .ics (webinars/calendar.py), at its URL in the episode's language."""
    if not episode.is_upcoming:
        return None
    with translation.override(episode.locale.language_code):
        return request.build_absolute_uri(reverse("webinars:episode_calendar", args=[episode.pk]))


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
    episodes = filter_episodes(public_episodes(), filters)
    # The count and the latest publication in one pass over the matching episodes.
    totals = episodes.aggregate(count=Count("pk"), latest=Max("last_published_at"))
    set_last_modified(response, totals["latest"])
    # The ids of the slice first (read from an index, or a narrow sort), then whole rows for
    # those only: sorting every wide row was the cost of a deep offset.
    order = [*ORDERINGS[filters.order], "path"]
    ids = episodes.order_by(*order).values("pk")[filters.offset : filters.offset + filters.limit]
    page = WebinarEpisodePage.objects.filter(pk__in=ids).order_by(*order)
    items = attach_series(list(with_card_relations(page)))
    payload = {
        "count": totals["count"],
        "items": [episode_card(episode, request) for episode in items],
    }
    # Rendered as it is: the dicts above already have EpisodeListSchema's shape and key order
    # (tests/api), and ninja's validation of twenty cards (each image, person and topic) cost
    # more than building them. The schema still documents the answer in the OpenAPI document.
    from wagtail.api.v3.urls import api

    return api.create_response(request, payload, temporal_response=response)


@router.get(
    "/episodes/{episode_id}/",
    response=EpisodeDetailSchema,
    summary="Webinar episode detail",
    operation_id="webinars_episodes_detail",
)
def get_episode(request: HttpRequest, response: HttpResponse, episode_id: int):
    check_params(request, Schema)
    episode = get_object_or_404(with_card_relations(public_episodes()), pk=episode_id)
    attach_series([episode])
    set_last_modified(response, episode.last_published_at)
    return episode_detail(episode, request)


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
    series = public_series()
    if filters.locale:
        series = series.filter(locale=get_locale(filters.locale))
    if filters.topic:
        series = WebinarSeriesPage.objects.filter(
            pk__in=series.filter(topics__slug=filters.topic).values("pk")
        )
    count, page = paginate_queryset(series.order_by("path"), filters.limit, filters.offset)
    items = with_api_renditions(page.select_related("locale").prefetch_related("topics"), "image")
    return {
        "count": count,
        "items": [
            {
                **page_ref(item, request),
                "type": WebinarSeriesPage._meta.label,
                "locale": item.locale.language_code,
                "intro": rich_text_html(item.intro),
                "image": image_data(item.image),
                "topics": [topic_data(topic) for topic in item.topics.all()],
            }
            for item in items
        ],
    }
