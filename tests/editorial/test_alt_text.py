"""Issue #25, item 6: an image gets its alternative text on upload, or is marked "Dekorativ
bild" on purpose; never silently the file name."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, UploadedFile

from editorial.models import DecorativeImage

pytestmark = pytest.mark.django_db
Image = get_image_model()


def png(name):
    image = get_test_image_file(name)
    return SimpleUploadedFile(name, image.file.getvalue(), content_type="image/png")


@pytest.fixture
def upload(admin_client):
    """The first step of Wagtail's uploader: the file alone. Without alt text it waits."""
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": png("oxelosund-workshop.png")},
    )
    assert response.status_code == 200
    assert response.json()["success"]
    return UploadedFile.objects.get()


def finish(admin_client, upload, **fields):
    prefix = f"uploaded-image-{upload.pk}"
    data = {
        f"{prefix}-title": "Workshop i Oxelösund",
        f"{prefix}-collection": Collection.get_first_root_node().pk,
        **{f"{prefix}-{name}": value for name, value in fields.items()},
    }
    url = reverse("wagtailimages:create_multiple_from_uploaded_image", args=[upload.pk])
    return admin_client.post(url, data).json()


def test_an_upload_without_alt_text_is_not_an_image_yet(upload):
    assert not Image.objects.exists()


def test_the_upload_form_asks_for_alt_text_or_decorative(admin_client, upload):
    result = finish(admin_client, upload)

    assert not result["success"]
    assert "Skriv en alternativtext" in result["form"]
    assert "Dekorativ bild" in result["form"]
    assert not Image.objects.exists()


def test_alt_text_given_on_upload_is_the_images(admin_client, upload):
    result = finish(admin_client, upload, description="Tre personer vid en whiteboard")

    assert result["success"]
    image = Image.objects.get()
    assert image.default_alt_text == "Tre personer vid en whiteboard"
    assert not DecorativeImage.objects.exists()


def test_decorative_is_an_explicit_choice_and_leaves_no_alt_text(admin_client, upload):
    result = finish(admin_client, upload, description="ignoreras", decorative="on")

    assert result["success"]
    image = Image.objects.get()
    assert image.description == ""
    assert DecorativeImage.objects.filter(image=image).exists()


def test_editing_an_image_keeps_asking_and_remembers_decorative(admin_client):
    from wagtail_factories import ImageFactory

    image = ImageFactory(description="")
    url = reverse("wagtailimages:edit", args=[image.pk])
    data = {"title": image.title, "collection": image.collection_id}

    refused = admin_client.post(url, data)
    assert "Skriv en alternativtext" in refused.content.decode()

    admin_client.post(url, {**data, "decorative": "on"})
    assert DecorativeImage.objects.filter(image=image).exists()
    assert re.search(r'<input[^>]*name="decorative"[^>]*checked', admin_client.get(url).text)

    admin_client.post(url, {**data, "description": "Logotyp för SKL"})
    image.refresh_from_db()
    assert image.description == "Logotyp för SKL"
    assert not DecorativeImage.objects.filter(image=image).exists()
