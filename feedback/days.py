"""Keeping `FeedbackDay` and `FeedbackMonth`, the answers counted per page, language and day or
month, in step with `Feedback`.

Every write to `Feedback` (feedback/services.py, the page-delete signal, the retention command)
changes the day's and the month's counts in the same transaction with increments in the
database (`F()`, or an upsert for a new answer), so two answers at once never overwrite each
other's count. `rebuild()` recomputes both tables from `Feedback`: for rows written around the
services (bulk imports, fixtures) and to repair any drift."""

from __future__ import annotations

import datetime
import functools
from collections import defaultdict

from django.db import IntegrityError, connection, transaction
from django.db.models import Case, Count, DateField, F, Max, Min, Q, Value, When
from django.db.models.functions import TruncDate
from django.utils import timezone

from .models import local_midnight
from .statements import cursor as statements_cursor

COUNTERS = ("answers", "helpful", "comments")
# A live page has one row per language and day; a retry after a lost race always finds it.
CREATE_ATTEMPTS = 3
ONE_DAY = datetime.timedelta(days=1)


def local_day(moment: datetime.datetime) -> datetime.date:
    """The Stockholm (settings.TIME_ZONE) date of a moment."""
    return timezone.localdate(moment, timezone.get_default_timezone())


def key_of(feedback) -> dict:
    """The FeedbackDay key of an answer (a Feedback or anything with the same attributes)."""
    return {
        "page_id": feedback.page_id,
        "page_title": feedback.page_title,
        "page_url": feedback.page_url,
        "locale_id": feedback.locale_id,
        "day": local_day(feedback.created_at),
    }


