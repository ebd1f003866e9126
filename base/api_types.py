"""Typed fields for the page types' `api_fields`: Wagtail's API v3 types a field by the return
annotation of its serializer, and leaves a property or a StreamField untyped. A StreamField
body is a list of its blocks (base/blocks.py), discriminated on `type`."""

from typing import Annotated, Literal, Union

from django.utils import translation
from pydantic import BaseModel, Field, RootModel, create_model
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


def block_schema(name: str, value) -> type[BlockSchema]:
    """`{id, type: name, value}`, e.g. KeyFactsBlockSchema for `key_facts`."""
    title = name.title().replace("_", "")
    return create_model(
        f"{title}BlockSchema", __base__=BlockSchema, type=(Literal[name], ...), value=(value, ...)
    )


BASE_BLOCKS = [
    block_schema("heading", HeadingValue),
    block_schema(
        "paragraph", Annotated[str, Field(description="HTML, links resolved to real URLs")]
    ),
    block_schema("quote", QuoteValue),
    block_schema("image", CaptionedImageValue),
    block_schema("key_facts", KeyFactsValue),
]


# Classes, not Annotated aliases: Wagtail reads the annotation with get_type_hints(), which
# drops Annotated's discriminator.
class BodyBlock(RootModel):
    root: Union[tuple(BASE_BLOCKS)] = Field(discriminator="type")  # noqa: UP007


class GuidanceBodyBlock(RootModel):
    root: Union[(*BASE_BLOCKS, block_schema("featured", FeaturedValue))] = Field(  # noqa: UP007
        discriminator="type"
    )


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
