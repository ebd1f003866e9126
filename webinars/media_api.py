"""/api/v3/media/: the uploaded videos and audio files that visible episodes play, for front
ends that play them elsewhere; none from a collection with a view restriction."""

import mimetypes

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from wagtail.models import CollectionViewRestriction
from wagtailmedia.models import get_media_model

from core.api_params import PaginationParams, check_params, object_id, paginate_queryset
from webinars.models import WebinarEpisodePage

router = Router(tags=["media"])


class MediaSchema(Schema):
    id: int
    title: str
    type: str = Field(..., description="video or audio")
    url: str
    mime_type: str | None
    duration_seconds: float | None
    width: int | None
    height: int | None


class MediaListSchema(Schema):
    count: int
    items: list[MediaSchema]


class MediaParams(PaginationParams):
    type: str | None = Field(None, pattern="^(video|audio)$")


def public_media():
    restricted = CollectionViewRestriction.objects.values_list("collection__path", flat=True)
    played = WebinarEpisodePage.objects.visible().values("video_file")
    media = get_media_model().objects.filter(pk__in=played).order_by("pk")
    for path in restricted:
        media = media.exclude(collection__path__startswith=path)
    return media


def media_item(media, request) -> dict:
    return {
        "id": media.pk,
        "title": media.title,
        "type": media.type,
        "url": request.build_absolute_uri(media.url),
        "mime_type": mimetypes.guess_type(media.file.name)[0],
        "duration_seconds": media.duration,
        "width": media.width,
        "height": media.height,
    }


@router.get("/", response=MediaListSchema, summary="Uploaded video and audio files")
def list_media(request: HttpRequest, params: MediaParams = Query(...)):  # noqa: B008
    check_params(request, MediaParams)
    media = public_media()
    if params.type:
        media = media.filter(type=params.type)
    count, page = paginate_queryset(media, params.limit, params.offset)
    return {"count": count, "items": [media_item(item, request) for item in page]}


@router.get("/{media_id}/", response=MediaSchema, summary="One video or audio file")
def get_media(request: HttpRequest, media_id: int = object_id("file")):
    return media_item(get_object_or_404(public_media(), pk=media_id), request)
