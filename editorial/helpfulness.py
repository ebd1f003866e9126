"""Falling helpfulness for "Behöver åtgärdas": pages whose share of "Ja, den hjälpte" has
dropped by more than chance explains, read from feedback's models (never written here)."""

import datetime
import math
from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.utils import timezone

from feedback.models import Feedback, FeedbackMonth

RECENT_DAYS = 30
BASELINE_MONTHS = 3
MIN_ANSWERS = 20  # in each window; fewer and even a large drop is not evidence
Z_95 = 1.96  # two-sided 95 % confidence


def wilson_interval(helpful: int, answers: int, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval of the share helpful/answers: unlike the plain ± interval,
    it stays inside 0-1 and is honest for small counts and shares near 0 or 1."""
    if answers <= 0:
        return 0.0, 1.0
    p = helpful / answers
    denominator = 1 + z * z / answers
    centre = p + z * z / (2 * answers)
    margin = z * math.sqrt(p * (1 - p) / answers + z * z / (4 * answers * answers))
    return (centre - margin) / denominator, (centre + margin) / denominator


@dataclass(frozen=True)
class Drop:
    page_id: int
    title: str
    recent_answers: int
    recent_helpful: int
    baseline_answers: int
    baseline_helpful: int

    @property
    def recent_share(self) -> float:
        return self.recent_helpful / self.recent_answers

    @property
    def baseline_share(self) -> float:
        return self.baseline_helpful / self.baseline_answers


def falling_pages(now) -> list[Drop]:
    """Pages whose last 30 days' Wilson interval lies wholly below that of the three whole
    months before the month those 30 days begin in (FeedbackMonth rows; the days between are
    in neither window), each window with at least MIN_ANSWERS answers; steepest drop first."""
    since = now - datetime.timedelta(days=RECENT_DAYS)
    counted = (
        Feedback.objects.filter(created_at__gte=since, created_at__lte=now, page__isnull=False)
        .order_by()
        .values_list("page_id")
        .annotate(answers=Count("created_at"), helpful=Count("created_at", filter=Q(helpful=True)))
        .filter(answers__gte=MIN_ANSWERS)
    )
    recent = {page_id: (answers, helpful) for page_id, answers, helpful in counted}
    if not recent:
        return []
    recent_month = timezone.localdate(since).replace(day=1)
    first = recent_month
    for _month in range(BASELINE_MONTHS):
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    baseline = (
        FeedbackMonth.objects.filter(
            month__gte=first, month__lt=recent_month, page__in=list(recent)
        )
        .order_by()
        .values_list("page_id", "page__title")
        .annotate(answers=Sum("answers"), helpful=Sum("helpful"))
        .filter(answers__gte=MIN_ANSWERS)
    )
    drops = []
    for page_id, title, answers, helpful in baseline:
        recent_answers, recent_helpful = recent[page_id]
        _low, recent_high = wilson_interval(recent_helpful, recent_answers)
        baseline_low, _high = wilson_interval(helpful, answers)
        if recent_high < baseline_low:
            drops.append(Drop(page_id, title, recent_answers, recent_helpful, answers, helpful))
    return sorted(drops, key=lambda d: (d.recent_share - d.baseline_share, d.title))
