"""An episode's typed fields, the same in `webinars/episodes/{id}/` (webinars/api.py) and in
Wagtail's `pages/{id}/` (the episode's `api_fields`), so the OpenAPI document types them alike."""

from typing import Literal

from pydantic import BaseModel, Field

from base.api_cards import EpisodeCardSchema

EpisodeState = EpisodeCardSchema.model_fields["state"].annotation  # upcoming, recorded, ...


class VideoSchema(BaseModel):
    kind: Literal["embed", "file"]
    url: str
    mime_type: str | None


class AudioDescriptionSchema(BaseModel):
    track_url: str | None = Field(description="WebVTT descriptions track (kind=descriptions)")
    described_version_url: str | None
    not_needed: bool = Field(description="The video shows nothing essential that is not said")
