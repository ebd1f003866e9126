"""A press release's date follows its publishing unless the editor backdates it (issue #25)."""

import time
from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from tests import factories


def test_an_empty_date_becomes_the_first_publication_and_stays(press_index):
    release = factories.PressReleasePageFactory(parent=press_index, live=False, published_at=None)
    assert release.published_at is None

    release.save_revision().publish()
    release.refresh_from_db()
    first = release.published_at
    assert first == release.first_published_at

    release.save_revision().publish()  # a correction later
    release.refresh_from_db()
    assert release.published_at == first


def test_a_scheduled_release_is_dated_when_it_goes_live(press_index):
    release = factories.PressReleasePageFactory(parent=press_index, live=False, published_at=None)
    go_live = timezone.now().replace(microsecond=0) + timedelta(seconds=2)
    release.go_live_at = go_live
    release.save_revision().publish()
    release.refresh_from_db()
    assert not release.live and release.published_at is None

    time.sleep(max(0, (go_live - timezone.now()).total_seconds()) + 0.1)
    call_command("publish_scheduled")
    release.refresh_from_db()
    assert release.live and release.published_at == go_live


def test_a_backdated_release_keeps_its_date(press_index):
    old = timezone.now().replace(microsecond=0) - timedelta(days=3000)
    release = factories.PressReleasePageFactory(parent=press_index, live=False, published_at=old)
    release.save_revision().publish()
    release.refresh_from_db()
    assert release.published_at == old
