"""The webinar catalogue in the JSON API: /api/v3/webinars/…

Wagtail's own /pages/ endpoints list any page type but only with id, title and meta, and filter
on exact values. The catalogue needs cards with their fields, date ranges, upcoming/recorded,
and filters through relations (topic, speaker, organisation), so it has its own endpoints."""

import hashlib
import json
import logging
from collections import defaultdict
from datetime import date, datetime
from typing import Literal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, F, Max, Min, OuterRef, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import http_date
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from wagtail.models import Page

from home.api import check_params, get_locale, paginate_queryset
from home.api_serializers import (
    ImageSchema,
    PageRefSchema,
    PageRow,
    PersonSchema,
    TopicSchema,
    image_data,
    images_by_id,
    not_expired_q,
    page_type_label,
    page_urls,
    public_page_ref,
    rich_text_html,
)
from home.page_cache import page_cache
from home.per_request import private_q, shared_generation

from .models import EpisodeSpeaker, WebinarEpisodePage, WebinarSeriesPage

logger = logging.getLogger(__name__)
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


# --- the listing's totals -------------------------------------------------------------

TOTALS_SECONDS = 3600


def episode_totals(episodes, filters: EpisodeFilters):
    """(count, latest publication) of the matching episodes: one aggregate over them all (about
    9 ms of the 10,000-episode catalogue's listing), kept in the shared cache under the page
    cache's content generation.

    That generation is bumped by everything that changes which episodes are public or when they
    were published (publishing, unpublishing, moving or deleting a page, a view restriction, a
    locale, a topic, a person: home/page_cache.py), before and after the commit, so an entry
    never outlives the content it counted. What changes with the clock alone bounds the entry's
    lifetime: the earliest `expire_at` among the counted episodes, and for `state=upcoming` the
    earliest start (the episode is then no longer upcoming). `state=recorded` gains episodes
    as they start: always counted. Only when the generation is shared by every process
    (`shared_generation()`: Redis); a process's own memory would miss the others' changes."""
    key = None
    if filters.state != "recorded":
        try:
            generation = shared_generation()
            if generation is not None:
                cache = page_cache()
                key = totals_key(filters, generation)
                cached = cache.get(key)
                if cached is not None:
                    return cached
        except Exception:  # the cache is down: count in the database
            logger.warning("Avsnittens antal kunde inte läsas ur cachen", exc_info=True)
            key = None
    now = timezone.now()
    bounds = {"expires": Min("expire_at")}
    if filters.state == "upcoming":
        bounds["starts"] = Min("starts_at", filter=Q(starts_at__gt=now))
    if key is None:
        bounds = {}
    totals = episodes.aggregate(count=Count("pk"), latest=Max("last_published_at"), **bounds)
    result = (totals["count"], totals["latest"])
    moments = [totals[name] for name in bounds if totals[name] is not None]
    seconds = min([TOTALS_SECONDS, *((moment - now).total_seconds() for moment in moments)])
    if key is not None and seconds >= 1:
        try:
            cache.set(key, result, int(seconds))
        except Exception:
            logger.warning("Avsnittens antal kunde inte sparas i cachen", exc_info=True)
    return result


def totals_key(filters: EpisodeFilters, generation) -> str:
    """The filters that choose the episodes (not the slice or its order), in the generation."""
    chosen = filters.model_dump(exclude={"limit", "offset", "order"})
    digest = hashlib.sha256(json.dumps(chosen, sort_keys=True, default=str).encode()).hexdigest()
    return f"api:episode-totals:{generation}:{digest[:32]}"


# --- cards read as values (the listing) ------------------------------------------------

CARD_FIELDS = (
    "id",
    "title",
    "path",
    "url_path",
    "summary",
    "thumbnail_id",
    "starts_at",
    "recorded_on",
    "duration",
    "video_url",
    "video_file_id",
)

TOPIC_KEYS = ("id", "name", "slug")  # topic_data()
ORGANISATION_KEYS = ("id", "name", "kind", "website")  # organisation_data()


class EpisodeRow(PageRow):
    """An episode read with `.values(*CARD_FIELDS)`; its state as the model works it out."""

    is_upcoming = WebinarEpisodePage.is_upcoming
    has_video = WebinarEpisodePage.has_video
    state = WebinarEpisodePage.state
    duration_seconds = WebinarEpisodePage.duration_seconds


def episode_rows(page) -> list[EpisodeRow]:
    values = page.values(*CARD_FIELDS, language_code=F("locale__language_code"))
    return [EpisodeRow(row) for row in values]


