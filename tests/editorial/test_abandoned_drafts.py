"""Issue #25, item 12: "Lägg till sida" autosaves the page as soon as the editor types; an
abandoned form left a draft that then held the slug for good. A draft autosave created,
never published, never saved by hand and untouched for a day is deleted by run_periodic;
the editor's own drafts are kept."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page

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


def leave_for(page, age):
    Page.objects.filter(pk=page.pk).update(latest_revision_created_at=timezone.now() - age)


def run_periodic():
    out = StringIO()
    call_command("run_periodic", stdout=out)
    return out.getvalue()


def test_an_autosaved_draft_left_for_a_day_is_deleted_and_its_slug_is_free(admin_client, home):
    draft = create(admin_client, home, autosave=True)
    # Typing on: autosave rewrites the revision the create made.
    response = admin_client.post(
        edit_url(draft),
        {**article_data("Så kommer ni igång"), "overwrite_revision_id": draft.latest_revision_id},
        HTTP_ACCEPT="application/json",
    )
    assert response.json()["revision_id"] == draft.latest_revision_id
    leave_for(draft, timedelta(days=1, minutes=1))

    assert "1 övergivna utkast raderade." in run_periodic()

    assert not Page.objects.filter(pk=draft.pk).exists()
    create(admin_client, home, autosave=False)  # the same title and slug again


def test_the_history_says_autosave_created_it(admin_client, home):
    draft = create(admin_client, home, autosave=True)

    history = admin_client.get(f"/admin/pages/{draft.pk}/history/").content.decode()

    assert "Skapad av automatisk sparning" in history


def test_drafts_someone_meant_to_keep_stay(admin_client, home, client):
    saved_by_hand = create(admin_client, home, autosave=False)
    leave_for(saved_by_hand, timedelta(days=30))
    assert "0 övergivna utkast raderade." in run_periodic()
    saved_by_hand.delete()

    recent = create(admin_client, home, autosave=True)  # the editor may still come back
    leave_for(recent, timedelta(hours=23))
    assert "0 övergivna utkast raderade." in run_periodic()

    # Autosaved, then "Spara utkast" in the editor: a second revision.
    response = admin_client.post(edit_url(recent), article_data("Så kommer ni igång"))
    assert response.status_code == 302
    leave_for(recent, timedelta(days=2))
    assert "0 övergivna utkast raderade." in run_periodic()

    recent.save_revision().publish()  # published once: never an abandoned draft
    Page.objects.filter(pk=recent.pk).update(live=False)
    leave_for(recent, timedelta(days=2))
    assert "0 övergivna utkast raderade." in run_periodic()
    assert Page.objects.filter(pk=recent.pk).exists()


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
