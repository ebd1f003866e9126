"""A fixed corpus for the search tests: every content type, with known words in known places,
plus pages that must never be found (draft, private, expired)."""

import copy
from datetime import date, timedelta

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from articles.models import PressReleasePage
from tests import factories
from tests.conftest import make_home, make_locales, make_sections
from webinars.models import EpisodeChapter


@pytest.fixture(scope="module")
def module_corpus(module_db):
    """Built once per test module: every test of each module here uses it."""
    return build_corpus()


@pytest.fixture
def corpus(module_corpus, db):
    """A copy per test: a page object one test changes is not the next test's."""
    return copy.deepcopy(module_corpus)


def build_corpus():
    home = make_home(make_locales()["sv"])
    sections = make_sections(home)
    catalogue, series = sections["catalogue"], sections["series"]
    case_index, press_index = sections["case_index"], sections["press_index"]
    design = factories.TopicFactory(name="Tjänstedesign", slug="tjanstedesign")
    leadership = factories.TopicFactory(name="Politiskt ledarskap", slug="politiskt-ledarskap")
    oxelosund = factories.OrganisationFactory(name="Oxelösunds kommun")
    other_series = factories.WebinarSeriesPageFactory(
        parent=catalogue, title="Digitalisering", slug="digitalisering"
    )
    pages = {
        "design_episode": factories.WebinarEpisodePageFactory(
            parent=series,
            title="Tjänstedesignen i praktiken",
            slug="tjanstedesignen",
            summary="Hur en kommun arbetar med sina brukare.",
            transcript="<p>Vi pratade länge om trygghetslarm och hemtjänst.</p>",
            chapters=[
                EpisodeChapter(start=timedelta(0), title="Välkommen"),
                EpisodeChapter(start=timedelta(minutes=5), title="Medborgardialog i praktiken"),
            ],
            recorded_on=date(2017, 6, 29),
            topics=[design],
        ),
        "leadership_episode": factories.WebinarEpisodePageFactory(
            parent=other_series,
            title="Politisk vilja",
            slug="politisk-vilja",
            summary="Ledarskap och innovation i kommuner och landsting.",
            recorded_on=date(2018, 3, 1),
            topics=[leadership],
        ),
        "case": factories.CaseStoryPageFactory(
            parent=case_index,
            title="Oxelösunds äldreomsorg",
            slug="oxelosund",
            summary="Tjänstedesign i äldreomsorgen i en liten kommun.",
            organisation=oxelosund,
            date_published=date(2017, 6, 29),
            topics=[design],
        ),
        "guidance": factories.GuidanceArticlePageFactory(
            parent=home,
            title="Användardriven innovation",
            slug="anvandardriven-innovation",
            intro="Innovation som utgår från brukarnas behov.",
            date_published=date(2017, 6, 29),
        ),
        "press": factories.PressReleasePageFactory(
            parent=press_index,
            title="Kommuner får stöd",
            slug="kommuner-far-stod",
            lead="Stöd för att förnya verksamheter med tjänstedesign.",
            published_at=timezone.make_aware(timezone.datetime(2017, 6, 29, 9)),
        ),
    }
    pages["draft"] = factories.CaseStoryPageFactory(
        parent=case_index, title="Hemlig tjänstedesign utkast", slug="utkast", live=False
    )
    pages["private"] = factories.CaseStoryPageFactory(
        parent=case_index, title="Skyddad tjänstedesign", slug="skyddad"
    )
    PageViewRestriction.objects.create(page=pages["private"], restriction_type="login")
    pages["expired"] = factories.PressReleasePageFactory(
        parent=press_index,
        title="Utgången tjänstedesign",
        slug="utgangen",
        expire_at=timezone.now() - timedelta(days=1),
    )
    pages.update(series=series, other_series=other_series, catalogue=catalogue)
    pages["topics"] = {"design": design, "leadership": leadership}
    pages["oxelosund"] = oxelosund
    assert PressReleasePage.objects.count() == 2
    return pages


HIDDEN = ("draft", "private", "expired")


@pytest.fixture
def hidden_everywhere(corpus, locales):
    """The corpus, plus an episode under a private series, and English guidance: one visible
    page and a draft, an expired and a private one, all about municipalities."""
    private_series = factories.WebinarSeriesPageFactory(
        parent=corpus["catalogue"], title="Skyddad serie", slug="skyddad-serie"
    )
    PageViewRestriction.objects.create(page=private_series, restriction_type="login")
    corpus["under_private"] = factories.WebinarEpisodePageFactory(
        parent=private_series, title="Dold tjänstedesign i skyddad serie", slug="dold"
    )
    english_home = corpus["guidance"].get_parent().specific.copy_for_translation(locales["en"])
    english_home.save_revision().publish()
    english = {
        "visible": {"title": "Working with municipalities"},
        "draft": {"title": "Draft about municipalities", "live": False},
        "expired": {
            "title": "Expired municipalities",
            "expire_at": timezone.now() - timedelta(minutes=1),
        },
        "private": {"title": "Private municipalities"},
    }
    for name, fields in english.items():
        corpus[f"en_{name}"] = factories.GuidanceArticlePageFactory(
            parent=english_home,
            slug=f"municipalities-{name}",
            intro="Innovation with the people who use the services.",
            locale=locales["en"],
            **fields,
        )
    PageViewRestriction.objects.create(page=corpus["en_private"], restriction_type="password")
    return corpus
