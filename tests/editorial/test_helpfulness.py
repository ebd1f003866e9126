"""Falling helpfulness in "Behöver åtgärdas" (issue #25, item 10): a page is listed when the
last 30 days' share of "Ja" is below the three months before it beyond chance (Wilson
intervals at 95 %), never on a handful of answers."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from editorial import roles
from editorial.attention import items_for
from editorial.helpfulness import MIN_ANSWERS, Z_95, wilson_interval
from feedback.models import Feedback, rebuild_months
from tests import factories

pytestmark = pytest.mark.django_db

REPORT = "/admin/behover-atgardas/"


def answers(page, *, yes, no, days_ago):
    """`yes` + `no` answers on `page`, given `days_ago` (the months are recounted after)."""
    rows = [
        Feedback(page=page, page_title=page.title, locale=page.locale, helpful=helpful)
        for helpful in [True] * yes + [False] * no
    ]
    made = Feedback.objects.bulk_create(rows)
    when = timezone.now() - timedelta(days=days_ago)
    Feedback.objects.filter(pk__in=[row.pk for row in made]).update(created_at=when)


def flagged(user):
    return {item.title: item for item in items_for(user, kind="helpfulness")}


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("redaktor", password="lösen")
    user.groups.add(Group.objects.get(name=roles.EDITORS))
    return user


def test_the_wilson_interval_holds_the_share_and_matches_the_closed_form_at_zero():
    assert wilson_interval(0, 0) == (0.0, 1.0)
    low, high = wilson_interval(0, 10)
    assert low == pytest.approx(0) and high == pytest.approx(Z_95**2 / (10 + Z_95**2))
    for helpful, total in ((1, 1), (7, 10), (70, 100), (700, 1000)):
        low, high = wilson_interval(helpful, total)
        assert 0 <= low < helpful / total <= high <= 1
        # Symmetric: the share of "no" has the mirrored interval.
        mirrored = wilson_interval(total - helpful, total)
        assert (1 - mirrored[1], 1 - mirrored[0]) == pytest.approx((low, high))
    widths = [high - low for low, high in (wilson_interval(7 * n, 10 * n) for n in (1, 10, 100))]
    assert widths == sorted(widths, reverse=True)  # more answers, a narrower interval


def test_a_clear_drop_is_listed_and_small_or_thin_changes_are_not(editor, series):
    dropped = factories.WebinarEpisodePageFactory(parent=series, title="Tappar")
    slight = factories.WebinarEpisodePageFactory(parent=series, title="Lite sämre")
    thin = factories.WebinarEpisodePageFactory(parent=series, title="Få svar")
    one = factories.WebinarEpisodePageFactory(parent=series, title="Ett nej")
    # Baseline (75 days ago is always in the three whole months before the last 30 days).
    answers(dropped, yes=36, no=4, days_ago=75)
    answers(dropped, yes=12, no=18, days_ago=2)
    answers(slight, yes=36, no=4, days_ago=75)
    answers(slight, yes=25, no=5, days_ago=2)
    answers(thin, yes=10, no=0, days_ago=75)
    answers(thin, yes=0, no=MIN_ANSWERS - 1, days_ago=2)
    answers(one, yes=40, no=0, days_ago=75)
    answers(one, yes=0, no=1, days_ago=2)
    rebuild_months()

    found = flagged(editor)
    assert set(found) == {"Tappar"}
    item = found["Tappar"]
    assert item.url == f"/admin/aterkoppling/sida/{dropped.pk}/"  # its answers and comments
    assert item.detail.startswith("40\u00a0% svarade ja de senaste 30 dagarna (30 svar)")
    assert "mot 90\u00a0% de tre månaderna före (40 svar)" in item.detail


def test_answers_outside_both_windows_do_not_count(editor, series):
    page = factories.WebinarEpisodePageFactory(parent=series, title="Gammal")
    answers(page, yes=40, no=0, days_ago=200)  # before the baseline's three months
    answers(page, yes=0, no=30, days_ago=2)
    rebuild_months()
    assert not flagged(editor)


def test_only_those_who_read_feedback_see_it_and_the_report_lists_it(
    editor, django_user_model, series
):
    page = factories.WebinarEpisodePageFactory(parent=series, title="Tappar")
    answers(page, yes=40, no=0, days_ago=75)
    answers(page, yes=5, no=25, days_ago=2)
    rebuild_months()
    nobody = django_user_model.objects.create_user("utan-roll", password="x")
    assert not flagged(nobody)

    client = Client()
    client.force_login(editor)
    dashboard = client.get("/admin/").content.decode()
    assert "Sjunkande hjälpsamhet: 1" in dashboard
    report = client.get(REPORT, {"typ": "helpfulness"}).content.decode()
    assert "Tappar" in report and "svarade ja de senaste 30 dagarna" in report
