"""Typed fields for the page types' `api_fields`: Wagtail's API v3 types a field by the return
annotation of its serializer, and leaves a property or a StreamField untyped. A StreamField
body is a list of its blocks (base/blocks.py), discriminated on `type`."""

from typing import Annotated, Literal, Union

from django.utils import translation
from pydantic import BaseModel, Field, RootModel, create_model
from rest_framework import fields as drf_fields
from wagtail import blocks

from .api_cards import CardSchema
from .api_serializers import ImageDataSchema
from .blocks import BaseStreamBlock, GuidanceStreamBlock


class CaptionedImageValue(BaseModel):
    image: ImageDataSchema | None
    caption: str


class FeaturedValue(BaseModel):
    page: CardSchema | None = Field(description="The page's card; null once it is not public")
    heading: str = Field(description="The editor's own heading, or '' for the page's title")
    type_name: str | None = Field(description="The page type's name, e.g. Exempel")


# The blocks that shape their own API value (get_api_representation); the others' values are
# typed from their child blocks by value_schema().
API_VALUES = {
    "paragraph": Annotated[str, Field(description="HTML, links resolved to real URLs")],
    "image": CaptionedImageValue,
    "featured": FeaturedValue,
}


def value_schema(block):
    """A block's value as Wagtail's API gives it: a struct as an object, a list as a list,
    choices as an enum, anything else as text."""
    if isinstance(block, blocks.ListBlock):
        return list[value_schema(block.child_block)]
    if isinstance(block, blocks.ChoiceBlock):
        return Literal[tuple(value for value, _label in block.field.choices if value)]
    if isinstance(block, blocks.StructBlock):
        fields = {name: (value_schema(child), ...) for name, child in block.child_blocks.items()}
        return create_model(f"{type(block).__name__.removesuffix('Block')}Value", **fields)
    return str


class BlockSchema(BaseModel):
    id: str


def block_schema(name: str, block) -> type[BlockSchema]:
    """`{id, type: name, value}`, e.g. KeyFactsBlockSchema for `key_facts`."""
    value = API_VALUES.get(name) or value_schema(block)
    title = name.title().replace("_", "")
    return create_model(
        f"{title}BlockSchema", __base__=BlockSchema, type=(Literal[name], ...), value=(value, ...)
    )


# One schema per block, shared by both bodies (the guidance body has every base block).
BLOCKS = {
    name: block_schema(name, block) for name, block in GuidanceStreamBlock().child_blocks.items()
}


# Classes, not Annotated aliases: Wagtail reads the annotation with get_type_hints(), which
# drops Annotated's discriminator.
class BodyBlock(RootModel):
    root: Union[tuple(BLOCKS[name] for name in BaseStreamBlock().child_blocks)] = Field(  # noqa: UP007
        discriminator="type"
    )


class GuidanceBodyBlock(RootModel):
    root: Union[tuple(BLOCKS.values())] = Field(discriminator="type")  # noqa: UP007


def typed_field(annotation, represent=lambda value: value, **kwargs) -> drf_fields.Field:
    class Typed(drf_fields.Field):
        def to_representation(self, value) -> annotation:
            return represent(value)

        @property
        def never_null(self):
            """Wagtail documents every serializer's value as nullable; this (without DRF's
            `allow_null`) lets core.api_http.answered_page_fields say otherwise."""
            return not self.allow_null

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


def body_field() -> drf_fields.Field:
    return typed_field(list[BodyBlock], body_blocks, source="*")


def guidance_body_field() -> drf_fields.Field:
    return typed_field(list[GuidanceBodyBlock], body_blocks, source="*")
