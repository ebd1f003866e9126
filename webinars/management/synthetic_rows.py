"""Bulk writes for generate_synthetic_catalogue and the benchmarks (scripts/bench/)."""

import contextlib
from datetime import timedelta

from django.db import connection, transaction
from django.db.models.signals import post_delete, pre_delete
from django.utils import timezone
from wagtail.models import Page

from feedback.models import Feedback

FEEDBACK_BATCH = 50_000


@contextlib.contextmanager
def muted_delete_signals():
    """pre_delete/post_delete receivers switched off for a bulk delete of our own rows."""
    saved = {signal: signal.receivers[:] for signal in (pre_delete, post_delete)}
    try:
        for signal in saved:
            signal.receivers = []
            signal.sender_receivers_cache.clear()
        yield
    finally:
        for signal, receivers in saved.items():
            signal.receivers = receivers
            signal.sender_receivers_cache.clear()


def insert_feedback(page_ids, count, rng, say):
    """`count` answers spread over the pages and the last year, 70 % helpful. Plain INSERTs:
    a million model instances through bulk_create cost most of the time in Python."""
    pages = Page.objects.filter(pk__in=page_ids).only("id", "title", "url_path", "locale_id")
    pages = {page.pk: page for page in pages}
    site_root = (
        Page.objects.filter(depth=2, locale__language_code="sv")
        .order_by("path")
        .values_list("url_path", flat=True)
        .first()
        or "/"
    )
    urls = {pk: "/" + page.url_path[len(site_root) :] for pk, page in pages.items()}
    page_ids = list(pages)
    now = timezone.now()
    say(f"Skapar {count:,} svar ...")
    fields = [field for field in Feedback._meta.concrete_fields if not field.primary_key]
    defaults = {field.attname: field.get_default() for field in fields}
    for start in range(0, count, FEEDBACK_BATCH):
        rows = []
        for _ in range(min(FEEDBACK_BATCH, count - start)):
            page = pages[rng.choice(page_ids)]
            values = {
                **defaults,
                "page_id": page.pk,
                "page_title": page.title,
                "page_url": urls[page.pk],
                "locale_id": page.locale_id,
                "helpful": rng.random() < 0.7,
                "comment": "Syntetisk kommentar." if rng.random() < 0.05 else "",
                "created_at": now - timedelta(seconds=rng.randrange(365 * 86400)),
            }
            rows.append([values[field.attname] for field in fields])
        with transaction.atomic():
            insert_rows(Feedback, fields, rows)
        say(f"  {start + len(rows):,}/{count:,} svar")


def insert_rows(model, fields, rows):
    """Plain INSERTs of `rows` (values in `fields` order), where bulk_create cannot: answers
    with a past `created_at` (auto_now_add), a page type's own table (multi-table inheritance)."""
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
    prepared = [
        [
            field.get_db_prep_save(value, connection)
            for field, value in zip(fields, row, strict=True)
        ]
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, prepared)
