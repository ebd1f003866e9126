"""An editor saves a new page while autosave is still saving it: both requests pass the
slug check, and the second one's save found the slug taken, a 500 (editorial/
simultaneous_create.py). Now autosave gets Wagtail's JSON error and the editor the saved page."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.admin.forms.pages import WagtailAdminPageForm

from articles.models import GuidanceArticlePage
from editorial.simultaneous_create import lost_the_race
from tests.editorial.test_publish_race import article_data, edit_url
from tests.home.test_admin_publishing import add_url

SLUG = "sa-kommer-ni-igang"
WARNING = "fick sidan “Så kommer ni igång” medan du sparade"


@pytest.fixture
def saved_after_the_slug_check(monkeypatch, home):
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


def assert_the_editor_opens_the_saved_page(client, response):
    saved = GuidanceArticlePage.objects.get(slug=SLUG)
    assert response.status_code == 302
    assert response["Location"] == edit_url(saved)
    assert WARNING in client.get(response["Location"]).content.decode()
    assert GuidanceArticlePage.objects.count() == 1


@pytest.mark.django_db
def test_the_editors_save_opens_the_page_that_was_saved(
    admin_client, home, saved_after_the_slug_check
):
    response = post_new_article(admin_client, home, "text/html")

    assert_the_editor_opens_the_saved_page(admin_client, response)


@pytest.mark.django_db
def test_the_autosave_that_lost_gets_wagtails_json_error(
    admin_client, home, saved_after_the_slug_check
):
    response = post_new_article(admin_client, home, "application/json")

    assert response.status_code == 400
    assert response.json()["success"] is False
    assert response.json()["error_code"] == "validation_error"
    assert WARNING in response.json()["error_message"]
    assert GuidanceArticlePage.objects.count() == 1


def test_only_a_taken_slug_is_taken_for_the_race():
    assert lost_the_race(ValidationError({"slug": "Adressen används redan."}))
    assert not lost_the_race(ValidationError({"captions": "Textning saknas."}))
    assert not lost_the_race(ValidationError("Något annat."))
