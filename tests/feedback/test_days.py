"""The daily counts the report reads (FeedbackDay) stay equal to the answers themselves."""

import io
import threading
from collections import defaultdict
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count, Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from feedback import days
from feedback.models import Feedback, FeedbackDay, FeedbackMonth
from feedback.services import add_comment, comment_token, delete_feedback, submit_feedback
from tests import factories

REPORT_URL = "/admin/aterkoppling/"
SUMMARY = {
    "answers": Count("pk"),
    "helpful": Count("pk", filter=Q(helpful=True)),
    "comments": Count("pk", filter=~Q(comment="")),
}


def kept():
    """The daily counts per key; the monthly counts must always be those summed per month."""
    by_day = days.totals_by_key(FeedbackDay.objects.all())
    assert kept_months() == summed_per_month(by_day)
    return by_day


def kept_months():
    return days.totals_by_key(FeedbackMonth.objects.all(), "month")


def summed_per_month(by_day):
    sums = defaultdict(lambda: (0, 0, 0))
    for (page_id, title, url, locale_id, day), counts in by_day.items():
        key = (page_id, title, url, locale_id, day.replace(day=1))
        sums[key] = tuple(a + b for a, b in zip(sums[key], counts, strict=True))
    return dict(sums)


def rebuilt():
    """Recounted from the answers; `kept() == rebuilt()` compares the months too, as each side
    checks its months against its days."""
    out = io.StringIO()
    call_command("rebuild_feedback_days", stdout=out)
    assert "Räknade om" in out.getvalue()
    return kept()


def age(feedback, days_ago):
    """Move an answer back in time, moving its count along (as if it had been given then)."""
    days.add(
        **days.key_of(feedback),
        answers=-1,
        helpful=-int(feedback.helpful),
        comments=-int(bool(feedback.comment)),
    )
    feedback.created_at = timezone.now() - timedelta(days=days_ago)
    Feedback.objects.filter(pk=feedback.pk).update(created_at=feedback.created_at)
    days.add(
        **days.key_of(feedback),
        answers=1,
        helpful=int(feedback.helpful),
        comments=int(bool(feedback.comment)),
    )


def test_daily_counts_match_a_rebuild_after_posts_comments_deletes_retention_and_page_delete(
    home, episode, series
):
    article = factories.GuidanceArticlePageFactory(parent=home, slug="forsvinner", title="Borta")
    given = [
        submit_feedback(page=episode, helpful=True),
        submit_feedback(page=episode, helpful=False, comment="Oklart"),
        submit_feedback(page=series, helpful=True, comment="Bra"),
        submit_feedback(page=article, helpful=False),
        submit_feedback(page=article, helpful=True),
    ]
    add_comment(token=comment_token(given[0]), comment="Tack")
    add_comment(token=comment_token(given[3]), comment="Saknar exempel")
    old = submit_feedback(page=series, helpful=False, comment="Gammal")
    age(old, 700)
    assert kept() == rebuilt()
    assert sum(answers for answers, _, _ in kept().values()) == 6

    assert delete_feedback(given[1])
    assert not delete_feedback(given[1])  # Already gone: nothing is taken twice.
    call_command("apply_feedback_retention", "--days", "548", stdout=io.StringIO())
    article.title = "Borta för gott"
    article.save_revision().publish()
    submit_feedback(page=article, helpful=True, comment="Efter bytet")
    article.delete()
    add_comment(token=comment_token(given[4]), comment="Sidan togs bort under tiden")

    expected = kept()
    assert expected == rebuilt()
    figures = sorted(expected.values())
    # episode 1 yes + comment; series 1 yes + comment, 1 no (comment removed by retention);
    # the deleted article 3 answers (2 yes), 3 comments, under its last title.
    assert figures == [(1, 0, 0), (1, 1, 1), (1, 1, 1), (3, 2, 3)]
    deleted = FeedbackDay.objects.get(page__isnull=True)
    assert deleted.page_title == "Borta för gott"


def test_monthly_counts_follow_answers_moved_across_a_month_boundary_and_page_moves(
    home, episode, series
):
    feedback = submit_feedback(page=episode, helpful=True, comment="Först")
    age(feedback, 45)
    age(submit_feedback(page=episode, helpful=False), 15)
    other = factories.GuidanceArticlePageFactory(parent=home, slug="ny-plats")
    submit_feedback(page=series, helpful=True)
    # A move changes the page's path (the report's sections follow it), never its counts.
    series.move(other, pos="last-child")
    submit_feedback(page=series, helpful=False, comment="Efter flytten")
    assert delete_feedback(feedback)
    assert kept() == rebuilt()
    assert sum(answers for answers, _, _ in kept_months().values()) == 3
    (series_month,) = FeedbackMonth.objects.filter(page_id=series.pk)
    assert (series_month.answers, series_month.helpful, series_month.comments) == (2, 1, 1)


