"""A featured card on a guidance page (a page the editor chose): in the reader's language where
the chosen page has a visible translation, else the page itself with its language marked, and
no card at all for a page the public cannot see (WCAG 3.1.2; core.visibility's one rule)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests import factories
from tests.information.conftest import translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def guidance(home, case_index):
    chosen = factories.CaseStoryPageFactory(parent=case_index, slug="oxelosund", title="Oxelösund")
    other = factories.CaseStoryPageFactory(parent=case_index, slug="goteborg", title="Göteborg")
    page = factories.GuidanceArticlePageFactory(
        parent=home,
        slug="vagledning",
        body=[("featured", {"page": chosen, "heading": ""})]
        + [("featured", {"page": other, "heading": ""})],
    )
    return page, chosen, other


def test_english_guidance_shows_translated_cards_in_english_and_marks_the_rest(
    client, locales, home, case_index, guidance
):
    page, chosen, other = guidance
    translate(home, locales["en"])
    translate(case_index, locales["en"])
    english_case = translate(chosen, locales["en"])
    english = translate(page, locales["en"])
    html = client.get(english.url).content.decode()
    assert f'<h2 class="card__title"><a href="{english_case.url}">' in html
    assert f'<h2 class="card__title" lang="sv"><a href="{other.url}">Göteborg</a></h2>' in html
    assert f'href="{chosen.url}"' not in html

    html = client.get(page.url).content.decode()
    assert f'<h2 class="card__title"><a href="{chosen.url}">Oxelösund</a></h2>' in html
    assert 'lang="en"' not in html.split("<main", 1)[1]


def test_no_card_for_an_expired_or_unpublished_page(client, guidance):
    page, chosen, other = guidance
    type(chosen).objects.filter(pk=chosen.pk).update(
        expire_at=timezone.now() - timedelta(minutes=1)
    )
    other.unpublish()
    html = client.get(page.url).content.decode()
    assert "card__title" not in html
