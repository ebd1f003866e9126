"""Editors can create and publish every page type through the real Wagtail admin.

Each test POSTs the page's add form exactly as the editor's browser would (`action-publish`
publishes, no action saves a draft), then checks the page is live and that its public URL
renders with its title. The last part covers the Swedish validation messages an editor sees
when an episode cannot be published."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.models import Page, Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from articles.models import GuidanceArticlePage, PressReleaseIndexPage, PressReleasePage
from base.blocks import RICH_TEXT_FEATURES
from cases.models import CaseIndexPage, CaseStoryPage
from home.models import HomePage
from tests import factories
from webinars.models import WebinarEpisodePage, WebinarIndexPage, WebinarSeriesPage

INTRO_FEATURES = ["bold", "italic", "link"]
TRANSCRIPT_FEATURES = ["bold", "italic", "h3", "ul", "link"]

# Every InlinePanel of each page type; the admin form needs each formset's management data.
INLINE_PANELS = {
    HomePage: ["featured_series"],
    WebinarEpisodePage: ["speakers", "chapters", "related_cases"],
    CaseStoryPage: ["related_episodes"],
    PressReleasePage: ["contacts"],
}


# --- helpers ------------------------------------------------------------------------------


def add_url(parent, model):
    return reverse(
        "wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk]
    )


def page_form_data(model, fields, **inlines):
    """Flat POST data for `model`'s add form: `fields` plus every inline formset (empty unless
    given as a list of form dicts in `inlines`). A set value is a multiple choice (e.g. topics)."""
    data = dict(fields)
    data.setdefault("slug", slugify(data["title"]))
    # Multiple choices (topics) are posted as repeated keys, not flattened to topics-0, ...
    multiple = {key: data.pop(key) for key, value in list(data.items()) if isinstance(value, set)}
    for relation in INLINE_PANELS.get(model, []):
        data[relation] = inline_formset(inlines.pop(relation, []))
    assert not inlines, f"{model.__name__} has no inline panel(s) {sorted(inlines)}"
    return {**nested_form_data(data), **{key: sorted(ids) for key, ids in multiple.items()}}


def form_errors(response):
    """Field and formset errors from a re-rendered admin form, for assertion messages."""
    context = response.context
    if context is None or "form" not in context:
        return f"(no form in response, status {response.status_code})"
    form = context["form"]
    errors = {field: list(messages) for field, messages in form.errors.items()}
    for name, formset in getattr(form, "formsets", {}).items():
        if formset.non_form_errors():
            errors[f"{name} (formset)"] = list(formset.non_form_errors())
        for index, subform_errors in enumerate(formset.errors):
            if subform_errors:
                errors[f"{name}-{index}"] = dict(subform_errors)
    return errors


def all_error_messages(response):
    """Every error message on the re-rendered form, flattened to one string."""
    form = response.context["form"]
    messages = [str(m) for field_errors in form.errors.values() for m in field_errors]
    for formset in getattr(form, "formsets", {}).values():
        messages += [str(m) for m in formset.non_form_errors()]
        for subform_errors in formset.errors:
            messages += [str(m) for field_errors in subform_errors.values() for m in field_errors]
    return "\n".join(messages)


def publish(client, parent, model, data):
    """Create and publish a page through the admin add view; return the new page."""
    response = client.post(add_url(parent, model), {**data, "action-publish": "action-publish"})
    assert response.status_code == 302, (
        f"Publishing a {model.__name__} was refused: {form_errors(response)}"
    )
    assert response.url == reverse("wagtailadmin_explore", args=[parent.pk])
    page = model.objects.child_of(parent).get(slug=data["slug"])
    return page


def assert_published_and_served(client, page):
    page.refresh_from_db()
    assert page.live, f"{page.title!r} was created but is not live"
    assert not page.has_unpublished_changes
    url = page.get_url()
    assert url, f"{page.title!r} has no public URL"
    response = client.get(url)
    assert response.status_code == 200, f"GET {url} returned {response.status_code}"
    assert escape(page.title) in response.content.decode()
    return response


def refuse_to_create(client, parent, model, data, *, action="action-publish"):
    """POST an invalid add form; assert the admin re-renders it (200) with its errors shown next
    to the fields, and creates nothing."""
    before = model.objects.count()
    if action:
        data = {**data, action: action}
    response = client.post(add_url(parent, model), data)
    assert response.status_code == 200, (
        f"Expected the form back with errors, got {response.status_code} "
        f"({response.get('Location', '')})"
    )
    # On the page's fields or on an inline's (a chapter's message sits on the chapter).
    assert all_error_messages(response), "The form came back without errors"
    html = response.content.decode()
    for message in all_error_messages(response).splitlines():
        assert escape(message) in html, f"Error not shown to the editor: {message}"
    assert model.objects.count() == before
    assert not model.objects.filter(slug=data["slug"]).exists()
    return response


def future(days=14):
    return (timezone.localtime() + timedelta(days=days)).strftime("%Y-%m-%d %H:%M")


def episode_form_data(**overrides):
    inlines = {
        key: overrides.pop(key) for key in INLINE_PANELS[WebinarEpisodePage] if key in overrides
    }
    fields = {
        "title": "Politisk vilja och nya idéer",
        "summary": "Hur politiker kan ge utrymme för användardriven innovation.",
        "video_url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "duration": "00:24:30",
        "recorded_on": "2017-06-29",
        "recording_language": "sv",  # the select's preselected default, as a browser sends it
        # The editor's statement (WCAG 1.2.5) so the episode is publishable with captions.
        "audio_description_not_needed": "on",
        "transcript": rich_text(
            "<p>Hej och välkommen till webbinariet.</p>", features=TRANSCRIPT_FEATURES
        ),
        **overrides,
    }
    return page_form_data(WebinarEpisodePage, fields, **inlines)


def captions_document(content, filename="textning.vtt"):
    return factories.CaptionsFactory(file=ContentFile(content.encode(), filename))


# --- fixtures -----------------------------------------------------------------------------


@pytest.fixture
def captions(db):
    return factories.CaptionsFactory()


@pytest.fixture
def speakers(db):
    return [
        factories.PersonFactory(name="Catharina Fredriksson", role="kommunstyrelsens ordförande"),
        factories.PersonFactory(name="Anders Knape", role="ordförande"),
    ]


# --- creating and publishing each page type -----------------------------------------------


def test_editor_can_publish_a_home_page_under_the_root_and_make_it_the_site_root(
    admin_client, locales
):
    root = Page.get_first_root_node()
    data = page_form_data(
        HomePage,
        {
            "title": "Användardriven innovation",
            "slug": "ny-start",
            "hero_intro": "För att stärka innovationsförmågan involverar allt fler brukargrupper.",
        },
    )

    home = publish(admin_client, root, HomePage, data)

    # A page directly under the root has no URL until a site points at it: the editor adds
    # one under Inställningar → Webbplatser (the test database has none).
    response = admin_client.post(
        reverse("wagtailsites:add"),
        {
            "hostname": "testserver",
            "port": "80",
            "site_name": "SKL",
            "root_page": home.pk,
            "is_default_site": "on",
        },
    )
    assert response.status_code == 302, form_errors(response)
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert_published_and_served(admin_client, home)


def test_editor_can_publish_a_webinar_catalogue_under_the_home_page(admin_client, home):
    data = page_form_data(
        WebinarIndexPage,
        {
            "title": "Webbinarier om innovation",
            "intro": rich_text("<p>Alla inspelade webbinarier.</p>", features=INTRO_FEATURES),
        },
    )
    catalogue = publish(admin_client, home, WebinarIndexPage, data)
    assert_published_and_served(admin_client, catalogue)


def test_editor_can_publish_a_webinar_series_in_the_catalogue(admin_client, catalogue):
    topic = factories.TopicFactory(name="Tjänstedesign")
    data = page_form_data(
        WebinarSeriesPage,
        {
            "title": "Politiskt ledarskap",
            "intro": rich_text(
                "<p>En serie om <b>användardriven</b> innovation.</p>", features=INTRO_FEATURES
            ),
            "image": factories.wagtail_factories.ImageFactory().pk,
            "topics": {topic.pk},
        },
    )
    series = publish(admin_client, catalogue, WebinarSeriesPage, data)
    assert list(series.topics.all()) == [topic]
    response = assert_published_and_served(admin_client, series)
    assert "Tjänstedesign" in response.content.decode()


def test_editor_can_publish_a_recorded_episode_with_captions(
    admin_client, series, captions, speakers
):
    data = episode_form_data(
        captions=captions.pk,
        speakers=[{"person": person.pk} for person in speakers],
        chapters=[
            {"start": "00:00:00", "title": "Välkommen"},
            {"start": "00:04:30", "title": "Hitta eldsjälarna"},
        ],
    )

    episode = publish(admin_client, series, WebinarEpisodePage, data)

    assert episode.video_url == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert episode.captions_id == captions.pk
    assert episode.duration == timedelta(minutes=24, seconds=30)
    assert [s.person_id for s in episode.speakers.order_by("sort_order")] == [
        p.pk for p in speakers
    ]
    assert [c.title for c in episode.chapters.order_by("sort_order")] == [
        "Välkommen",
        "Hitta eldsjälarna",
    ]
    html = assert_published_and_served(admin_client, episode).content.decode()
    assert "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" in html
    assert captions.url in html
    assert "Hitta eldsjälarna" in html
    assert "Catharina Fredriksson" in html


def test_editor_can_publish_an_upcoming_episode_without_video_or_captions(admin_client, series):
    data = episode_form_data(
        title="Kommande: Innovation i regionerna",
        video_url="",
        duration="",
        recorded_on="",
        transcript=rich_text("", features=TRANSCRIPT_FEATURES),
        starts_at=future(),
        registration_url="https://example.org/anmalan",
    )

    episode = publish(admin_client, series, WebinarEpisodePage, data)

    assert episode.is_upcoming
    assert not episode.has_video
    assert episode.captions_id is None
    html = assert_published_and_served(admin_client, episode).content.decode()
    assert "https://example.org/anmalan" in html


def test_editor_can_publish_a_case_index_under_the_home_page(admin_client, home):
    data = page_form_data(
        CaseIndexPage,
        {
            "title": "Exempel från kommuner",
            "intro": rich_text("<p>Så gör andra.</p>", features=INTRO_FEATURES),
        },
    )
    case_index = publish(admin_client, home, CaseIndexPage, data)
    assert_published_and_served(admin_client, case_index)


def test_editor_can_publish_a_case_story_with_a_streamfield_body(admin_client, case_index, episode):
    organisation = factories.OrganisationFactory(name="Oxelösunds kommun")
    data = page_form_data(
        CaseStoryPage,
        {
            "title": "Tjänstedesign i äldreomsorgen",
            "organisation": organisation.pk,
            "date_published": "2017-09-01",
            "summary": "Hur Oxelösund involverade brukarna.",
            "body": streamfield(
                [
                    (
                        "paragraph",
                        rich_text(
                            "<p>Brukarna var med <b>från början</b>.</p>",
                            features=RICH_TEXT_FEATURES,
                        ),
                    ),
                    ("heading", {"text": "Börja smått", "level": "h2"}),
                    (
                        "quote",
                        {
                            "quote": "Hitta eldsjälarna, börja smått och våga testa!",
                            "speaker": "Catharina Fredriksson",
                            "role": "kommunstyrelsens ordförande i Oxelösund",
                        },
                    ),
                    (
                        "key_facts",
                        {
                            "heading": "Fakta",
                            "facts": {
                                "count": "2",
                                "0": {
                                    "value": {"value": "VINNOVA", "label": "finansierar"},
                                    "deleted": "",
                                    "order": "0",
                                },
                                "1": {
                                    "value": {"value": "2017", "label": "startår"},
                                    "deleted": "",
                                    "order": "1",
                                },
                            },
                        },
                    ),
                ]
            ),
        },
        related_episodes=[{"episode": episode.pk}],
    )

    case = publish(admin_client, case_index, CaseStoryPage, data)

    assert [block.block_type for block in case.body] == [
        "paragraph",
        "heading",
        "quote",
        "key_facts",
    ]
    html = assert_published_and_served(admin_client, case).content.decode()
    for text in ("från början", "Börja smått", "Hitta eldsjälarna", "VINNOVA", "startår"):
        assert text in html
    assert episode.title in html


def test_editor_can_publish_a_guidance_article_featuring_an_episode(admin_client, home, episode):
    data = page_form_data(
        GuidanceArticlePage,
        {
            "title": "Så kommer ni igång",
            "intro": "Användardriven innovation steg för steg.",
            "body": streamfield(
                [
                    (
                        "paragraph",
                        rich_text("<p>Läs och titta.</p>", features=RICH_TEXT_FEATURES),
                    ),
                    ("featured", {"page": episode.pk, "heading": "Se inledningen"}),
                ]
            ),
        },
    )

    article = publish(admin_client, home, GuidanceArticlePage, data)

    featured = article.body[1]
    assert featured.block_type == "featured"
    assert featured.value["page"].specific == episode
    html = assert_published_and_served(admin_client, article).content.decode()
    assert "Se inledningen" in html
    assert episode.url in html


def test_editor_can_publish_a_guidance_article_under_another_guidance_article(admin_client, home):
    parent = factories.GuidanceArticlePageFactory(parent=home, slug="vagledning")
    data = page_form_data(
        GuidanceArticlePage,
        {"title": "Fördjupning", "intro": "Mer om metoderna.", "body": streamfield([])},
    )
    article = publish(admin_client, parent, GuidanceArticlePage, data)
    assert_published_and_served(admin_client, article)


def test_editor_can_publish_a_press_room_under_the_home_page(admin_client, home):
    data = page_form_data(
        PressReleaseIndexPage, {"title": "Pressrum", "intro": "Nyheter från SKL."}
    )
    press_index = publish(admin_client, home, PressReleaseIndexPage, data)
    assert_published_and_served(admin_client, press_index)


def test_editor_can_publish_a_press_release_with_contacts(admin_client, press_index):
    publisher = factories.OrganisationFactory(
        name="Sveriges Kommuner och Landsting", kind="forbund"
    )
    contact = factories.PersonFactory(
        name="Pressjouren", role="presstjänst", phone="08-452 70 00", email="press@example.org"
    )
    data = page_form_data(
        PressReleasePage,
        {
            "title": "Stöd för att förnya verksamheter",
            "published_at": "2017-06-29 09:00",
            "lead": "Kommuner och landsting får stöd för att förnya sina verksamheter.",
            "body": streamfield(
                [("paragraph", rich_text("<p>Pengarna fördelas.</p>", features=RICH_TEXT_FEATURES))]
            ),
            "publisher": publisher.pk,
        },
        contacts=[{"person": contact.pk}],
    )

    release = publish(admin_client, press_index, PressReleasePage, data)

    assert [c.person_id for c in release.contacts.all()] == [contact.pk]
    html = assert_published_and_served(admin_client, release).content.decode()
    assert "Pressjouren" in html


# --- what stops an episode from being published -------------------------------------------


def test_publishing_a_recording_without_captions_is_refused_with_a_message_about_textning(
    admin_client, series
):
    data = episode_form_data()
    response = refuse_to_create(admin_client, series, WebinarEpisodePage, data)

    errors = response.context["form"].errors
    assert "captions" in errors, form_errors(response)
    assert "textning" in " ".join(errors["captions"]).lower()


def test_submitting_a_recording_without_captions_for_moderation_is_refused(admin_client, series):
    response = refuse_to_create(
        admin_client, series, WebinarEpisodePage, episode_form_data(), action="action-submit"
    )
    assert "textning" in " ".join(response.context["form"].errors["captions"]).lower()


def test_a_recording_without_captions_can_be_saved_as_a_draft(admin_client, series):
    data = episode_form_data()

    response = admin_client.post(add_url(series, WebinarEpisodePage), data)

    assert response.status_code == 302, form_errors(response)
    draft = WebinarEpisodePage.objects.child_of(series).get(slug=data["slug"])
    assert response.url == reverse("wagtailadmin_pages:edit", args=[draft.pk])
    assert not draft.live
    assert draft.captions_id is None
    assert draft.has_unpublished_changes


@pytest.mark.parametrize(
    ("filename", "content"),
    [("textning.vtt", "hello"), ("textning.txt", "hello")],
    ids=["vtt-name-without-webvtt-header", "plain-text-file"],
)
def test_publishing_with_a_captions_file_that_is_not_webvtt_is_refused(
    admin_client, series, filename, content
):
    bad_captions = captions_document(content, filename)
    data = episode_form_data(captions=bad_captions.pk)

    response = refuse_to_create(admin_client, series, WebinarEpisodePage, data)

    errors = response.context["form"].errors
    assert "captions" in errors, form_errors(response)
    message = " ".join(errors["captions"])
    assert "WebVTT" in message or "Textningsfilen" in message


def test_publishing_a_chapter_that_starts_after_the_end_of_the_video_is_refused(
    admin_client, series, captions
):
    data = episode_form_data(
        captions=captions.pk,
        duration="00:10:00",
        chapters=[
            {"start": "00:01:00", "title": "Inledning"},
            {"start": "00:20:00", "title": "Frågor från publiken"},
        ],
    )

    response = refuse_to_create(admin_client, series, WebinarEpisodePage, data)

    messages = all_error_messages(response)
    assert "Frågor från publiken" in messages
    assert "Inledning" not in messages
    assert "Frågor från publiken" in response.content.decode()


def test_an_episode_with_neither_video_nor_start_time_is_refused(admin_client, series):
    data = episode_form_data(video_url="", duration="", recorded_on="")

    response = refuse_to_create(admin_client, series, WebinarEpisodePage, data)

    errors = response.context["form"].errors
    assert "video_url" in errors, form_errors(response)
    message = " ".join(errors["video_url"])
    assert "video" in message
    assert "starttid" in message


def test_a_video_link_from_an_unsupported_host_is_refused(admin_client, series, captions):
    data = episode_form_data(captions=captions.pk, video_url="https://example.com/video.mp4")

    response = refuse_to_create(admin_client, series, WebinarEpisodePage, data)

    errors = response.context["form"].errors
    assert "video_url" in errors, form_errors(response)
    assert "YouTube eller Vimeo" in " ".join(errors["video_url"])
