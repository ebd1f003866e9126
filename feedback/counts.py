"""`FeedbackMonth` kept in step with `Feedback`: each write changes its month's row with `F()`
in the same transaction; `rebuild()` recounts everything (after a bulk import)."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone


def month_of(moment: datetime.datetime) -> datetime.date:
    return timezone.localdate(moment, timezone.get_default_timezone()).replace(day=1)


def add(feedback, *, answers=0, helpful=0, comments=0) -> None:
    """Add to (negative: take from) the answer's month; nothing for a deleted page."""
    from .models import FeedbackMonth

    if feedback.page_id is None or feedback.locale_id is None:
        return
    key = {
        "page_id": feedback.page_id,
        "locale_id": feedback.locale_id,
        "month": month_of(feedback.created_at),
    }
    values = {"answers": answers, "helpful": helpful, "comments": comments}
    changes = {name: F(name) + value for name, value in values.items() if value}
    rows = FeedbackMonth.objects.filter(**key)
    if rows.update(**changes) or answers <= 0:
        return
    try:
        with transaction.atomic():
            FeedbackMonth.objects.create(**key, **values)
    except IntegrityError:  # created by a concurrent answer since the update
        rows.update(**changes)


def rebuild(Feedback=None, FeedbackMonth=None) -> int:  # noqa: N803 - models
    """Recount every FeedbackMonth row from Feedback; a migration passes its historical models."""
    if Feedback is None:
        from .models import Feedback, FeedbackMonth

    counted = (
        Feedback.objects.filter(page__isnull=False, locale__isnull=False)
        .annotate(first=TruncMonth("created_at", tzinfo=timezone.get_default_timezone()))
        .order_by()
        .values("page_id", "locale_id", "first")
        .annotate(
            n=Count("pk"),
            n_helpful=Count("pk", filter=Q(helpful=True)),
            n_comments=Count("pk", filter=~Q(comment="")),
        )
    )
    with transaction.atomic():
        FeedbackMonth.objects.all().delete()
        rows = FeedbackMonth.objects.bulk_create(
            (
                FeedbackMonth(
                    page_id=row["page_id"],
                    locale_id=row["locale_id"],
                    month=month_of(row["first"]),
                    answers=row["n"],
                    helpful=row["n_helpful"],
                    comments=row["n_comments"],
                )
                for row in counted.iterator(chunk_size=5000)
            ),
            batch_size=5000,
        )
    return len(rows)
