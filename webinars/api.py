"""The webinar catalogue in the JSON API: /api/v3/webinars/…

Wagtail's own /pages/ endpoints list any page type but only with id, title and meta, and filter
on exact values. The catalogue needs cards with their fields, date ranges, upcoming/recorded,
and filters through relations (topic, speaker, organisation), so it has its own endpoints.

The cards are the HTML cards' episodes and series (`webinars.models.episode_cards()` and
`series_cards()`, fed by the querysets' `cards()`), shaped by the schemas below: one
serializer per card, validated by ninja."""

import operator
from datetime import date, datetime
from functools import reduce
from typing import Literal

from django.db.models import Count, Exists, F, Max, OuterRef, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.http import http_date
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from base.api_serializers import (
    ImageSchema,
    PageRefSchema,
    PersonSchema,
    TopicSchema,
    image_data,
    page_ref,
    person_data,
    rich_text_html,
    topic_data,
)
from base.models import Topic
from core.api_params import check_params, get_locale, paginate_queryset

from .models import (
    EpisodeSpeaker,
    WebinarEpisodePage,
    WebinarSeriesPage,
    episode_cards,
    series_cards,
)
from .player import moment_url, transcript_cues

router = Router(tags=["webinars"])

MAX_LIMIT = 100
MAX_OFFSET = 10_000


# --- schemas: one per card, reading the card's page ---------------------------------------


class VideoSchema(Schema):
    kind: Literal["embed", "file"]
    url: str
    mime_type: str | None


class ChapterSchema(Schema):
    title: str
    start_seconds: int


class CueSchema(Schema):
    start_seconds: float
    end_seconds: float
    text: str = Field(description="Plain text (voices as “Name: ”)")
    url: str = Field(description="The episode page with its player starting here (?t=)")


class PageCardSchema(PageRefSchema):
    """A page's reference (id, type, title, url) and language, read from the page itself."""

    locale: str

    @staticmethod
    def resolve_type(page):
        return page.specific_class._meta.label

    @staticmethod
    def resolve_url(page, context):
        return page.get_url(context["request"])

    @staticmethod
    def resolve_locale(page):
        return page.locale.language_code


class EpisodeCardSchema(PageCardSchema):
    """An episode from `episode_cards()`: topics and speakers in the episode's language."""

    summary: str
    thumbnail: ImageSchema | None
    series: PageRefSchema | None
    state: Literal["upcoming", "recorded", "unscheduled"]
    starts_at: datetime | None
    recorded_on: date | None
    duration_seconds: int | None
    topics: list[TopicSchema]
    speakers: list[PersonSchema]

    @staticmethod
    def resolve_thumbnail(episode):
        return image_data(episode.thumbnail)

    @staticmethod
    def resolve_series(episode, context):
        return page_ref(episode.series, context["request"]) if episode.series else None

    @staticmethod
    def resolve_topics(episode):
        return [topic_data(topic) for topic in episode.card_topics]

    @staticmethod
    def resolve_speakers(episode):
        return [person_data(person) for person in episode.card_people]


def optional_ref(page, context):
    return page_ref(page, context["request"]) if page is not None else None


class AudioDescriptionSchema(Schema):
    track_url: str | None = Field(description="WebVTT descriptions track (kind=descriptions)")
    described_version_url: str | None
    not_needed: bool = Field(description="The video shows nothing essential that is not said")


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
    related_cases: list[PageRefSchema]
    feedback_enabled: bool
    last_published_at: datetime | None

    @staticmethod
    def resolve_position(episode):
        return episode.place_in_series.position

    @staticmethod
    def resolve_episode_count(episode):
        return episode.place_in_series.count

    @staticmethod
    def resolve_previous(episode, context):
        return optional_ref(episode.place_in_series.previous, context)

    @staticmethod
    def resolve_next(episode, context):
        return optional_ref(episode.place_in_series.next, context)

    @staticmethod
    def resolve_calendar_url(episode, context):
        """The episode's .ics (webinars/calendar.py), at its URL in the episode's language."""
        if not episode.is_upcoming:
            return None
        with translation.override(episode.locale.language_code):
            url = reverse("webinars:episode_calendar", args=[episode.pk])
        return context["request"].build_absolute_uri(url)

    @staticmethod
    def resolve_chapters(episode):
        return sorted(episode.chapters.all(), key=lambda chapter: chapter.start)

    @staticmethod
    def resolve_transcript(episode):
        return rich_text_html(episode.transcript)

    @staticmethod
    def resolve_transcript_cues(episode, context):
        page_url = episode.get_url(context["request"]) or ""
        return [
            {
                "start_seconds": cue.start,
                "end_seconds": cue.end,
                "text": cue.text,
                "url": moment_url(cue.seconds, page_url),
            }
            for cue in transcript_cues(episode)
        ]

    @staticmethod
    def resolve_related_cases(episode, context):
        return [page_ref(case, context["request"]) for case in episode.related_case_pages()]


