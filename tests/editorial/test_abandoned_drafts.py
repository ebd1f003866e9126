"""Issue #25, item 12: "Lägg till sida" autosaves the page as soon as the editor types; an
abandoned form left a draft that then held the slug, unexplained. Its history says autosave
made it, and asking for its slug again names it with a link."""

import pytest

from articles.models import GuidanceArticlePage
from tests.editorial.test_publish_race import article_data, edit_url
from tests.home.test_admin_publishing import add_url

pytestmark = pytest.mark.django_db

SLUG = "sa-kommer-ni-igang"


def create(client, home, *, autosave):
    """The add form posted as autosave does (JSON) or as "Spara utkast" does (HTML)."""
    accept = "application/json" if autosave else "text/html"
    response = client.post(
        add_url(home, GuidanceArticlePage), article_data("Så kommer ni igång"), HTTP_ACCEPT=accept
    )
    assert response.status_code == (200 if autosave else 302)
    return GuidanceArticlePage.objects.get(slug=SLUG)


def test_the_history_says_autosave_created_it(admin_client, home):
    draft = create(admin_client, home, autosave=True)

    history = admin_client.get(f"/admin/pages/{draft.pk}/history/").content.decode()

    assert "Skapad av automatisk sparning" in history


def test_the_add_form_names_the_page_holding_the_slug_with_a_link(admin_client, home):
    draft = create(admin_client, home, autosave=True)

    response = admin_client.post(
        add_url(home, GuidanceArticlePage), article_data("Så kommer ni igång")
    )

    assert response.status_code == 200  # Wagtail's error on the slug
    html = response.content.decode()
    assert "Adressen “sa-kommer-ni-igang” används redan av sidan “Så kommer ni igång”." in html
    assert f'href="{edit_url(draft)}"' in html
    assert "Öppna sidan" in html
