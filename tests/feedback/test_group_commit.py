"""Answers stored together (feedback/group_commit.py): each thread returns only once its answer
is committed, or with the error of the statement that held it; one answer's problem is never
another's; the group carries on after any failure. And `days.insert_answers`, the one
statement that stores a batch on PostgreSQL, counts like one answer at a time."""

import threading
import time

import pytest
from django.db import DatabaseError, IntegrityError, OperationalError, connection

from feedback import days, group_commit
from feedback.models import Feedback, FeedbackDay, FeedbackMonth
from feedback.services import comment_token, feedback_for_token, submit_feedback
from tests import factories

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="one statement for many answers: PostgreSQL only"
)


class Answer:
    """Stands in for a Feedback: the group only hands it to the store functions."""

    def __init__(self, number, bad=False):
        self.number = number
        self.bad = bad
        self.pk = None


class FakeDatabase:
    """Stores answers slowly enough for others to queue meanwhile; records each statement."""

    def __init__(self, error=None):
        self.lock = threading.Lock()
        self.statements = []
        self.stored = []
        self.error = error  # what a statement holding a bad answer raises

    def store(self, answers):
        time.sleep(0.01)
        with self.lock:
            self.statements.append([answer.number for answer in answers])
            if any(answer.bad for answer in answers):
                raise self.error
            for answer in answers:
                answer.pk = answer.number
                self.stored.append(answer.number)

    def store_many(self, answers):
        self.store(answers)

    def store_one(self, answer):
        self.store([answer])


