"""How the JSON API shows images, rich text, page references and snippets: one place, used by
the page models' `api_fields`, the StreamField blocks and our own routers alike.

Every image goes through `image_data()`, which returns the same few renditions everywhere, so a
listing can prefetch them in one query (`base.listing.card_images`)."""

from typing import Literal

from django.conf import settings
from ninja import Schema
from PIL import features
from pydantic import BaseModel, Field
from rest_framework import fields as drf_fields
from wagtail.images.models import Filter
from wagtail.images.views.serve import generate_image_url
from wagtail.models import Page, get_page_models
from wagtail.rich_text import expand_db_html

from base.listing import RENDITIONS, in_locale
from base.models import OrganisationKind
from core.visibility import is_visible

# Parsed once: Wagtail parses a spec string anew on every call (a listing of 20 cards with
# portraits asks for a hundred renditions).
RENDITION_FILTERS = [Filter(spec=spec) for spec in RENDITIONS.values()]
# Sizes on request (`sources`): signed URLs of Wagtail's own image serving (cms/urls.py), made
# into renditions when first fetched, never past the original's width.
SOURCE_WIDTHS = (320, 640, 960, 1280, 1920)
SOURCE_FORMATS = [
    (name, f"image/{name}") for name in ("avif", "webp") if features.check(name)
]  # AVIF only where this Pillow encodes it


# The nested data (images, topics, people) is always a dict built by the helpers below, so
# these are plain pydantic models, checked by pydantic-core alone: ninja's `Schema` reads
# every field of every nested value through its attribute getter, in Python.


class RenditionSchema(BaseModel):
    url: str
    width: int
    height: int


class FocalPointSchema(BaseModel):
    x: int
    y: int
    width: int
    height: int


class ImageSourceSchema(BaseModel):
    """One `<source>` of a `<picture>`: the image in one format at several widths."""

    type: Literal["image/avif", "image/webp"]
    srcset: str = Field(description="`url 320w, url 640w, …`, for `srcset` as it is")
    sizes: list[RenditionSchema]


class ImageDataSchema(BaseModel):
    id: int
    title: str
    alt: str
    width: int
    height: int
    focal_point: FocalPointSchema | None
    renditions: dict[str, RenditionSchema]
    sources: list[ImageSourceSchema] = Field(
        description="Sizes on request (AVIF first where offered, then WebP): signed URLs whose "
        "rendition is made when first fetched"
    )


def page_type_enum(schema: dict) -> None:
    """The page types as an enum, read when the document is built (the apps are loaded then)."""
    schema["enum"] = sorted(model._meta.label for model in get_page_models())


class PageRefSchema(Schema):
    id: int
    type: str = Field(description="The page type", json_schema_extra=page_type_enum)
    title: str
    url: str | None


class TopicSchema(BaseModel):
    id: int
    name: str
    slug: str


class OrganisationSchema(BaseModel):
    id: int
    name: str
    kind: OrganisationKind
    website: str
    about: str = Field(description="“About us” (HTML), shown under its press releases")


class PersonSchema(BaseModel):
    id: int
    name: str
    role: str
    organisation: OrganisationSchema | None
    portrait: ImageDataSchema | None


class ContactSchema(PersonSchema):
    phone: str
    email: str


def full_media_url(url):
    """An absolute URL for a media file's (relative with local storage, absolute on S3)."""
    if url and url.startswith("/"):
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url
    return url


def image_sources(image) -> list[dict]:
    if not image.width:  # a file Wagtail could not read
        return []
    largest = min(image.width, SOURCE_WIDTHS[-1])
    widths = [width for width in SOURCE_WIDTHS if width < largest] + [largest]
    sources = []
    for name, mime_type in SOURCE_FORMATS:
        sizes = [
            {
                "url": full_media_url(generate_image_url(image, f"width-{width}|format-{name}")),
                "width": width,
                "height": round(image.height * width / image.width),
            }
            for width in widths
        ]
        srcset = ", ".join(f"{size['url']} {size['width']}w" for size in sizes)
        sources.append({"type": mime_type, "srcset": srcset, "sizes": sizes})
    return sources


