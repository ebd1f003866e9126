"""Page URLs worked out without `reverse()` (home/page_urls.py) are Wagtail's own, in both
languages, for paths with letters outside ASCII too."""

import pytest
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Page

from home.page_urls import fast_url_parts
from tests import factories


@pytest.fixture
def pages(home, catalogue, series, episode, locales):
    odd = factories.WebinarSeriesPageFactory(parent=catalogue, slug="äldreomsorg-och-skåne")
    factories.WebinarEpisodePageFactory(parent=odd, slug="första-avsnittet")
    english_home = home.copy_for_translation(locales["en"])
    english_home.save_revision().publish()
    english_catalogue = catalogue.copy_for_translation(locales["en"], copy_parents=True)
    english_catalogue.slug = "webinars"
    english_catalogue.save_revision().publish()
    return Page.objects.filter(depth__gt=1).specific()


@pytest.mark.parametrize("language", ["sv", "en"])
def test_page_urls_without_reverse_are_wagtails_own(pages, language):
    request = RequestFactory().get("/")
    compared = 0
    with translation.override(language):
        for page in pages:
            for cache_object in (None, request):
                fast = fast_url_parts(page, cache_object)
                assert fast is not None, page.url_path
                assert fast == Page.get_url_parts(page, cache_object), page.url_path
                compared += 1
    assert compared >= 12
    assert any("%C3%A4" in page.get_url() for page in pages)  # "ä", percent-encoded
    assert any(page.get_url().startswith("/en/") for page in pages)
