"""Which changes become which events, and what they say: ids, types, locales and the public
paths affected, never a title, and nothing for drafts or private pages' paths."""

from datetime import timedelta

import pytest
import wagtail_factories
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(endpoint, receiver, django_capture_on_commit_callbacks):
    """Runs a change as one committed transaction; returns the events the receiver got."""

    def run(change):
        receiver.requests.clear()
        with django_capture_on_commit_callbacks(execute=True):
            change()
        return receiver.events()

    return run


@pytest.fixture
def guide(home):
    return factories.GuidanceArticlePageFactory(parent=home, slug="guide", title="Hemlig titel")


def test_saving_a_draft_sends_nothing(sent, guide):
    def edit_draft():
        guide.title = "Nytt utkast"
        guide.save_revision()

    assert sent(edit_draft) == []


def test_scheduling_a_first_publish_sends_nothing_until_it_goes_live(sent, home):
    draft = factories.GuidanceArticlePageFactory(parent=home, slug="senare", live=False)
    draft.go_live_at = timezone.now() + timedelta(hours=1)
    assert sent(lambda: draft.save_revision().publish()) == []
    draft.refresh_from_db()
    draft.go_live_at = None
    [event] = sent(lambda: draft.save_revision().publish())
    assert event["type"] == "page.published"
    assert event["data"]["paths"] == ["/senare/"]


def test_unpublishing_sends_the_path_that_is_gone(sent, guide):
    [event] = sent(guide.unpublish)
    assert event["type"] == "page.unpublished"
    assert event["data"]["id"] == guide.pk
    assert event["data"]["paths"] == ["/guide/"]


def test_publishing_a_private_page_sends_its_id_but_no_path_and_no_title(sent, guide, receiver):
    PageViewRestriction.objects.create(
        page=guide, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
    )
    [event] = sent(lambda: guide.save_revision().publish())
    assert event["type"] == "page.published"
    assert event["data"]["id"] == guide.pk
    assert event["data"]["paths"] == []
    assert b"Hemlig titel" not in receiver.requests[0]["body"]
    assert b"guide" not in receiver.requests[0]["body"]


def test_moving_a_page_sends_its_old_and_new_path(sent, home, guide):
    parent = factories.GuidanceArticlePageFactory(parent=home, slug="stod")
    [event] = sent(lambda: guide.move(parent, pos="last-child"))
    assert event["type"] == "page.moved"
    data = event["data"]
    assert (data["old_path"], data["new_path"]) == ("/guide/", "/stod/guide/")
    assert data["paths"] == ["/guide/", "/stod/guide/"]


def test_moving_a_page_under_a_private_one_hides_the_new_path(sent, home, guide):
    parent = factories.GuidanceArticlePageFactory(parent=home, slug="internt")
    PageViewRestriction.objects.create(page=parent, restriction_type=PageViewRestriction.LOGIN)
    [event] = sent(lambda: guide.move(parent, pos="last-child"))
    assert (event["data"]["old_path"], event["data"]["new_path"]) == ("/guide/", None)
    assert event["data"]["paths"] == ["/guide/"]


def test_reordering_siblings_or_moving_a_draft_sends_nothing(sent, home, guide):
    other = factories.GuidanceArticlePageFactory(parent=home, slug="annan")
    assert sent(lambda: guide.move(other, pos="left")) == []
    draft = factories.GuidanceArticlePageFactory(parent=home, slug="utkast", live=False)
    assert sent(lambda: draft.move(other, pos="last-child")) == []


def test_deleting_a_page_sends_its_path_and_each_published_page_below(sent, home, guide):
    child = factories.GuidanceArticlePageFactory(parent=guide, slug="del")
    factories.GuidanceArticlePageFactory(parent=guide, slug="aldrig-publicerad", live=False)
    for page in (guide, child):
        page.save_revision().publish()
    events = sent(guide.delete)
    deleted = [(e["data"]["id"], e["data"]["paths"]) for e in events if e["type"] == "page.deleted"]
    assert sorted(deleted) == [(guide.pk, ["/guide/"]), (child.pk, ["/guide/del/"])]
    # Wagtail unpublishes a live page before deleting it: that is an event too.
    unpublished = [e["data"]["id"] for e in events if e["type"] == "page.unpublished"]
    assert sorted(unpublished) == [guide.pk, child.pk]


def test_english_pages_have_english_paths(sent, home, locales):
    english_home = home.copy_for_translation(locales["en"])
    english_home.save_revision().publish()
    page = factories.GuidanceArticlePageFactory(parent=english_home, slug="guide", live=False)
    [event] = sent(lambda: page.save_revision().publish())
    assert event["data"]["locale"] == "en"
    assert event["data"]["paths"] == ["/en/guide/"]


def test_a_translation_published_or_unpublished_names_its_source_page_too(sent, home, locales):
    """The Swedish page's language link changes with its English translation: a front end
    that keeps the Swedish page must hear of it."""
    guide = factories.GuidanceArticlePageFactory(parent=home, slug="guide")
    english_home = home.copy_for_translation(locales["en"])
    english_home.save_revision().publish()
    english = guide.copy_for_translation(locales["en"])
    [published] = sent(lambda: english.save_revision().publish())
    assert published["data"]["paths"] == ["/en/guide/", "/guide/"]
    english.refresh_from_db()
    [unpublished] = sent(english.unpublish)
    assert unpublished["data"]["paths"] == ["/en/guide/", "/guide/"]


def test_snippet_changes_send_their_id_type_and_locale(sent, locales):
    topic = factories.TopicFactory.build()
    [saved] = sent(topic.save)
    assert saved["type"] == "snippet.saved"
    assert saved["data"] == {"id": topic.pk, "type": "base.Topic", "locale": "sv"}
    pk = topic.pk
    [deleted] = sent(topic.delete)
    assert deleted["type"] == "snippet.deleted"
    assert deleted["data"]["id"] == pk


def test_image_changes_send_the_image_id(sent):
    created = []
    [saved] = sent(lambda: created.append(wagtail_factories.ImageFactory()))
    image = created[0]
    assert (saved["type"], saved["data"]) == ("image.saved", {"id": image.pk})
    pk = image.pk
    [deleted] = sent(image.delete)
    assert (deleted["type"], deleted["data"]) == ("image.deleted", {"id": pk})


def test_every_event_has_an_id_a_type_and_a_time(sent, guide):
    [event] = sent(lambda: guide.save_revision().publish())
    assert set(event) == {"id", "type", "occurred_at", "data"}
    assert event["id"].startswith("msg_")
    assert event["occurred_at"].endswith("Z")


def test_a_failure_to_queue_events_is_logged_and_the_publish_stands(
    guide, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def broken(*args):
        raise RuntimeError("kön svarar inte")

    monkeypatch.setattr("webhooks.events.enqueue_deliveries", broken)
    with django_capture_on_commit_callbacks(execute=True):
        guide.save_revision().publish()
    guide.refresh_from_db()
    assert guide.live
    assert "kön svarar inte" in caplog.text
