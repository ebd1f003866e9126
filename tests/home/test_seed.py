"""The demo site built from shared/seeds: complete, playable and idempotent."""

import pytest
from django.core.management import call_command
from django.utils.html import escape
from wagtail.models import Page, Revision

from articles.models import GuidanceArticlePage, PressReleasePage
from base.models import Organisation, Person, Topic
from cases.models import CaseStoryPage
from webinars.models import WebinarEpisodePage, WebinarSeriesPage


def snapshot():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "people": Person.objects.count(),
        "organisations": Organisation.objects.count(),
        "topics": Topic.objects.count(),
        "titles": sorted(Page.objects.values_list("title", flat=True)),
    }


@pytest.fixture
def seeded(db, seed_content):
    """The seed, loaded once per process and written back for each test (tests/conftest.py);
    the first test below loads it again on top."""


def test_running_the_seed_loader_twice_changes_nothing(seeded, capsys):
    before = snapshot()
    call_command("load_seed_content")
    assert snapshot() == before
    assert "inget ändrades" in capsys.readouterr().out


def test_the_series_has_the_five_segments_in_the_seed_order(seeded):
    series = WebinarSeriesPage.objects.get(title="Politiskt ledarskap och innovation")
    assert [episode.title for episode in series.episodes()] == [
        "Inledning",
        "Oxelösunds äldreomsorg – från botten till toppen genom tjänstedesign",
        "Politisk vilja centralt för utveckling av nya idéer",
        "Göteborgs stad: ”Arbetskrävande – men enda sättet att fånga medborgarnas behov”",
        "”Hitta eldsjälarna, börja smått och våga testa!”",
    ]


def test_every_episode_is_playable_with_captions_marked_as_demo(seeded, client):
    for episode in WebinarEpisodePage.objects.live().filter(locale__language_code="sv"):
        assert episode.video_file and episode.captions and episode.is_recorded
        html = client.get(episode.url).content.decode()
        assert '<track kind="captions"' in html
        assert "Demomaterial" in html


def test_the_seed_people_cases_and_press_release_are_there(seeded, client):
    assert set(CaseStoryPage.objects.values_list("organisation__name", flat=True)) == {
        "Oxelösunds kommun",
        "Göteborgs stad",
    }
    release = PressReleasePage.objects.get()
    html = client.get(release.url).content.decode()
    assert "10 maj 2016 09:00" in html
    assert "Jonas Gumbel" in html and "08-406 84 44" in html and "jonas.gumbel@svid.se" in html
    assert "Om SVID, Stiftelsen Svensk Industridesign" in html
    guidance = GuidanceArticlePage.objects.get(locale__language_code="sv")
    assert guidance.title == "Användardriven innovation"
    speakers = Person.objects.filter(episode_appearances__isnull=False).distinct()
    assert set(speakers.values_list("name", flat=True)) == {
        "Catharina Fredriksson",
        "Marie Svensson",
    }


def test_every_seeded_page_renders_with_its_title(seeded, client):
    pages = Page.objects.live().filter(depth__gt=1).specific()
    swedish = [page for page in pages if page.locale.language_code == "sv"]
    english = [page for page in pages if page.locale.language_code == "en"]
    # home, 3 indexes, series, 5 episodes, 2 cases, guidance, release, 4 information pages
    assert len(swedish) == 18
    assert len(english) == 15  # home, 2 indexes, series, 5 episodes, 1 case, guidance, 4 info
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert f"<h1>{escape(page.title)}</h1>" in response.content.decode(), page.url


def test_english_translations_are_real_wagtail_localize_translations(seeded, client):
    from wagtail_localize.models import Translation

    english = WebinarEpisodePage.objects.get(locale__language_code="en", slug="introduction")
    assert english.title == "Introduction"
    assert english.summary.startswith("An introduction to the value and benefits")
    assert Translation.objects.filter(
        source__object_id=english.translation_key, target_locale__language_code="en"
    ).exists()
    html = client.get(english.url).content.decode()
    assert english.url == "/en/webinars/political-leadership-and-innovation/introduction/"
    assert '<html lang="en">' in html
    assert 'srclang="en"' in html  # English demo captions chosen through an override
    assert "About the demo material" in html  # chapters are translated too
    assert "Om demomaterialet" not in html


def test_english_pages_show_translated_topics_and_roles_and_filter_by_them(seeded, client):
    html = client.get(
        "/en/webinars/political-leadership-and-innovation/political-will-is-central/"
    ).content.decode()
    assert "Service design" in html and "Tjänstedesign" not in html
    assert "municipal commissioner, Eskilstuna kommun" in html
    swedish = client.get("/webbinarier/", {"amne": "tjanstedesign"}).context["episodes"]
    english = client.get("/en/webinars/", {"amne": "service-design"}).context["episodes"]
    assert len(english) == len(swedish) == 4
    assert {episode.locale.language_code for episode in english} == {"en"}


def test_the_site_is_at_the_address_it_is_served_from(seeded, settings, client):
    """scripts/demo.sh sets the base URL from its PORT: canonical and API links must work."""
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8123"
    call_command("load_seed_content")
    page = client.get("/").content.decode()
    assert '<link rel="canonical" href="http://127.0.0.1:8123/">' in page
    settings.WAGTAILADMIN_BASE_URL = "http://testserver"
    call_command("load_seed_content")
    assert '<link rel="canonical" href="http://testserver/">' in client.get("/").content.decode()


def test_the_home_page_is_titled_once_with_the_site_name(seeded, client):
    assert "<title>Användardriven innovation – SKL</title>" in client.get("/").content.decode()
    assert "<title>User-driven innovation – SKL</title>" in client.get("/en/").content.decode()


def test_the_home_page_advertises_only_the_feeds_its_language_has(seeded, client):
    """There is no English press room: the English home page offers no (empty) press feed."""
    swedish = client.get("/").content.decode()
    assert "/webbinarier/flode.rss" in swedish and "/press/flode.rss" in swedish
    english = client.get("/en/").content.decode()
    assert "/en/webinars/feed.rss" in english and "press" not in english.split("</head>")[0]
