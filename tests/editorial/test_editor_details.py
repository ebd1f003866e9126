"""Issue #25, item 12: the episode editor lists the page's own language's topics in Swedish
order, and new slugs transliterate å, ä, ö like the seeded ones."""

import pytest
from django.utils.html import escape

from articles.models import GuidanceArticlePage
from cases.models import CaseStoryPage
from tests import factories
from tests.home.test_admin_publishing import add_url, episode_form_data
from webinars.models import WebinarEpisodePage, WebinarSeriesPage

pytestmark = pytest.mark.django_db


def test_topics_are_the_pages_language_in_swedish_order(admin_client, locales, series):
    for name in ["Äldreomsorg", "Innovation", "Ökad delaktighet", "Ånge kommun", "Arbete"]:
        factories.TopicFactory(
            name=name, slug=f"amne-{len(name)}-{name[:2].lower()}", locale=locales["sv"]
        )
    factories.TopicFactory(name="Elderly care", slug="elderly-care", locale=locales["en"])

    html = admin_client.get(add_url(series, WebinarEpisodePage)).content.decode()

    names = ["Arbete", "Innovation", "Ånge kommun", "Äldreomsorg", "Ökad delaktighet"]
    positions = [html.index(escape(name)) for name in names]
    assert positions == sorted(positions)
    assert "Elderly care" not in html


@pytest.mark.parametrize(
    "parent_name, model",
    [
        ("catalogue", WebinarSeriesPage),
        ("case_index", CaseStoryPage),
        ("home", GuidanceArticlePage),
    ],
)
def test_series_case_and_article_forms_list_topics_the_same_way(
    admin_client, locales, request, parent_name, model
):
    parent = request.getfixturevalue(parent_name)
    for name in ["Ökad delaktighet", "Äldreomsorg", "Arbete"]:
        factories.TopicFactory(name=name, slug=f"amne-{name[:3].lower()}", locale=locales["sv"])
    factories.TopicFactory(name="Elderly care", slug="elderly-care", locale=locales["en"])

    html = admin_client.get(add_url(parent, model)).content.decode()

    positions = [html.index(escape(name)) for name in ["Arbete", "Äldreomsorg", "Ökad delaktighet"]]
    assert positions == sorted(positions)
    assert "Elderly care" not in html


def test_a_topic_in_another_language_cannot_be_chosen(admin_client, locales, series):
    english = factories.TopicFactory(name="Elderly care", slug="elderly-care", locale=locales["en"])
    data = episode_form_data(topics={english.pk})

    response = admin_client.post(add_url(series, WebinarEpisodePage), data)

    assert response.status_code == 200
    assert "topics" in response.context["form"].errors


def test_new_slugs_transliterate_swedish_letters_like_the_seeded_ones(admin_client, series):
    episode = factories.WebinarEpisodePageFactory(
        parent=series, title="Får kommunerna stöd?", slug=""
    )

    assert episode.slug == "far-kommunerna-stod"
    # The editor's slug field (Wagtail's w-slug controller) transliterates as the title is typed.
    form_html = admin_client.get(add_url(series, WebinarEpisodePage)).content.decode()
    # (Django leaves a False attribute out; the controller's default is ASCII.)
    assert 'data-controller="w-slug"' in form_html
    assert "data-w-slug-allow-unicode-value" not in form_html