def rendition_data(rendition) -> dict:
    return {"url": rendition.full_url, "width": rendition.width, "height": rendition.height}


def image_data(image, alt=None) -> dict | None:
    """The image with its renditions (prefetched by `base.listing.card_images` in listings)."""
    if image is None:
        return None
    renditions = image.get_renditions(*RENDITION_FILTERS)
    focal_point = None
    if image.has_focal_point():
        focal_point = {
            "x": image.focal_point_x,
            "y": image.focal_point_y,
            "width": image.focal_point_width,
            "height": image.focal_point_height,
        }
    return {
        "id": image.pk,
        "title": image.title,
        "alt": alt if alt is not None else (image.description or image.title),
        "width": image.width,
        "height": image.height,
        "focal_point": focal_point,
        "renditions": {name: rendition_data(renditions[spec]) for name, spec in RENDITIONS.items()},
        "sources": image_sources(image),
    }


def rich_text_html(value) -> str:
    """Rich text as display HTML: internal links as real URLs, no `<embed>` tags left."""
    source = getattr(value, "source", value)
    return expand_db_html(source or "")


def page_ref(page, request=None) -> dict:
    specific_class = page.specific_class or Page
    return {
        "id": page.pk,
        "type": specific_class._meta.label,
        "title": page.title,
        "url": page.get_url(request),
    }


def public_page_ref(page, context=None) -> dict | None:
    """A reference to `page`, or None when the page is not published and public."""
    if not is_visible(page):
        return None
    return page_ref(page, (context or {}).get("request"))


def topic_data(topic) -> dict:
    return {"id": topic.pk, "name": topic.name, "slug": topic.slug}


def organisation_data(organisation) -> dict | None:
    if organisation is None:
        return None
    return {
        "id": organisation.pk,
        "name": organisation.name,
        "kind": organisation.kind,
        "website": organisation.website,
        "about": rich_text_html(organisation.about),
    }


def person_data(person, contact=False) -> dict:
    data = {
        "id": person.pk,
        "name": person.name,
        "role": person.role,
        "organisation": organisation_data(person.organisation),
        "portrait": image_data(person.portrait),
    }
    if contact:
        data.update(phone=person.phone, email=person.email)
    return data


# Wagtail's v3 schema generator still accepts a DRF serializer field per APIField, typed by its
# return annotation; these expand a relation into the same shapes as our own routers use.


class ImageField(drf_fields.Field):
    """An image as `ImageDataSchema`: renditions in several sizes, alt text, focal point."""

    def to_representation(self, value) -> ImageDataSchema:
        return image_data(value)


# Snippets in the language of the page that holds them (`in_locale`), as its HTML shows them:
# an English page may point at Swedish topics or people. DRF's `get_attribute(page)` is the
# one place that sees the page.


class TopicsField(ImageField):
    def get_attribute(self, instance):
        return in_locale(getattr(instance, self.field_name).all(), instance.locale_id)

    def to_representation(self, value) -> list[TopicSchema]:
        return [topic_data(topic) for topic in value]


class OrganisationField(ImageField):
    def get_attribute(self, instance):
        organisation = getattr(instance, self.field_name)
        return None if organisation is None else in_locale([organisation], instance.locale_id)[0]

    def to_representation(self, value) -> OrganisationSchema:
        return organisation_data(value)


class PeopleField(ImageField):
    """An orderable relation to `Person` (speakers, press contacts) as people."""

    contact = False

    def get_attribute(self, instance):
        items = getattr(instance, self.field_name).select_related(
            "person__organisation", "person__portrait"
        )
        return in_locale([item.person for item in items], instance.locale_id)

    def to_representation(self, value) -> list[PersonSchema]:
        return [person_data(person, contact=self.contact) for person in value]


class ContactsField(PeopleField):
    contact = True

    def to_representation(self, value) -> list[ContactSchema]:
        return super().to_representation(value)
