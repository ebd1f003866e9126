"""`FeedbackMonth` kept in step with `Feedback`: each write changes its month's row with `F()`
in the same transaction; `rebuild()` recounts everything (after a bulk import)."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Count, DateField, F, Q
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

    month = TruncMonth("created_at", DateField(), tzinfo=timezone.get_default_timezone())
    counted = (
        Feedback.objects.filter(page__isnull=False, locale__isnull=False)
        .order_by()
        .values_list("page_id", "locale_id", month)
        .annotate(
            n=Count("pk"),
            yes=Count("pk", filter=Q(helpful=True)),
            with_comment=Count("pk", filter=~Q(comment="")),
        )
    )
    names = ("page_id", "locale_id", "month", "answers", "helpful", "comments")
    with transaction.atomic():
        FeedbackMonth.objects.all().delete()
        found = counted.iterator(chunk_size=5000)
        made = (FeedbackMonth(**dict(zip(names, row, strict=True))) for row in found)
        return len(FeedbackMonth.objects.bulk_create(made, batch_size=5000))
