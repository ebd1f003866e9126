"""Issue #25, item 3: an editor clicks Publicera within half a second of typing, while the
autosave request that the typing started is still running. Both requests read the draft;
the publish commits first, then the autosave writes back the whole row it read, with
`live=False`: the admin said "publicerad" and the page stayed a draft (Wagtail's edit view
saves a not-yet-live page with `form.save(commit=True)`). editorial/apps.py refuses that
stale write; the autosave gets Wagtail's "newer version" answer and the page stays live."""

import threading
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client
from django.urls import reverse
from wagtail.admin.forms.pages import WagtailAdminPageForm
from wagtail.test.utils.form_data import rich_text, streamfield

from articles.models import GuidanceArticlePage
from base.blocks import RICH_TEXT_FEATURES
from tests import factories
from tests.home.test_admin_publishing import add_url, page_form_data
from webinars.models import WebinarEpisodePage


def article_data(title):
    body = streamfield([("paragraph", rich_text("<p>Text.</p>", features=RICH_TEXT_FEATURES))])
    return page_form_data(GuidanceArticlePage, {"title": title, "intro": "Ingress.", "body": body})


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def in_thread(name, work):
    """Runs `work` in a thread of its own (a request of its own, on its own connection)."""

    def run():
        try:
            results[name] = work()
        finally:
            connection.close()

    results = {}
    thread = threading.Thread(target=run, name=name)
    thread.start()
    thread.results = results
    return thread


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_autosave_landing_after_the_publish_does_not_unpublish_the_page(home, django_user_model):
    user = django_user_model.objects.create_superuser("redaktor", "r@example.invalid", "lösen")
    editor = Client()
    editor.force_login(user)
    data = article_data("Så kommer ni igång")
    response = editor.post(add_url(home, GuidanceArticlePage), data)  # "Spara utkast"
    assert response.status_code == 302
    article = GuidanceArticlePage.objects.get(slug="sa-kommer-ni-igang")
    revision = article.latest_revision

    autosave_read_the_page = threading.Event()
    publish_done = threading.Event()
    clean = WagtailAdminPageForm.clean

    def slow_clean(form):
        # The autosave has read the draft (dispatch) and is validating when the publish lands.
        if threading.current_thread().name == "autosave":
            autosave_read_the_page.set()
            assert publish_done.wait(timeout=30)
        return clean(form)

    def autosave():
        return editor.post(
            edit_url(article),
            {
                **data,
                "title": "Så kommer ni igång!",
                "loaded_revision_id": revision.pk,
                "loaded_revision_created_at": revision.created_at.isoformat(),
            },
            HTTP_ACCEPT="application/json",
        )

    def publish():
        assert autosave_read_the_page.wait(timeout=30)
        try:
            return editor.post(edit_url(article), {**data, "action-publish": "action-publish"})
        finally:
            publish_done.set()

    with mock.patch.object(WagtailAdminPageForm, "clean", slow_clean):
        threads = [in_thread("autosave", autosave), in_thread("publish", publish)]
        for thread in threads:
            thread.join(timeout=60)
    autosaved, published = (
        thread.results.get(name)
        for thread, name in zip(threads, ("autosave", "publish"), strict=True)
    )

    assert published.status_code == 302  # "Sidan ... har publicerats"
    article.refresh_from_db()
    assert article.live
    assert article.live_revision_id
    assert autosaved.json()["success"] is False
    assert autosaved.json()["error_code"] == "invalid_revision"


@pytest.mark.django_db
def test_a_copy_read_before_the_publish_cannot_save_the_page_back_as_a_draft(series):
    draft = factories.WebinarEpisodePageFactory(parent=series, live=False)
    stale = WebinarEpisodePage.objects.get(pk=draft.pk)
    draft.save_revision().publish()

    stale.title = "Ny rubrik"
    with pytest.raises(PermissionDenied, match="Sidan har publicerats sedan du öppnade den"):
        stale.save()

    draft.refresh_from_db()
    assert draft.live


@pytest.mark.django_db
def test_unpublishing_and_saving_drafts_still_work(series):
    page = factories.WebinarEpisodePageFactory(parent=series)

    page.save_revision().publish()  # this copy is now older than the row, not its revision
    page.unpublish()
    page.refresh_from_db()
    assert not page.live
    page.title = "Ny rubrik"
    page.save()  # a draft read after the last publish

    assert WebinarEpisodePage.objects.get(pk=page.pk).title == "Ny rubrik"
