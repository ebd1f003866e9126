"""Issue #25, item 2: "Översätt den här sidan → Skicka" creates the English page as a draft
(WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False); an editor publishes it when its text
is translated. The untranslated Swedish copy never goes live on the English site.

wagtail-localize publishes a translation in `transaction.on_commit`: these tests run the
commit callbacks, or a test would see a draft whatever the setting."""

import pytest
from wagtail.models import Page
from wagtail_localize.operations import translate_object

pytestmark = pytest.mark.django_db


@pytest.fixture
def english_series(locales, series):
    """The episode's parents translated into English and published, as an editor would."""
    for page in (series.get_parent().get_parent(), series.get_parent(), series):
        translate_object(page, [locales["en"]])
        page.get_translation(locales["en"]).save_revision().publish()
    return series.get_translation(locales["en"])


def translate_in_admin(client, page, locale, capture_on_commit):
    with capture_on_commit(execute=True):
        response = client.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": [locale.pk]})
    assert response.status_code == 302
    return Page.objects.get(translation_key=page.translation_key, locale=locale)


def test_translating_a_live_page_gives_a_draft_on_the_english_site(
    admin_client, client, locales, episode, english_series, django_capture_on_commit_callbacks
):
    translation = translate_in_admin(
        admin_client, episode, locales["en"], django_capture_on_commit_callbacks
    )

    assert not translation.live
    assert translation.title == episode.title  # the Swedish text, waiting for a translator
    assert client.get(translation.url).status_code == 404
    assert translation.title not in client.get(english_series.url).content.decode()


def test_publishing_the_translated_draft_puts_it_on_the_english_site(
    admin_client, client, locales, episode, english_series, django_capture_on_commit_callbacks
):
    translation = translate_in_admin(
        admin_client, episode, locales["en"], django_capture_on_commit_callbacks
    ).specific
    translation.title = "Introduction"
    translation.save_revision().publish()

    assert client.get(translation.url).status_code == 200
    assert "Introduction" in client.get(english_series.url).content.decode()


def test_wagtail_localizes_default_would_publish_the_untranslated_copy(
    admin_client, locales, episode, english_series, settings, django_capture_on_commit_callbacks
):
    """The same steps with wagtail-localize's default (the issue's bug): live at once."""
    settings.WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = True

    translation = translate_in_admin(
        admin_client, episode, locales["en"], django_capture_on_commit_callbacks
    )

    assert translation.live