class EpisodeListSchema(Schema):
    count: int
    items: list[EpisodeCardSchema]


class SeriesCardSchema(PageCardSchema):
    """A series from `series_cards()`: topics in the series' language."""

    intro: str = Field(description="HTML, links resolved to real URLs")
    image: ImageSchema | None
    topics: list[TopicSchema]

    @staticmethod
    def resolve_intro(series):
        return rich_text_html(series.intro)

    @staticmethod
    def resolve_image(series):
        return image_data(series.image)

    @staticmethod
    def resolve_topics(series):
        return [topic_data(topic) for topic in series.card_topics]


class SeriesListSchema(Schema):
    count: int
    items: list[SeriesCardSchema]


# --- filters ---------------------------------------------------------------------------


class EpisodeFilters(Schema):
    series: str | None = Field(None, description="Series slug")
    topic: str | None = Field(None, description="Topic slug (in any language)")
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
    topic: str | None = Field(None, description="Topic slug (in any language)")
    locale: str | None = None
    limit: int = Field(20, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


ORDERINGS = {
    "-date": [F("starts_at").desc(nulls_last=True), F("recorded_on").desc(nulls_last=True)],
    "date": [F("starts_at").asc(nulls_last=True), F("recorded_on").asc(nulls_last=True)],
    "title": ["title"],
    "-title": ["-title"],
}


def has_topic(page_model, slug):
    """Pages (episodes or series) with a topic of this slug or any of its translations: slugs
    differ between languages, and pages share their topics across languages. An EXISTS, so a
    page is never repeated and the result is counted and ordered as it is."""
    through = page_model.topics.through
    page_field = page_model._meta.model_name
    translations = Topic.objects.filter(slug=slug).values("translation_key")
    return Exists(
        through.objects.filter(
            **{page_field: OuterRef("pk")}, topic__translation_key__in=translations
        )
    )


def filter_episodes(filters: EpisodeFilters):
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
    if filters.topic:
        episodes = episodes.filter(has_topic(WebinarEpisodePage, filters.topic))
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
    episodes = filter_episodes(filters)
    totals = episodes.aggregate(count=Count("pk"), latest=Max("last_published_at"))
    set_last_modified(response, totals["latest"])
    # The ids of the slice first (read from an index, or a narrow sort), then the cards for
    # those only: sorting every wide row was the cost of a deep offset.
    order = [*ORDERINGS[filters.order], "path"]
    ids = episodes.order_by(*order).values("pk")[filters.offset : filters.offset + filters.limit]
    items = episode_cards(WebinarEpisodePage.objects.filter(pk__in=ids).order_by(*order))
    return {"count": totals["count"], "items": items}


@router.get(
    "/episodes/{episode_id}/",
    response=EpisodeDetailSchema,
    summary="Webinar episode detail",
    operation_id="webinars_episodes_detail",
)
def get_episode(request: HttpRequest, response: HttpResponse, episode_id: int):
    check_params(request, Schema)
    episodes = episode_cards(
        WebinarEpisodePage.objects.visible()
        .filter(pk=episode_id)
        .select_related("video_file", "captions")
    )
    if not episodes:
        raise Http404
    set_last_modified(response, episodes[0].last_published_at)
    return episodes[0]


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
        series = series.filter(has_topic(WebinarSeriesPage, filters.topic))
    count, page = paginate_queryset(series.order_by("path"), filters.limit, filters.offset)
    return {"count": count, "items": series_cards(page)}
