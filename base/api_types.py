"""Typed fields for the page types' `api_fields`: Wagtail's API v3 types a field by the return
annotation of its serializer, and leaves a property or a StreamField untyped.

- `typed_field(annotation)`: a property (an episode's `state`, `video`, ...) as that type.
- `body_field()`, `guidance_body_field()`: a StreamField body as its blocks (base/blocks.py), each a
  schema of its own, discriminated on `type`. `tests/api/test_schema.py` checks that every
  stream block's children are here and that every seeded page validates."""

from typing import Literal

from django.utils import translation
from pydantic import BaseModel, Field, RootModel
from rest_framework import fields as drf_fields

from .api_cards import CardSchema
from .api_serializers import ImageDataSchema


class HeadingValue(BaseModel):
    text: str
    level: Literal["h2", "h3"]


class QuoteValue(BaseModel):
    quote: str
    speaker: str
    role: str


class CaptionedImageValue(BaseModel):
    image: ImageDataSchema | None
    caption: str


class KeyFact(BaseModel):
    value: str
    label: str


class KeyFactsValue(BaseModel):
    heading: str
    facts: list[KeyFact]


class FeaturedValue(BaseModel):
    page: CardSchema | None = Field(description="The page's card; null once it is not public")
    heading: str = Field(description="The editor's own heading, or '' for the page's title")
    type_name: str | None = Field(description="The page type's name, e.g. Exempel")


class BlockSchema(BaseModel):
    id: str


class HeadingBlockSchema(BlockSchema):
    type: Literal["heading"]
    value: HeadingValue


class ParagraphBlockSchema(BlockSchema):
    type: Literal["paragraph"]
    value: str = Field(description="HTML, links resolved to real URLs")


class QuoteBlockSchema(BlockSchema):
    type: Literal["quote"]
    value: QuoteValue


class ImageBlockSchema(BlockSchema):
    type: Literal["image"]
    value: CaptionedImageValue


class KeyFactsBlockSchema(BlockSchema):
    type: Literal["key_facts"]
    value: KeyFactsValue


class FeaturedBlockSchema(BlockSchema):
    type: Literal["featured"]
    value: FeaturedValue


BaseBlocks = (
    HeadingBlockSchema
    | ParagraphBlockSchema
    | QuoteBlockSchema
    | ImageBlockSchema
    | KeyFactsBlockSchema
)


# Classes, not Annotated aliases: Wagtail reads the annotation with get_type_hints(), which
# drops Annotated's discriminator.
class BodyBlock(RootModel):
    root: BaseBlocks = Field(discriminator="type")


class GuidanceBodyBlock(RootModel):
    root: BaseBlocks | FeaturedBlockSchema = Field(discriminator="type")


class TypedField(drf_fields.Field):
    """Read-only. Wagtail documents every serializer's value as nullable; `never_null` (without
    DRF's `allow_null`) lets core.api_http.answered_page_fields say otherwise."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    @property
    def never_null(self):
        return not self.allow_null


def typed_field(annotation, represent=lambda value: value, **kwargs) -> TypedField:
    class Typed(TypedField):
        def to_representation(self, value) -> annotation:
            return represent(value)

    return Typed(**kwargs)


def in_page_language(build):
    """`build(page)` with the page's language active, as its HTML is rendered."""

    def built(page):
        with translation.override(page.locale.language_code):
            return build(page)

    return built


@in_page_language  # as its HTML, in `pages/{id}/` as in `site/find/`: featured cards
def body_blocks(page):
    return page.body.stream_block.get_api_representation(page.body)


def body_field() -> TypedField:
    return typed_field(list[BodyBlock], body_blocks, source="*")


def guidance_body_field() -> TypedField:
    return typed_field(list[GuidanceBodyBlock], body_blocks, source="*")