def episode_cards(rows, request) -> list[dict]:
    """The cards of `rows` (EpisodeCardSchema), their relations read with `.values()` in five or
    six queries whatever the number: the prefetches built about 220 model instances for 20
    cards (speakers, people, organisations, topics, series), most of the listing's time."""
    ids = [row.id for row in rows]
    topics = topics_by_page(WebinarEpisodePage.topics, ids)
    speakers = list(
        EpisodeSpeaker.objects.filter(page_id__in=ids)
        .order_by("sort_order")
        .values_list(
            "page_id",
            "person_id",
            "person__name",
            "person__role",
            "person__portrait_id",
            "person__organisation_id",
            "person__organisation__name",
            "person__organisation__kind",
            "person__organisation__website",
        )
    )
    series = {row.path: row for row in series_rows(rows)}
    urls = page_urls([*rows, *series.values()], request)
    images = images_by_id([row.thumbnail_id for row in rows] + [speaker[4] for speaker in speakers])
    people = defaultdict(list)
    for page_id, person_id, name, role, portrait_id, organisation_id, *organisation in speakers:
        people[page_id].append(
            {
                "id": person_id,
                "name": name,
                "role": role,
                "organisation": (
                    None
                    if organisation_id is None
                    else dict(zip(ORGANISATION_KEYS, (organisation_id, *organisation), strict=True))
                ),
                "portrait": image_data(images.get(portrait_id)),
            }
        )
    series_refs = {path: row_ref(parent, urls) for path, parent in series.items()}
    label = WebinarEpisodePage._meta.label
    return [
        {
            "id": row.id,
            "type": label,
            "title": row.title,
            "url": urls[row.id],
            "locale": row.language_code,
            "summary": row.summary,
            "thumbnail": image_data(images.get(row.thumbnail_id)),
            "series": series_refs.get(row.path[: -Page.steplen]),
            "state": row.state,
            "starts_at": row.starts_at,
            "recorded_on": row.recorded_on,
            "duration_seconds": row.duration_seconds,
            "topics": topics[row.id],
            "speakers": people[row.id],
        }
        for row in rows
    ]


def topics_by_page(relation, ids) -> dict:
    """`topic_data()` of each page's topics by page id (one query), in their order (name), for
    a many-to-many `relation` to Topic such as `WebinarEpisodePage.topics`."""
    page_id = f"{relation.field.m2m_field_name()}_id"
    topics = defaultdict(list)
    through = relation.through.objects.filter(**{f"{page_id}__in": ids})
    for pk, *topic in through.order_by("topic__name").values_list(
        page_id, "topic_id", "topic__name", "topic__slug"
    ):
        topics[pk].append(dict(zip(TOPIC_KEYS, topic, strict=True)))
    return topics


def series_rows(episodes) -> list[PageRow]:
    """The series of `episodes` (models or rows with a `path`), as rows with what a reference
    needs. Read from the page table alone by path: joined to the series table, PostgreSQL
    walked every page (a merge join on the primary key, 2.5 ms of 10,000 episodes' pages); a
    page is a series when its content type's model is one."""
    parent_paths = {episode.path[: -Page.steplen] for episode in episodes}
    if not parent_paths:
        return []
    parents = Page.objects.filter(path__in=parent_paths).values(
        "id", "title", "path", "url_path", "content_type_id"
    )
    return [
        PageRow(parent)
        for parent in parents
        if issubclass(
            ContentType.objects.get_for_id(parent["content_type_id"]).model_class() or Page,
            WebinarSeriesPage,
        )
    ]


# --- representations -------------------------------------------------------------------


def episode_detail(episode, request) -> dict:
    row = EpisodeRow({field: getattr(episode, field) for field in CARD_FIELDS})
    row.language_code = episode.locale.language_code
    (card,) = episode_cards([row], request)
    siblings = []
    if card["series"] is not None:  # the series' published episodes, in the page tree's order
        siblings = [
            PageRow(values)
            for values in public_episodes()
            .filter(path__startswith=episode.path[: -Page.steplen], depth=episode.depth)
            .order_by("path")
            .values("id", "title", "path", "url_path", "content_type_id")
        ]
    ids = [sibling.id for sibling in siblings]
    index = ids.index(episode.pk) if episode.pk in ids else None
    previous = siblings[index - 1] if index else None
    following = siblings[index + 1] if index is not None and index + 1 < len(siblings) else None
    urls = page_urls([page for page in (previous, following) if page], request)
    context = {"request": request}
    return {
        **card,
        "position": index + 1 if index is not None else None,
        "episode_count": len(siblings),
        "previous": row_ref(previous, urls),
        "next": row_ref(following, urls),
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


def row_ref(row, urls) -> dict | None:
    """`page_ref()` of a PageRow with a `content_type_id`, its URL from `page_urls()`."""
    if row is None:
        return None
    return {
        "id": row.id,
        "type": page_type_label(row.content_type_id),
        "title": row.title,
        "url": urls[row.id],
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
    count, latest = episode_totals(episodes, filters)
    set_last_modified(response, latest)
    # The ids of the slice first (read from an index, or a narrow sort), then the cards' rows
    # for those only: sorting every wide row was the cost of a deep offset.
    order = [*ORDERINGS[filters.order], "path"]
    ids = episodes.order_by(*order).values("pk")[filters.offset : filters.offset + filters.limit]
    rows = episode_rows(WebinarEpisodePage.objects.filter(pk__in=ids).order_by(*order))
    payload = {"count": count, "items": episode_cards(rows, request)}
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
    episodes = public_episodes().select_related("locale", "video_file", "captions")
    episode = get_object_or_404(episodes, pk=episode_id)
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
    # Read as values, as the episodes' cards are (no page instance for each series).
    fields = ("id", "title", "url_path", "intro", "image_id")
    rows = [PageRow(row) for row in page.values(*fields, language_code=F("locale__language_code"))]
    topics = topics_by_page(WebinarSeriesPage.topics, [row.id for row in rows])
    images = images_by_id(row.image_id for row in rows)
    urls = page_urls(rows, request)
    label = WebinarSeriesPage._meta.label
    return {
        "count": count,
        "items": [
            {
                "id": row.id,
                "type": label,
                "title": row.title,
                "url": urls[row.id],
                "locale": row.language_code,
                "intro": rich_text_html(row.intro),
                "image": image_data(images.get(row.image_id)),
                "topics": topics[row.id],
            }
            for row in rows
        ],
    }