def month_of(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def add(*, page_id, page_title, page_url, locale_id, day, answers=0, helpful=0, comments=0):
    """Add to (or, with negative numbers, take from) the counts of one page's day and month.

    Call inside the transaction that writes the Feedback row. Update first; when the row is
    missing, create it, and if a concurrent writer created it first (unique constraint), update
    again. Counts are never taken below zero: a decrement that would is skipped (the table had
    drifted, e.g. rows inserted around the services; `rebuild_feedback_days` repairs that)."""
    from .models import FeedbackDay, FeedbackMonth

    values = {"answers": answers, "helpful": helpful, "comments": comments}
    if not any(values.values()):
        return
    key = {"page_id": page_id, "page_title": page_title, "page_url": page_url}
    key["locale_id"] = locale_id
    change(FeedbackDay, key, {"day": day}, values)
    change(FeedbackMonth, key, {"month": month_of(day)}, values)


def change(model, key: dict, period: dict, values: dict) -> None:
    """`add` for one table: `period` is {"day": …} or {"month": …}."""
    changes = {name: F(name) + value for name, value in values.items() if value}
    rows = model.objects.filter(locale_id=key["locale_id"], **period)
    if key["page_id"] is not None:
        rows = rows.filter(page_id=key["page_id"])
    else:
        # A deleted page's rows have no unique key; change one of them.
        pk = (
            rows.filter(page__isnull=True, page_title=key["page_title"], page_url=key["page_url"])
            .values_list("pk", flat=True)
            .first()
        )
        rows = model.objects.filter(pk=pk)
    rows = rows.filter(**{f"{name}__gte": -value for name, value in values.items() if value < 0})
    for _attempt in range(CREATE_ATTEMPTS):
        if rows.update(**changes):
            return
        if key["page_id"] is None or values["answers"] <= 0:
            return
        try:
            with transaction.atomic():
                model.objects.create(
                    **key, **period, **{name: max(value, 0) for name, value in values.items()}
                )
            return
        except IntegrityError:
            continue  # Created by a concurrent answer since our update: update it now.
    raise RuntimeError(f"{model.__name__} row neither updatable nor creatable")  # pragma: no cover


# A new answer: one INSERT and an upsert per counts table ------------------------------------


def upsert_sql(model, period: str, after: str = "") -> str:
    """Count one new answer on a live page: create its row or add to it, in one statement
    (PostgreSQL and SQLite both take ON CONFLICT on the partial unique index when the
    conflict target repeats its predicate). Concurrent answers never lose a count.

    `after` names a WITH query that must run first (PostgreSQL runs the parts of a WITH in no
    set order unless one reads another): the row locks are then always taken day first,
    month second, as `add` takes them, so two writers never wait for each other in a circle."""
    qn = connection.ops.quote_name
    columns = ", ".join(
        qn(name) for name in ("page_id", "page_title", "page_url", "locale_id", period, *COUNTERS)
    )
    values = "%s, %s, %s, %s, %s, 1, %s, %s"
    source = f"SELECT {values} FROM {after}" if after else f"VALUES ({values})"  # noqa: S608
    return (
        f"INSERT INTO {qn(model._meta.db_table)} AS counted ({columns}) {source} "  # noqa: S608
        + add_on_conflict(period)
    )


def add_on_conflict(period: str) -> str:
    """The upserts' ON CONFLICT clause: a live page's row for the language and `period`
    exists already, so the new counts are added to it."""
    qn = connection.ops.quote_name
    return (
        f"ON CONFLICT ({qn('page_id')}, {qn('locale_id')}, {qn(period)}) "
        f"WHERE {qn('page_id')} IS NOT NULL DO UPDATE SET "
        + ", ".join(f"{qn(name)} = counted.{qn(name)} + EXCLUDED.{qn(name)}" for name in COUNTERS)
    )


def insert_is_one_statement() -> bool:
    """Whether `insert_answer` needs no transaction around it."""
    return connection.vendor == "postgresql" and connection.get_autocommit()


def insert_answer(feedback) -> None:
    """Save a new answer on a live page (a Feedback not yet saved: sets its `pk` and
    `created_at`) and count it in its day and month.

    On PostgreSQL this is one statement, the INSERT and both upserts in one WITH, which is
    atomic on its own: one round trip (prepared where feedback.statements allows it).
    Elsewhere it is three statements; call it inside a transaction (feedback.abuse.storing)."""
    fields, statements = insert_statements()
    values = db_values(feedback, fields)
    day = local_day(feedback.created_at)
    key = [feedback.page_id, feedback.page_title, feedback.page_url, feedback.locale_id]
    counts = [int(bool(feedback.helpful)), int(bool(feedback.comment))]
    with statements_cursor() as cursor:
        if len(statements) == 1:
            cursor.execute(
                statements[0], [*values, *key, day, *counts, *key, month_of(day), *counts]
            )
            feedback.pk = cursor.fetchone()[0]
        else:
            insert, day_upsert, month_upsert = statements
            cursor.execute(insert, values)
            feedback.pk = cursor.fetchone()[0]
            cursor.execute(day_upsert, [*key, day, *counts])
            cursor.execute(month_upsert, [*key, month_of(day), *counts])
    saved(feedback)


def db_values(feedback, fields) -> list:
    """The values of `fields` to insert for a new answer (setting `created_at`, as save does)."""
    return [
        field.get_db_prep_save(field.pre_save(feedback, add=True), connection) for field in fields
    ]


def saved(feedback) -> None:
    """Mark a new answer inserted (its `pk` set) as `Model.save` would."""
    feedback._state.adding = False
    feedback._state.db = connection.alias


@functools.cache
def insert_statements() -> tuple[list, tuple[str, ...]]:
    """(the Feedback fields `insert_answer` writes, its SQL): the one WITH statement on
    PostgreSQL, elsewhere the INSERT and the two upserts. Built once per process."""
    from .models import Feedback, FeedbackDay, FeedbackMonth

    fields = [field for field in Feedback._meta.concrete_fields if not field.primary_key]
    qn = connection.ops.quote_name
    insert = (
        f"INSERT INTO {qn(Feedback._meta.db_table)} "  # noqa: S608
        f"({', '.join(qn(field.column) for field in fields)}) "
        f"VALUES ({', '.join(['%s'] * len(fields))}) RETURNING {qn(Feedback._meta.pk.column)}"
    )
    if connection.vendor == "postgresql":
        day_upsert = upsert_sql(FeedbackDay, "day", after="answer")
        month_upsert = upsert_sql(FeedbackMonth, "month", after="by_day")
        return fields, (
            f"WITH answer AS ({insert}), "  # noqa: S608
            f"by_day AS ({day_upsert} RETURNING 1), by_month AS ({month_upsert}) "
            "SELECT * FROM answer",
        )
    return fields, (insert, upsert_sql(FeedbackDay, "day"), upsert_sql(FeedbackMonth, "month"))


def insert_answers(answers: list) -> None:
    """`insert_answer` for several new answers at once, on PostgreSQL: one statement that
    inserts them all (their values as arrays, UNNEST) and counts them in their days and months,
    each day and month once. Sets each answer's `pk` (RETURNING gives the ids in the order
    the rows were inserted, which is the order given, as Django's bulk_create relies on) and
    `created_at`. The counting rows are locked in the order of their keys, days before months,
    so two such statements never wait for each other in a circle."""
    fields, sql = insert_many_statement()
    rows = []
    for feedback in answers:
        values = db_values(feedback, fields)  # sets created_at
        day = local_day(feedback.created_at)
        rows.append([*values, day, month_of(day)])
    columns = [list(column) for column in zip(*rows, strict=True)]  # one array per column
    with statements_cursor() as cursor:
        cursor.execute(sql, columns)
        ids = [row[0] for row in cursor.fetchall()]
    for feedback, pk in zip(answers, ids, strict=True):
        feedback.pk = pk
        saved(feedback)


@functools.cache
def insert_many_statement() -> tuple[list, str]:
    """(the Feedback fields `insert_answers` writes, its one statement), PostgreSQL only."""
    from .models import Feedback, FeedbackDay, FeedbackMonth

    qn = connection.ops.quote_name
    fields = [field for field in Feedback._meta.concrete_fields if not field.primary_key]
    names = [field.column for field in fields]
    arrays = ", ".join(f"%s::{field.db_type(connection)}[]" for field in fields)
    given = ", ".join(qn(name) for name in [*names, "day", "month", "n"])
    columns = ", ".join(qn(name) for name in names)

    def counted(model, period: str, after: str) -> str:
        key = ", ".join(qn(name) for name in ("page_id", "locale_id", period))
        first = "(ARRAY_AGG({} ORDER BY {}))[1]"
        helpful, comment = qn("helpful"), qn("comment")
        return (
            f"INSERT INTO {qn(model._meta.db_table)} AS counted "  # noqa: S608
            f"({', '.join(qn(name) for name in ('page_id', 'page_title', 'page_url'))}, "
            f"{qn('locale_id')}, {qn(period)}, {', '.join(qn(name) for name in COUNTERS)}) "
            f"SELECT {qn('page_id')}, {first.format(qn('page_title'), qn('n'))}, "
            f"{first.format(qn('page_url'), qn('n'))}, {qn('locale_id')}, {qn(period)}, "
            f"COUNT(*), COUNT(*) FILTER (WHERE {helpful}), "
            f"COUNT(*) FILTER (WHERE {comment} <> '') "
            f"FROM given, (SELECT COUNT(*) FROM {after}) AS {qn('after')} "
            f"WHERE {qn('page_id')} IS NOT NULL GROUP BY {key} ORDER BY {key} "
            + add_on_conflict(period)
        )

    return fields, (
        f"WITH given AS (SELECT * FROM UNNEST({arrays}, %s::date[], %s::date[]) "  # noqa: S608
        f"WITH ORDINALITY AS given({given})), "
        f"answer AS (INSERT INTO {qn(Feedback._meta.db_table)} ({columns}) "
        f"SELECT {columns} FROM given ORDER BY {qn('n')} "
        f"RETURNING {qn(Feedback._meta.pk.column)}), "
        f"by_day AS ({counted(FeedbackDay, 'day', 'answer')} RETURNING 1), "
        f"by_month AS ({counted(FeedbackMonth, 'month', 'by_day')}) "
        "SELECT * FROM answer"
    )


# Recomputing from Feedback -----------------------------------------------------------------


def day_counts(queryset, month: tuple[datetime.date, datetime.date] | None = None):
    """One aggregate query: the answers in `queryset` counted per page, title, address,
    language and local day, as dicts with `local_day` and `n_<counter>`.

    With `month` (its first day and the next month's), the caller has narrowed `queryset` to
    that month and rows are put into days by comparing with the days' boundaries, computed in
    Python: no per-row date function (a Python call per row on SQLite), 2-3 times faster."""
    if month is None:
        local_day = TruncDate("created_at", tzinfo=timezone.get_default_timezone())
    else:
        first, following = month
        ends = [first + datetime.timedelta(days=i + 1) for i in range((following - first).days)]
        local_day = Case(
            *(When(created_at__lt=local_midnight(end), then=Value(end - ONE_DAY)) for end in ends),
            output_field=DateField(),
        )
    return (
        queryset.order_by()
        .annotate(local_day=local_day)
        .values("page_id", "page_title", "page_url", "locale_id", "local_day")
        .annotate(
            n_answers=Count("pk"),
            n_helpful=Count("pk", filter=Q(helpful=True)),
            n_comments=Count("pk", filter=~Q(comment="")),
        )
    )


def merge(counts) -> list[dict]:
    """Rows of `day_counts` merged to FeedbackDay rows: a live page's titles and addresses
    are folded into one row per language and day (keeping the first title seen)."""
    merged = {}
    for values in counts:
        if values["page_id"] is not None:
            key = (values["page_id"], values["locale_id"], values["local_day"])
        else:
            key = (None, values["page_title"], values["page_url"], values["locale_id"])
            key += (values["local_day"],)
        row = merged.get(key)
        if row is None:
            row = merged[key] = {
                "page_id": values["page_id"],
                "page_title": values["page_title"],
                "page_url": values["page_url"],
                "locale_id": values["locale_id"],
                "day": values["local_day"],
                **dict.fromkeys(COUNTERS, 0),
            }
        for name in COUNTERS:
            row[name] += values[f"n_{name}"]
    return list(merged.values())


def months(first: datetime.date, last: datetime.date):
    month = first.replace(day=1)
    while month <= last:
        following = (month + datetime.timedelta(days=32)).replace(day=1)
        yield month, following
        month = following


def by_month(day_rows) -> list[dict]:
    """FeedbackDay rows (dicts, as `merge` makes them) summed to FeedbackMonth rows: a live
    page's rows per language and month (keeping the first title seen), a deleted page's per
    title, address, language and month."""
    months = {}
    for values in day_rows:
        month = month_of(values["day"])
        if values["page_id"] is not None:
            key = (values["page_id"], values["locale_id"], month)
        else:
            key = (None, values["page_title"], values["page_url"], values["locale_id"], month)
        row = months.get(key)
        if row is None:
            row = months[key] = {
                "page_id": values["page_id"],
                "page_title": values["page_title"],
                "page_url": values["page_url"],
                "locale_id": values["locale_id"],
                "month": month,
                **dict.fromkeys(COUNTERS, 0),
            }
        for name in COUNTERS:
            row[name] += values[name]
    return list(months.values())


def rebuild(feedback_model, day_model, month_model=None, *, batch_size=2000) -> dict:
    """Replace every FeedbackDay (and FeedbackMonth) row with counts recomputed from Feedback,
    one aggregate query per calendar month of answers. Idempotent. The models are passed in
    so a data migration can use its historical models. Returns what was done."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # New answers wait until the table is rebuilt instead of being missed or doubled.
            table = connection.ops.quote_name(feedback_model._meta.db_table)
            with connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {table} IN SHARE MODE")  # noqa: S608
        deleted, _ = day_model.objects.all().delete()
        if month_model is not None:
            deleted += month_model.objects.all().delete()[0]
        span = feedback_model.objects.aggregate(first=Min("created_at"), last=Max("created_at"))
        created = answers = 0
        if span["first"] is not None:
            for month, following in months(local_day(span["first"]), local_day(span["last"])):
                batch = feedback_model.objects.filter(
                    created_at__gte=local_midnight(month), created_at__lt=local_midnight(following)
                )
                rows = merge(day_counts(batch, (month, following)))
                day_model.objects.bulk_create(
                    [day_model(**row) for row in rows], batch_size=batch_size
                )
                created += len(rows)
                answers += sum(row["answers"] for row in rows)
                if month_model is not None:
                    month_rows = by_month(rows)
                    month_model.objects.bulk_create(
                        [month_model(**row) for row in month_rows], batch_size=batch_size
                    )
                    created += len(month_rows)
    return {"deleted": deleted, "created": created, "answers": answers}


def regroup_deleted_page(page_id) -> None:
    """A page is being deleted and its answers now carry its last title and address: count
    them again as a deleted page's (page NULL, grouped by title and address), replacing the
    page's rows by day and by month. One aggregate over the page's answers.

    Django sends pre_delete twice for a page (its own model and Page), so a page with no rows
    left (regrouped already, or never counted) is left alone."""
    from .models import Feedback, FeedbackDay, FeedbackMonth

    deleted, _ = FeedbackDay.objects.filter(page_id=page_id).delete()
    deleted += FeedbackMonth.objects.filter(page_id=page_id).delete()[0]
    if not deleted:
        return
    counts = day_counts(Feedback.objects.filter(page_id=page_id))
    rows = merge({**values, "page_id": None} for values in counts)
    FeedbackDay.objects.bulk_create(FeedbackDay(**row) for row in rows)
    FeedbackMonth.objects.bulk_create(FeedbackMonth(**row) for row in by_month(rows))


def totals_by_key(queryset, period: str = "day") -> dict:
    """{key: (answers, helpful, comments)} of FeedbackDay or FeedbackMonth rows (`period`
    names the date field), summed per key (a live page's key without title and address). For
    comparing the kept tables with a rebuild."""
    sums = defaultdict(lambda: [0, 0, 0])
    for row in queryset.values("page_id", "page_title", "page_url", "locale_id", period, *COUNTERS):
        if row["page_id"] is not None:
            key = (row["page_id"], None, None, row["locale_id"], row[period])
        else:
            key = (None, row["page_title"], row["page_url"], row["locale_id"], row[period])
        for i, name in enumerate(COUNTERS):
            sums[key][i] += row[name]
    return {key: tuple(value) for key, value in sums.items() if any(value)}
