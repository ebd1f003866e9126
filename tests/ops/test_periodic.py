"""`manage.py run_periodic`, what deploy/systemd/skl-periodic.timer runs every minute: due
scheduled pages go live, and a job that fails stops neither the others nor goes unnoticed."""

import time
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests import factories


def scheduled_page(home):
    page = factories.GuidanceArticlePageFactory(parent=home, slug="schemalagd", live=False)
    page.go_live_at = timezone.now() + timedelta(seconds=1)
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live
    time.sleep(max(0, (page.go_live_at - timezone.now()).total_seconds()) + 0.1)
    return page


def test_run_periodic_publishes_what_is_due_and_runs_the_clean_ups(home, capsys):
    page = scheduled_page(home)
    call_command("run_periodic")
    page.refresh_from_db()
    assert page.live
    output = capsys.readouterr().out
    assert "kommentarer äldre än 548 dagar" in output  # both retention jobs report


def test_a_failing_job_is_reported_after_the_others_have_run(home, settings, capsys):
    settings.FEEDBACK_COMMENT_RETENTION_DAYS = -1  # apply_feedback_retention refuses this
    page = scheduled_page(home)
    with pytest.raises(CommandError, match="apply_feedback_retention"):
        call_command("run_periodic")
    page.refresh_from_db()
    assert page.live
    assert "Raderade 0 kommentarer" in capsys.readouterr().out  # apply_comment_retention ran
