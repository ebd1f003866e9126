"""Findable and shareable: sitemap with both languages, robots.txt, canonical and OpenGraph."""

from wagtail.models import PageViewRestriction

from tests import factories


def test_sitemap_lists_published_public_pages_of_both_languages(client, locales, home, series):
    from tests.home.test_i18n import translate

    episode = factories.WebinarEpisodePageFactory(parent=series, slug="synlig")
    factories.WebinarEpisodePageFactory(parent=series, slug="utkast", live=False, captions=None)
    private = factories.WebinarEpisodePageFactory(parent=series, slug="privat")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    translate(home, locales["en"])

    response = client.get("/sitemap.xml")
    xml = response.content.decode()
    assert response.status_code == 200
    assert f"<loc>http://testserver{episode.url}</loc>" in xml
    assert "<loc>http://testserver/en/</loc>" in xml
    assert "utkast" not in xml and "privat" not in xml


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, home):
    response = client.get("/robots.txt")
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_pages_carry_canonical_and_opengraph_tags(client, episode):
    html = client.get(episode.url).content.decode()
    assert f'<link rel="canonical" href="http://testserver{episode.url}">' in html
    assert '<meta property="og:type" content="video.other">' in html
    assert f'<meta property="og:title" content="{episode.title}">' in html
    assert '<meta property="og:locale" content="sv_SE">' in html
    assert '<meta property="og:image" content="http://testserver/media/images/' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
