""" "Behöver åtgärdas" (issue #25): the dashboard panel and the report list what needs an editor:
recordings without captions, webinars whose start passed, comments to moderate, images in
use without alt text, out-of-date translations, pages with unhandled feedback comments."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone
from wagtail.models import Collection, ReferenceIndex
from wagtail_factories import ImageFactory
from wagtail_localize.operations import translate_object

from editorial import roles
from editorial.attention import items_for
from editorial.models import DecorativeImage
from feedback.models import Feedback
from tests import factories

pytestmark = pytest.mark.django_db

REPORT = "/admin/behover-atgardas/"


def member(django_user_model, name, group):
    user = django_user_model.objects.create_user(name, password="lösen")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(django_user_model):
    return member(django_user_model, "redaktor", roles.EDITORS)


@pytest.fixture
def publisher(django_user_model):
    return member(django_user_model, "publicist", roles.PUBLISHERS)


def kinds(user, **kwargs):
    return {(item.kind, item.title) for item in items_for(user, **kwargs)}


def test_a_published_recording_without_captions_needs_them(editor, series):
    factories.WebinarEpisodePageFactory(parent=series, title="Med textning")
    bare = factories.WebinarEpisodePageFactory(parent=series, title="Utan textning")
    # Saved without the captions rule (an import, or a page published before it existed).
    type(bare).objects.filter(pk=bare.pk).update(captions=None)

    assert kinds(editor, kind="captions") == {("captions", "Utan textning")}


def test_an_upcoming_webinar_that_became_a_recording_without_captions_is_flagged(editor, series):
    """Item 4: a live stream link and a start time; once the start passes, it is a recording."""
    factories.WebinarEpisodePageFactory(
        parent=series,
        upcoming=True,
        title="Direktsänt",
        video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    )
    later = timezone.now() + timedelta(days=30)

    assert not kinds(editor, kind="captions")
    assert kinds(editor, kind="captions", now=later) == {("captions", "Direktsänt")}


def test_a_webinar_whose_start_passed_without_a_recording_is_listed(editor, series):
    factories.WebinarEpisodePageFactory(parent=series, upcoming=True, title="Kommande")
    later = timezone.now() + timedelta(days=30)

    assert not kinds(editor, kind="past_start")
    assert kinds(editor, kind="past_start", now=later) == {("past_start", "Kommande")}


def test_comments_awaiting_moderation_are_the_publishers(editor, publisher, episode):
    factories.CommentFactory(page=episode, status="pending")
    factories.CommentFactory(page=episode, status="pending")

    assert not kinds(editor, kind="comments")
    [item] = items_for(publisher, kind="comments")
    assert item.count == 2


def test_images_in_use_without_alt_text_are_listed_unless_decorative(editor, series):
    root = Collection.get_first_root_node()
    bare = ImageFactory(title="oxelosund-workshop", description="", collection=root)
    decorative = ImageFactory(title="bakgrund", description="", collection=root)
    DecorativeImage.objects.create(image=decorative)
    described = ImageFactory(title="skl-logo", description="SKL:s logotyp", collection=root)
    ImageFactory(title="oanvänd", description="", collection=root)
    for image in (bare, decorative, described):
        episode = factories.WebinarEpisodePageFactory(parent=series, thumbnail=image)
        ReferenceIndex.create_or_update_for_object(episode)

    assert kinds(editor, kind="alt_text") == {("alt_text", "oxelosund-workshop")}


def test_a_translation_older_than_its_source_is_listed(editor, locales, home):
    translate_object(home, [locales["en"]])
    english = home.get_translation(locales["en"])
    assert not kinds(editor, kind="translations")

    home.title = "Ny startsida"
    home.save_revision().publish()

    assert kinds(editor, kind="translations") == {("translations", english.title)}


def test_pages_with_unhandled_feedback_comments_are_listed(editor, django_user_model, episode):
    Feedback.objects.create(page=episode, page_title=episode.title, helpful=False, comment="Fel")
    Feedback.objects.create(page=episode, page_title=episode.title, helpful=True, comment="")
    Feedback.objects.create(
        page=episode, page_title=episode.title, helpful=False, comment="Klart", handled=True
    )
    nobody = django_user_model.objects.create_user("utan-roll", password="x")

    [item] = items_for(editor, kind="feedback")
    assert (item.title, item.detail) == (
        episode.title,
        "1 ohanterade kommentarer i återkopplingen.",
    )
    assert not items_for(nobody, kind="feedback")


def test_the_dashboard_panel_counts_and_the_report_lists(editor, publisher, series):
    factories.WebinarEpisodePageFactory(
        parent=series,
        upcoming=True,
        title="Passerad",
        starts_at=timezone.now() + timedelta(seconds=1),
    )
    episode = factories.WebinarEpisodePageFactory(parent=series, title="Utan textning")
    type(episode).objects.filter(pk=episode.pk).update(
        captions=None, starts_at=timezone.now() - timedelta(days=1)
    )
    factories.CommentFactory(page=episode, status="pending")
    client = Client()
    client.force_login(publisher)

    dashboard = client.get("/admin/").content.decode()
    report = client.get(REPORT).content.decode()
    only_captions = client.get(REPORT, {"typ": "captions"}).content.decode()

    assert "Behöver åtgärdas" in dashboard
    assert "Inspelningar utan textning: 1" in dashboard
    assert "Kommentarer att granska: 1" in dashboard
    assert "Utan textning" in report and "Kommentarer" in report
    assert "Utan textning" in only_captions and "väntar på granskning" not in only_captions
    as_editor = Client()
    as_editor.force_login(editor)
    assert "väntar på granskning" not in as_editor.get(REPORT).content.decode()
