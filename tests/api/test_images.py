"""Images on request: every image in the API offers signed URLs of Wagtail's own image serving
at several widths in WebP (and AVIF where Pillow has it); a fetched URL is the image, a
tampered one a 4xx, never a 500."""

from io import BytesIO

import pytest
from PIL import Image, features
from wagtail_factories import ImageFactory

from tests import factories

from .conftest import API


@pytest.fixture
def wide_episode(series):
    image = ImageFactory(file__width=1000, file__height=500)
    return factories.WebinarEpisodePageFactory(parent=series, thumbnail=image)


def sources(client, episode):
    return client.get(f"{API}/webinars/episodes/{episode.pk}/").json()["thumbnail"]["sources"]


def test_images_offer_srcset_ready_sizes_in_modern_formats(client, wide_episode):
    found = sources(client, wide_episode)
    expected = ["image/avif", "image/webp"] if features.check("avif") else ["image/webp"]
    assert [source["type"] for source in found] == expected
    webp = found[-1]
    assert [(size["width"], size["height"]) for size in webp["sizes"]] == [
        (320, 160),
        (640, 320),
        (960, 480),
        (1000, 500),
    ]
    assert webp["srcset"] == ", ".join(f"{s['url']} {s['width']}w" for s in webp["sizes"])
    page = client.get(f"{API}/pages/{wide_episode.pk}/").json()
    assert page["thumbnail"]["sources"] == found


def test_a_signed_url_answers_the_image_in_its_size_and_format(client, wide_episode):
    size = sources(client, wide_episode)[-1]["sizes"][1]
    response = client.get(size["url"])
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert "public" in response["Cache-Control"] and "max-age=3600" in response["Cache-Control"]
    image = Image.open(BytesIO(b"".join(response.streaming_content)))
    assert (image.format, image.size) == ("WEBP", (640, 320))


def test_a_tampered_or_unknown_image_url_is_a_client_error(client, wide_episode):
    url = sources(client, wide_episode)[-1]["sizes"][0]["url"]
    signature, image_id, spec = url.split("/images/", 1)[1].split("/")[:3]
    assert client.get(url.replace(signature, "x" + signature[1:])).status_code == 403
    assert client.get(url.replace(spec, spec.replace("320", "4000"))).status_code == 403
    assert client.get(url.replace(f"/{image_id}/", "/987654/")).status_code in (403, 404)
    for junk in ("/images/abc/", "/images/x/y/z/", "/images/%00/1/width-1/a.jpg"):
        assert client.get(junk).status_code < 500
