from django.urls import reverse

from tests import factories
from webinars.models import WebinarEpisodePage


def bulk_publish_url(page):
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    return f"{url}?id={page.pk}&next=/admin/pages/{page.get_parent().pk}/"


def test_bulk_publishing_a_recording_without_captions_is_refused_with_a_message(
    admin_client, series
):
    draft = factories.WebinarEpisodePageFactory(parent=series, captions=None, live=False)
    draft.save_revision()
    response = admin_client.post(bulk_publish_url(draft), follow=True)
    assert response.status_code == 200
    assert "saknar textning eller syntolkning" in response.content.decode()
    assert WebinarEpisodePage.objects.get(pk=draft.pk).live is False


def test_bulk_publishing_a_series_with_a_captionless_draft_below_is_refused(admin_client, series):
    draft = factories.WebinarEpisodePageFactory(parent=series, captions=None, live=False)
    draft.save_revision()
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    response = admin_client.post(
        f"{url}?id={series.pk}&next=/admin/", {"include_descendants": "on"}, follow=True
    )
    assert "saknar textning eller syntolkning" in response.content.decode()
    assert WebinarEpisodePage.objects.get(pk=draft.pk).live is False


def test_bulk_publishing_a_recording_without_audio_description_is_refused(admin_client, series):
    draft = factories.WebinarEpisodePageFactory(
        parent=series, live=False, audio_description_not_needed=False
    )
    draft.save_revision()
    response = admin_client.post(bulk_publish_url(draft), follow=True)
    assert "saknar textning eller syntolkning" in response.content.decode()
    assert WebinarEpisodePage.objects.get(pk=draft.pk).live is False


def test_bulk_publishing_a_draft_with_captions_works(admin_client, series):
    draft = factories.WebinarEpisodePageFactory(parent=series, live=False)
    draft.save_revision()
    admin_client.post(bulk_publish_url(draft), follow=True)
    assert WebinarEpisodePage.objects.get(pk=draft.pk).live is True
