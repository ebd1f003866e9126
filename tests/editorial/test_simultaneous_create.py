"""An editor saves a new page while autosave is still saving it: both requests pass the
slug check, and the second one's save found the slug taken, a 500 (editorial/
simultaneous_create.py). Now autosave gets Wagtail's JSON error and the editor the saved page."""

import pytest
from wagtail.admin.forms.pages import WagtailAdminPageForm

from articles.models import GuidanceArticlePage
from tests.editorial.test_publish_race import article_data, edit_url
from tests.home.test_admin_publishing import add_url

pytestmark = pytest.mark.django_db

SLUG = "sa-kommer-ni-igang"


@pytest.fixture
def other_request_saves_first(monkeypatch, home):
    """The other request's page is saved after this one's form passed its slug check."""
    check = WagtailAdminPageForm.clean

    def clean_then_lose_the_race(form):
        cleaned = check(form)
        home.add_child(instance=GuidanceArticlePage(title="Så kommer ni igång", live=False))
        return cleaned

    monkeypatch.setattr(WagtailAdminPageForm, "clean", clean_then_lose_the_race)


def post_new_article(client, home, accept):
    return client.post(
        add_url(home, GuidanceArticlePage), article_data("Så kommer ni igång"), HTTP_ACCEPT=accept
    )


def test_the_editors_save_opens_the_page_that_was_saved(
    admin_client, home, other_request_saves_first
):
    response = post_new_article(admin_client, home, "text/html")

    saved = GuidanceArticlePage.objects.get(slug=SLUG)
    assert response.status_code == 302
    assert response["Location"] == edit_url(saved)
    page = admin_client.get(response["Location"]).content.decode()
    assert "sparades samtidigt, av den automatiska sparningen" in page
    assert GuidanceArticlePage.objects.count() == 1


def test_the_autosave_that_lost_gets_wagtails_json_error(
    admin_client, home, other_request_saves_first
):
    response = post_new_article(admin_client, home, "application/json")

    assert response.status_code == 400
    assert response.json()["success"] is False
    assert response.json()["error_code"] == "validation_error"
    assert GuidanceArticlePage.objects.count() == 1
