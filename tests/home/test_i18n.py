"""Swedish first, English second: URLs, lang, hreflang, the language switcher, translations."""

import pytest
from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationSource

from demo.seed_translations import create_translation
from tests import factories


def translate(page, locale):
    """Translate through wagtail-localize, as the admin's "Translate this page" does."""
    source, _ = TranslationSource.get_or_create_from_instance(page)
    Translation.objects.get_or_create(source=source, target_locale=locale)
    return create_translation(page, locale)


@pytest.fixture
def english_home(home, locales):
    return translate(home, locales["en"])


def page_of_every_type(home, catalogue, series, case_index, press_index):
    return [
        home,
        catalogue,
        series,
        factories.WebinarEpisodePageFactory(parent=series),
        case_index,
        factories.CaseStoryPageFactory(parent=case_index),
        factories.GuidanceArticlePageFactory(parent=home),
        press_index,
        factories.PressReleasePageFactory(parent=press_index),
    ]


def test_every_page_type_can_be_translated_and_renders_in_english(
    client, locales, home, catalogue, series, case_index, press_index
):
    for page in page_of_every_type(home, catalogue, series, case_index, press_index):
        english = translate(page, locales["en"])
        assert english.locale.language_code == "en", page
        url = english.get_url()
        assert url.startswith("/en/"), url
        html = client.get(url).content.decode()
        assert '<html lang="en">' in html, url
        assert 'hreflang="sv"' in html and 'hreflang="en"' in html, url


def test_swedish_has_no_prefix_and_english_lives_under_en(client, english_home, home):
    assert home.get_url() == "/"
    assert english_home.get_url() == "/en/"
    assert '<html lang="sv">' in client.get("/").content.decode()
    assert '<html lang="en">' in client.get("/en/").content.decode()


def test_switcher_goes_to_the_translation_of_the_current_page(
    client, locales, english_home, episode
):
    english = translate(episode, locales["en"])
    html = client.get(episode.url).content.decode()
    assert f'<a href="{english.url}" hreflang="en" lang="en">English</a>' in html
    back = client.get(english.url).content.decode()
    assert f'<a href="{episode.url}" hreflang="sv" lang="sv">Svenska</a>' in back


def test_switcher_falls_back_to_the_english_home_and_no_hreflang_without_translation(
    client, english_home, press_index
):
    release = factories.PressReleasePageFactory(parent=press_index)
    html = client.get(release.url).content.decode()
    assert '<a href="/en/" hreflang="en" lang="en">English</a>' in html
    assert 'rel="alternate" hreflang' not in html
    assert client.get("/en/").status_code == 200


def test_translation_exports_a_po_file_with_the_page_strings(locales, episode):
    english = translate(episode, locales["en"])
    translation = Translation.objects.get(
        source__object_id=episode.translation_key, target_locale=locales["en"]
    )
    po = str(translation.export_po())
    assert f'msgid "{episode.title}"' in po
    assert 'msgid "Inledning om värdet och nyttan med användardriven innovation."' in po
    assert english.pk != episode.pk


def test_feedback_on_an_english_page_is_recorded_in_its_locale(
    client, locales, english_home, episode
):
    from feedback.models import Feedback

    english = translate(episode, locales["en"])
    response = client.post("/feedback/", {"page": english.pk, "helpful": "ja"})
    assert response.status_code == 303
    assert Feedback.objects.get().locale.language_code == "en"


def test_untranslated_tree_stays_consistent(english_home):
    assert Page.objects.filter(locale__language_code="en").count() == 1


def test_english_pages_use_english_interface_strings(client, locales, english_home, episode):
    english = translate(episode, locales["en"])
    html = client.get(english.url).content.decode()
    for text in (
        "Skip to main content",
        "Did the information on this page help you?",
        "Duration",
        "20 min",
    ):
        assert text in html, text
    assert "Hjälpte informationen" not in html
    assert "Till huvudinnehållet" not in html


def test_a_changed_source_shows_the_translation_as_out_of_date_until_synced(
    admin_client, locales, english_home, episode
):
    from base.translation_status import translation_status

    english = translate(episode, locales["en"])
    assert translation_status(episode) is None  # the source itself
    assert translation_status(english).out_of_date is False

    episode.summary = "En ny sammanfattning."
    episode.save_revision().publish()
    assert translation_status(english).out_of_date is True
    edit = admin_client.get(f"/admin/pages/{english.pk}/edit/").content.decode()
    assert "har ändrats" in edit

    translate(episode, locales["en"])  # "Sync translated pages"
    assert translation_status(english).out_of_date is False


def test_a_translation_agency_po_file_can_be_imported(locales, english_home, episode):
    """Export the PO file, fill it in as an agency would, import it and publish."""
    translate(episode, locales["en"])
    translation = Translation.objects.get(
        source__object_id=episode.translation_key, target_locale=locales["en"]
    )
    po = translation.export_po()
    for entry in po:
        if entry.msgid == episode.title:
            entry.msgstr = "Introduction (from the agency)"
    warnings = translation.import_po(po)
    assert warnings == []
    translation.save_target(publish=True)
    english = episode.get_translation(locales["en"])
    english.refresh_from_db()
    assert english.latest_revision.as_object().title == "Introduction (from the agency)"


def test_editor_translates_a_page_and_a_snippet_with_the_admin_translate_action(
    admin_client, locales, english_home, episode, django_capture_on_commit_callbacks
):
    from base.models import Topic

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/localize/submit/page/{episode.pk}/", {"locales": [locales["en"].pk]}
        )
    assert response.status_code == 302
    assert episode.has_translation(locales["en"])
    assert Translation.objects.filter(
        source__object_id=episode.translation_key, target_locale=locales["en"]
    ).exists()

    topic = factories.TopicFactory(name="Tjänstedesign", slug="tjanstedesign")
    response = admin_client.post(
        f"/admin/localize/submit/snippet/base/topic/{topic.pk}/", {"locales": [locales["en"].pk]}
    )
    assert response.status_code == 302
    assert Topic.objects.filter(
        translation_key=topic.translation_key, locale=locales["en"]
    ).exists()
