"""An error page in English leads back to the English start page, not the Swedish one."""

import pytest

from .conftest import translate

pytestmark = pytest.mark.django_db


def test_english_404_page_links_the_english_start_page(client, home, locales):
    english_home = translate(home, locales["en"])
    response = client.get("/en/finns-inte/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<a href="{english_home.url}">Go to the home page</a>' in html
    assert english_home.url == "/en/"


def test_swedish_404_page_links_the_swedish_start_page(client, home):
    html = client.get("/finns-inte/").content.decode()
    assert '<a href="/">Gå till startsidan</a>' in html
