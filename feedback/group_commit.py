"""Answers that arrive together are stored together: one statement and one commit for all the
answers a process's threads are storing at the same moment (group commit).

Each answer is otherwise its own statement and commit (feedback.days.insert_answer), and on
PostgreSQL the statement's fixed cost (the round trip, the commit and its WAL flush, the
health check of the connection before a request's first query) is most of what an answer
costs the database. Under load the web server's threads of one process answer several posts
at once: the first thread to store an answer becomes the *leader*, stores what is queued in
one statement (`days.insert_answers`), hands the lead to the first answer queued meanwhile and
wakes the others; an answer never waits for a timer, only for the statement before it. With
one post at a time nothing changes: the leader stores its own answer alone.

Nothing is confirmed before it is committed: every thread returns only after the statement
holding its answer has committed, or raises the database's error (a 503 for the visitor,
feedback.abuse.storing). If the statement fails on one answer's account (its page deleted
meanwhile: a foreign key; a deadlock), each answer of it is stored again on its own, so one
answer's problem is never another's.

Used only on PostgreSQL outside transactions (`feedback.days.insert_is_one_statement`): the
leader stores the others' answers on its own connection, which must commit on its own."""

import threading

from django.db import DatabaseError, IntegrityError, OperationalError

from . import days

# How long a thread waits for the statement holding its answer before giving up (a 503): far
# longer than any statement takes, only a guard against a leader that never comes back.
WAIT_SECONDS = 30


class _Answer:
    __slots__ = ("feedback", "done", "error", "leads")

    def __init__(self, feedback):
        self.feedback = feedback
        self.done = threading.Event()
        self.error = None
        self.leads = False


class GroupCommit:
    def __init__(self, store_many=None, store_one=None):
        self.lock = threading.Lock()
        self.queue: list[_Answer] = []
        self.storing = False  # a leader is storing a batch
        # Looked up when used (tests replace them): feedback.days by default.
        self._store_many = store_many
        self._store_one = store_one

    def store_many(self, answers) -> None:
        (self._store_many or days.insert_answers)(answers)

    def store_one(self, feedback) -> None:
        (self._store_one or days.insert_answer)(feedback)

    def store(self, feedback) -> None:
        """Store `feedback` (a new Feedback) with whatever other threads are storing now;
        returns once it is committed (its `pk` set), or raises the database's error."""
        answer = _Answer(feedback)
        with self.lock:
            self.queue.append(answer)
            answer.leads = not self.storing
            self.storing = True
        if not answer.leads and not answer.done.wait(WAIT_SECONDS):
            with self.lock:
                if not answer.done.is_set() and answer in self.queue:
                    self.queue.remove(answer)  # never to be handed the lead now
                    raise OperationalError("the answer was not stored in time")
            answer.done.wait()  # in a batch being stored, or just handed the lead
        if answer.leads:  # from the start, or handed the lead by the leader before
            self.lead()
        if answer.error is not None:
            raise copy_of(answer.error) from answer.error

    def lead(self) -> None:
        with self.lock:
            batch, self.queue = self.queue, []
        try:
            self.store_batch(batch)
        finally:
            with self.lock:
                if self.queue:  # queued while this batch was stored: the first one leads next
                    following = self.queue[0]
                    following.leads = True
                    following.done.set()
                else:
                    self.storing = False
            for answer in batch:
                answer.leads = False
                answer.done.set()

    def store_batch(self, batch: list[_Answer]) -> None:
        """Store the batch, setting each answer's `error` where it failed."""
        try:
            if len(batch) == 1:
                self.store_one(batch[0].feedback)
            else:
                self.store_many([answer.feedback for answer in batch])
            return
        except DatabaseError as error:
            if len(batch) == 1 or not is_one_answers_problem(error):
                for answer in batch:
                    answer.error = error
                return
        except BaseException as error:  # never leave the others waiting
            for answer in batch:
                answer.error = DatabaseError(f"the answer could not be stored: {error!r}")
            raise
        for answer in batch:  # one answer's problem: each on its own
            try:
                self.store_one(answer.feedback)
            except DatabaseError as error:
                answer.error = error


def is_one_answers_problem(error) -> bool:
    """A foreign key (a page or revision deleted since the answer was read) or a deadlock
    fails the whole statement for one answer's sake; a connection lost fails them all."""
    if isinstance(error, IntegrityError):
        return True
    cause = error.__cause__
    return type(cause).__name__ in {"DeadlockDetected", "SerializationFailure"}


def copy_of(error: Exception) -> Exception:
    """The same error for each thread that raises it (an exception raised in several threads
    at once would share, and garble, one traceback)."""
    try:
        return type(error)(*error.args)
    except Exception:
        return DatabaseError(str(error))


_answers = GroupCommit()


def store(feedback) -> None:
    """Store a new answer in this process's group commit (see the module's docstring)."""
    _answers.store(feedback)