def run_threads(group, answers):
    """Store each answer from its own thread, all at once: {number: error or None}."""
    outcomes = {}
    start = threading.Barrier(len(answers))

    def worker(answer):
        start.wait()
        try:
            group.store(answer)
            outcomes[answer.number] = None
        except Exception as error:  # noqa: BLE001 - the outcome is what is tested
            outcomes[answer.number] = error

    threads = [threading.Thread(target=worker, args=(answer,)) for answer in answers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert not any(thread.is_alive() for thread in threads), "a thread never returned"
    return outcomes


def group_of(database):
    return group_commit.GroupCommit(store_many=database.store_many, store_one=database.store_one)


def test_answers_arriving_together_share_statements_and_each_is_stored_once():
    database = FakeDatabase()
    answers = [Answer(number) for number in range(12)]

    outcomes = run_threads(group_of(database), answers)

    assert outcomes == dict.fromkeys(range(12))
    assert sorted(database.stored) == list(range(12))
    assert all(answer.pk == answer.number for answer in answers)
    assert len(database.statements) < 12, "answers queued during a statement share the next"


def test_one_answer_alone_is_stored_alone_at_once():
    database = FakeDatabase()
    group = group_of(database)

    for number in range(3):
        group.store(Answer(number))

    assert database.statements == [[0], [1], [2]]


def test_a_foreign_key_failing_a_batch_fails_only_its_answer():
    database = FakeDatabase(error=IntegrityError("foreign key"))
    answers = [Answer(number, bad=number == 5) for number in range(10)]

    outcomes = run_threads(group_of(database), answers)

    assert isinstance(outcomes.pop(5), IntegrityError)
    assert outcomes == {number: None for number in range(10) if number != 5}
    assert sorted(database.stored) == [number for number in range(10) if number != 5]


def test_a_lost_connection_fails_every_answer_of_its_statement_and_the_group_goes_on():
    database = FakeDatabase(error=OperationalError("server closed the connection"))
    group = group_of(database)
    answers = [Answer(number, bad=True) for number in range(6)]

    outcomes = run_threads(group, answers)

    assert all(isinstance(error, OperationalError) for error in outcomes.values())
    assert database.stored == []
    group.store(later := Answer(99))
    assert later.pk == 99


def test_an_unexpected_error_never_leaves_the_others_waiting():
    def broken(answers):
        time.sleep(0.01)
        raise ValueError("a bug")

    group = group_commit.GroupCommit(store_many=broken, store_one=broken)

    outcomes = run_threads(group, [Answer(number) for number in range(6)])

    assert all(isinstance(error, ValueError | DatabaseError) for error in outcomes.values())
    assert len(outcomes) == 6
    assert not group.storing and group.queue == []


# On PostgreSQL --------------------------------------------------------------------------------


@postgresql_only
def test_insert_answers_stores_and_counts_like_one_answer_at_a_time(home):
    first = factories.GuidanceArticlePageFactory(parent=home, slug="en-sats-a")
    second = factories.GuidanceArticlePageFactory(parent=home, slug="en-sats-b")
    submit_feedback(page=first, helpful=True)  # a day and month to add to
    answers = [
        Feedback(
            page=page,
            page_title=page.title,
            page_url=page.url,
            locale_id=page.locale_id,
            helpful=helpful,
            comment=comment,
        )
        for page, helpful, comment in [
            (first, False, "Saknar datum."),
            (second, True, ""),
            (first, True, ""),
            (second, False, "Otydligt."),
        ]
    ]

    days.insert_answers(answers)

    for answer in answers:
        stored = Feedback.objects.get(pk=answer.pk)
        assert (stored.page_id, stored.helpful, stored.comment) == (
            answer.page_id,
            answer.helpful,
            answer.comment,
        )
    for model in (FeedbackDay, FeedbackMonth):
        counts = {
            row.page_id: (row.answers, row.helpful, row.comments) for row in model.objects.all()
        }
        assert counts == {first.pk: (3, 2, 1), second.pk: (2, 1, 1)}


@postgresql_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_answers_are_committed_with_their_own_ids(home):
    pages = [
        factories.GuidanceArticlePageFactory(parent=home, slug=f"samtidiga-svar-{number}")
        for number in range(2)
    ]
    statements = []
    original = days.insert_answers

    def counted(answers):
        statements.append(len(answers))
        original(answers)

    days.insert_answers = counted
    failures, tokens = [], []

    def worker(number):
        try:
            for round_number in range(10):
                comment = f"tråd {number} svar {round_number}"
                feedback = submit_feedback(
                    page=pages[number % 2], helpful=number % 2 == 0, comment=comment
                )
                tokens.append((comment_token(feedback), comment))
        except Exception as error:  # noqa: BLE001 - any failure in a thread must fail the test
            failures.append(repr(error))
        finally:
            connection.close()

    try:
        threads = [threading.Thread(target=worker, args=(number,)) for number in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        days.insert_answers = original

    assert failures == []
    assert Feedback.objects.count() == 60
    # Each answer's id, and so the token for its comment, is its own.
    assert all(feedback_for_token(token).comment == comment for token, comment in tokens)
    counts = {
        row.page_id: (row.answers, row.helpful, row.comments) for row in FeedbackDay.objects.all()
    }
    assert counts == {pages[0].pk: (30, 30, 30), pages[1].pk: (30, 0, 30)}
    # Whether answers met in a statement depends on timing; when they did, all were counted.
    assert sum(statements) <= 60


@postgresql_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_insert_answers_on_prepared_statements_with_nulls(home, prepared_statements):
    """Production binds on the server and prepares (feedback/statements.py): arrays holding
    only NULLs (no revision, no comment) still take their column's type."""
    article = factories.GuidanceArticlePageFactory(parent=home, slug="forberedd-sats")
    for _ in range(3):  # run, then run prepared
        answers = [
            Feedback(
                page=article, page_title=article.title, locale_id=article.locale_id, helpful=helpful
            )
            for helpful in (True, False)
        ]
        days.insert_answers(answers)
        assert all(answer.pk for answer in answers)
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any("UNNEST" in sql for sql in prepared), prepared
    assert Feedback.objects.filter(page=article, revision__isnull=True).count() == 6
    (day,) = FeedbackDay.objects.filter(page=article)
    assert (day.answers, day.helpful, day.comments) == (6, 3, 0)
