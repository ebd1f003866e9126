"""The language of a recording: its captions track, a note when it differs from the page's,
and the APIs (issue #22's field added end to end)."""

from wagtail.models import Locale

from tests import factories

API = "/api/v3"


def test_a_recording_in_another_language_says_so_and_labels_its_captions(client, series):
    episode = factories.WebinarEpisodePageFactory(
        parent=series, video_url="", video_file=factories.VideoFactory(), recording_language="en"
    )
    html = client.get(episode.url).content.decode()

    track = f'<track kind="captions" src="{episode.captions.url}" srclang="en" label="English"'
    assert track in html
    assert "Inspelningens språk: Engelska." in html
    assert f'<a href="{episode.captions.url}" hreflang="en">' in html
    detail = client.get(f"{API}/webinars/episodes/{episode.pk}/").json()
    assert detail["recording_language"] == "en"
    page = client.get(f"{API}/pages/{episode.pk}/").json()
    assert page["recording_language"] == "en"


def test_by_default_the_recording_is_in_swedish_also_on_its_english_page(client, episode):
    html = client.get(episode.url).content.decode()

    assert "Inspelningens språk" not in html
    assert f'<a href="{episode.captions.url}" hreflang="sv">' in html
    assert client.get(f"{API}/webinars/episodes/{episode.pk}/").json()["recording_language"] == "sv"
    english = episode.copy_for_translation(
        Locale.objects.get(language_code="en"), copy_parents=True
    )
    assert english.recording_language == "sv"  # wagtail-localize syncs a choices field