def test_rebuild_is_idempotent_and_counts_stockholm_days(episode):
    feedback = Feedback.objects.create(
        page=episode, page_title=episode.title, locale=episode.locale, helpful=True
    )
    # 23:30 UTC on 31 March is 1 April in Stockholm.
    moment = datetime(2025, 3, 31, 23, 30, tzinfo=UTC)
    Feedback.objects.filter(pk=feedback.pk).update(created_at=moment)

    first = rebuilt()
    assert rebuilt() == first
    (row,) = FeedbackDay.objects.all()
    assert (str(row.day), row.answers, row.helpful, row.comments) == ("2025-04-01", 1, 1, 0)
    (month,) = FeedbackMonth.objects.all()
    assert (str(month.month), month.answers, month.helpful) == ("2025-04-01", 1, 1)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_answers_and_comments_are_all_counted(home):
    article = factories.GuidanceArticlePageFactory(parent=home, slug="samtidigt-per-dag")
    failures = []

    def worker():
        try:
            for number in range(25):
                feedback = submit_feedback(page=article, helpful=number % 2 == 0)
                if number % 5 == 0:
                    add_comment(token=comment_token(feedback), comment="Samtidigt")
        except Exception as error:  # noqa: BLE001 - any failure in a thread must fail the test
            failures.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert Feedback.objects.filter(page=article).count() == 200
    assert sorted(kept().values()) == [(200, 104, 40)]
    assert kept() == rebuilt()


def report_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(REPORT_URL).status_code == 200
    return len(queries)


def test_report_query_count_does_not_grow_with_days_or_answers(admin_client, episode, series):
    age(submit_feedback(page=episode, helpful=True), 3)
    few = report_queries(admin_client)

    for days_ago in range(0, 400, 7):
        age(submit_feedback(page=episode, helpful=days_ago % 2 == 0), days_ago)
        age(submit_feedback(page=series, helpful=True, comment="Ja"), days_ago)

    # Never more: a history of a year has a monthly chart, read from the months alone; a few
    # days of answers a weekly one, which reads the days too (one query more).
    assert report_queries(admin_client) <= few
    assert kept() == rebuilt()


def test_report_figures_from_months_and_edge_days_equal_a_count_of_the_answers(episode, series):
    """Whole months from FeedbackMonth plus or minus edge days from FeedbackDay: for ranges
    starting and ending anywhere in a month, the sums equal the answers counted directly."""
    from feedback import report

    for number, days_ago in enumerate([0, 1, 3, 9, 17, 28, 31, 33, 45, 59, 61, 75, 90, 130]):
        page = episode if number % 3 else series
        comment = "K" if number % 4 == 0 else ""
        age(submit_feedback(page=page, helpful=number % 2 == 0, comment=comment), days_ago)
    today = timezone.localdate()
    bounds = [None, *(today - timedelta(days=n) for n in (0, 2, 10, 29, 32, 46, 60, 100))]
    for first in bounds:
        for last in bounds:
            filters = report.ReportFilters(date_from=first, date_to=last)
            figures = report.PageFigures(report.Scope(filters), today=today)
            rows = {row.page_id: row for row in figures.fetch(report.ORDER_MOST_ANSWERS)}
            answers = Feedback.objects.between_days(first, last)
            expected = {
                values["page_id"]: (values["answers"], values["helpful"], values["comments"])
                for values in answers.values("page_id").annotate(**SUMMARY).order_by()
            }
            got = {pk: (row.answers, row.helpful, row.comments) for pk, row in rows.items()}
            assert got == expected, (first, last)
            if expected:
                total = figures.summary()
                assert total.answers == sum(a for a, _, _ in expected.values())
            if last is not None:
                per_month = defaultdict(lambda: (0, 0))
                for feedback in answers:
                    month = days.local_day(feedback.created_at).replace(day=1)
                    count, helpful = per_month[month]
                    per_month[month] = (count + 1, helpful + int(feedback.helpful))
                sums = report.monthly_sums(report.Scope(filters), first, last)
                assert {m: v for m, v in sums.items() if v[0]} == dict(per_month), (first, last)
