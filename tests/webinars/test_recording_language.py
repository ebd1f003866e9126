"""The language spoken in a recording: said on the page when it is not the page's language,
and in both APIs (issue #22's field added end to end)."""

from wagtail.models import Locale

from tests import factories

API = "/api/v3"


def test_a_recording_in_another_language_says_so(client, series):
    episode = factories.WebinarEpisodePageFactory(parent=series, recording_language="en")
    html = client.get(episode.url).content.decode()

    assert "Inspelningens språk: Engelska." in html
    detail = client.get(f"{API}/webinars/episodes/{episode.pk}/").json()
    assert detail["recording_language"] == "en"
    assert client.get(f"{API}/pages/{episode.pk}/").json()["recording_language"] == "en"


def test_by_default_the_recording_is_in_swedish_also_on_its_english_page(client, episode):
    assert "Inspelningens språk" not in client.get(episode.url).content.decode()
    assert client.get(f"{API}/webinars/episodes/{episode.pk}/").json()["recording_language"] == "sv"
    english = episode.copy_for_translation(
        Locale.objects.get(language_code="en"), copy_parents=True
    )
    assert english.recording_language == "sv"  # wagtail-localize syncs a choices field
